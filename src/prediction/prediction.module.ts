import { Module } from '@nestjs/common';
import { CustomerAccessModule } from '../customers/customer-access.module.js';
import { DisputeFiguresModule } from '../disputes/disputes.module.js';
import { InvoiceAccessModule } from '../invoices/invoice-access.module.js';
import { OrganizationModule } from '../organization/organization.module.js';
import { PaymentAccessModule } from '../payments/payment-access.module.js';
import { TaskAccessModule } from '../tasks/task-access.module.js';
import { PredictionController } from './prediction.controller.js';
import { PredictionService, PredictionSources } from './prediction.service.js';

/** Payment-date predictions in the product (service exported for the invoice and risk views). */
@Module({
  // The owners' read models: prediction reads no other module's tables.
  imports: [OrganizationModule, DisputeFiguresModule, InvoiceAccessModule, PaymentAccessModule, CustomerAccessModule, TaskAccessModule],
  providers: [PredictionSources, PredictionService],
  exports: [PredictionService],
})
export class PredictionModule {}

/** The HTTP routes: worklist and cash forecast. */
@Module({
  imports: [PredictionModule],
  controllers: [PredictionController],
})
export class PredictionApiModule {}
