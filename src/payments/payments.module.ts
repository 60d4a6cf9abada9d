import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CreditModule } from '../credit/credit.module.js';
import { DisputesModule } from '../disputes/disputes.module.js';
import { InvoiceBalancesModule } from '../invoices/invoice-balances.module.js';
import { InvoicesModule } from '../invoices/invoices.module.js';
import { LedgerModule } from '../ledger/ledger.module.js';
import { OrganizationModule } from '../organization/organization.module.js';
import { PaymentReversalService } from './payment-reversal.service.js';
import { PaymentAllocation } from './payment-allocation.entity.js';
import { Payment } from './payment.entity.js';
import { PaymentsController } from './payments.controller.js';
import { PaymentsService } from './payments.service.js';
import { PaymentLedgerService } from './payment-ledger.service.js';
import { PaymentListService } from './payment-list.service.js';
import { CustomersModule } from '../customers/customers.module.js';
import { PromisePaymentsModule } from '../promises/promise-access.module.js';

@Module({
  imports: [TypeOrmModule.forFeature([Payment, PaymentAllocation]), InvoicesModule, InvoiceBalancesModule, OrganizationModule, CreditModule, DisputesModule, LedgerModule, CustomersModule, PromisePaymentsModule],
  controllers: [PaymentsController],
  providers: [PaymentsService, PaymentLedgerService, PaymentListService, PaymentReversalService],
  exports: [PaymentsService, PaymentLedgerService, PaymentReversalService],
})
export class PaymentsModule {}
