import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CustomerAccessModule } from '../customers/customer-access.module.js';
import { InvoiceAccessModule } from '../invoices/invoice-access.module.js';
import { InvoicesModule } from '../invoices/invoices.module.js';
import { OrganizationModule } from '../organization/organization.module.js';
import { DunningPause } from './dunning-pause.entity.js';
import { DunningPausesController } from './dunning-pauses.controller.js';
import { DunningPausesService } from './dunning-pauses.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([DunningPause]), InvoicesModule, OrganizationModule, InvoiceAccessModule, CustomerAccessModule],
  controllers: [DunningPausesController],
  providers: [DunningPausesService],
  exports: [DunningPausesService],
})
export class DunningPausesModule {}
