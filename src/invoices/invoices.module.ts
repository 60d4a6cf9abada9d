import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CreditModule } from '../credit/credit.module.js';
import { CustomersModule } from '../customers/customers.module.js';
import { DisputeFiguresModule } from '../disputes/disputes.module.js';
import { LedgerModule } from '../ledger/ledger.module.js';
import { OrganizationModule } from '../organization/organization.module.js';
import { PredictionModule } from '../prediction/prediction.module.js';
import { ScenariosModule } from '../scenarios/scenarios.module.js';
import { InvoiceEvent } from './invoice-event.entity.js';
import { InvoiceBalancesModule } from './invoice-balances.module.js';
import { InvoiceAdjustments } from './invoice-adjustments.service.js';
import { InvoiceIdPipe, InvoiceLocator } from './invoice-ref.js';
import { InvoiceProjectionStore } from './invoice-projection.store.js';
import { InvoiceInputLoader } from './invoice-input-loader.js';
import { InvoiceLedgerReader } from './invoice-ledger.reader.js';
import { InvoicePaymentReversal } from './invoice-payment-reversal.js';
import { InvoiceWorkflowInputs } from './invoice-workflow-input.js';
import { InvoiceWorkflowGateway } from './invoice-workflow.gateway.js';
import { Invoice } from './invoice.entity.js';
import { InvoicesController } from './invoices.controller.js';
import { InvoiceDocumentsController } from './invoice-documents.controller.js';
import { InvoiceDocument } from './invoice-document.entity.js';
import { InvoiceDocumentsService } from './invoice-documents.service.js';
import { InvoicesService } from './invoices.service.js';
import { InvoiceBulkIntake } from './invoice-bulk-intake.js';
import { InvoiceListService } from './invoice-list.service.js';
import { CustomerBalancesService } from './customer-balances.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Invoice, InvoiceEvent, InvoiceDocument]), CustomersModule, OrganizationModule, ScenariosModule, CreditModule, PredictionModule, DisputeFiguresModule, LedgerModule, InvoiceBalancesModule],
  controllers: [InvoicesController, InvoiceDocumentsController],
  providers: [
    InvoicesService, InvoiceBulkIntake, InvoiceListService, CustomerBalancesService, InvoiceWorkflowGateway, InvoiceProjectionStore, InvoiceWorkflowInputs,
    InvoiceInputLoader, InvoiceLedgerReader, InvoicePaymentReversal, InvoiceLocator, InvoiceIdPipe, InvoiceAdjustments, InvoiceDocumentsService,
  ],
  exports: [
    // Initial loads (src/imports) check rows with intake's prechecks and load them through bulk intake.
    InvoicesService, InvoiceBulkIntake,
    CustomerBalancesService, InvoiceWorkflowGateway, InvoiceProjectionStore, InvoiceInputLoader, InvoiceLedgerReader, InvoicePaymentReversal,
    InvoiceLocator, InvoiceIdPipe, InvoiceAdjustments, InvoiceDocumentsService,
  ],
})
export class InvoicesModule {}
