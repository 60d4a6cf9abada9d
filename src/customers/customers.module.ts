import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CustomerAccessModule } from './customer-access.module.js';
import { CustomerContact } from './customer-contact.entity.js';
import { CustomerCreditStore } from './customer-credit.store.js';
import { Customer } from './customer.entity.js';
import { CustomersService } from './customers.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Customer, CustomerContact]), CustomerAccessModule],
  providers: [CustomersService, CustomerCreditStore],
  exports: [CustomersService, CustomerCreditStore, CustomerAccessModule],
})
export class CustomersModule {}
