import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CreditModule } from '../credit/credit.module.js';
import { CustomersModule } from '../customers/customers.module.js';
import { DisputeFiguresModule } from '../disputes/disputes.module.js';
import { OrganizationModule } from '../organization/organization.module.js';
import { PredictionModule } from '../prediction/prediction.module.js';
import { ScenariosModule } from '../scenarios/scenarios.module.js';
import { InvoiceEvent } from './invoice-event.entity.js';
import { InvoiceAdjustments } from './invoice-adjustments.service.js';
import { InvoiceIdPipe, InvoiceLocator } from './invoice-ref.js';
import { InvoiceProjectionStore } from './invoice-projection.store.js';
import { InvoiceInputLoader } from './invoice-input-loader.js';
import { InvoiceWorkflowInputs } from './invoice-workflow-input.js';
import { InvoiceWorkflowGateway } from './invoice-workflow.gateway.js';
import { Invoice } from './invoice.entity.js';
import { InvoicesController } from './invoices.controller.js';
import { InvoicesService } from './invoices.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Invoice, InvoiceEvent]), CustomersModule, OrganizationModule, ScenariosModule, CreditModule, PredictionModule, DisputeFiguresModule],
  controllers: [InvoicesController],
  providers: [
    InvoicesService, InvoiceWorkflowGateway, InvoiceProjectionStore, InvoiceWorkflowInputs, InvoiceInputLoader, InvoiceLocator, InvoiceIdPipe, InvoiceAdjustments,
  ],
  exports: [InvoiceWorkflowGateway, InvoiceProjectionStore, InvoiceInputLoader, InvoiceLocator, InvoiceIdPipe, InvoiceAdjustments],
})
export class InvoicesModule {}
