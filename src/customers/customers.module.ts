import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CustomerContact } from './customer-contact.entity.js';
import { Customer } from './customer.entity.js';
import { CustomerDirectory } from './customer-directory.js';
import { CustomersService } from './customers.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Customer, CustomerContact])],
  providers: [CustomersService, CustomerDirectory],
  exports: [CustomersService, CustomerDirectory],
})
export class CustomersModule {}
