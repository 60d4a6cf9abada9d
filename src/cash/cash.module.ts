import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CustomersModule } from '../customers/customers.module.js';
import { ErpDeliveryStarter } from '../erp-outbox/erp-delivery.starter.js';
import { ErpOutboxModule } from '../erp-outbox/erp-outbox.module.js';
import { InvoicesModule } from '../invoices/invoices.module.js';
import { OrganizationModule } from '../organization/organization.module.js';
import { PaymentsModule } from '../payments/payments.module.js';
import { BankLineReviewService } from './bank-line-review.service.js';
import { BankStatementsController } from './bank-statements.controller.js';
import { BankStatementsService } from './bank-statements.service.js';
import { BankLinesController, CashApplicationController } from './cash-application.controller.js';
import { CashApplicationService } from './cash-application.service.js';
import { CASH_ENTITIES } from './cash.entities.js';
import { CashMatchingService } from './cash-matching.service.js';
import { CashQueueService } from './cash-queue.service.js';
import { CreditAllocationService } from './credit-allocation.service.js';
import { StatementListService } from './statement-list.service.js';
import { UnappliedCashModule } from './unapplied-cash.module.js';

/**
 * Cash application: bank statement import, matching, the review queue and
 * unapplied cash (owns bank_statements, bank_lines, cash_payer_links,
 * cash_customer_credits, cash_credit_allocations). Applied lines become payments through PaymentsModule;
 * the read side of unapplied cash is UnappliedCashModule (for the customer account and reports).
 */
@Module({
  imports: [TypeOrmModule.forFeature(CASH_ENTITIES), UnappliedCashModule, OrganizationModule, InvoicesModule, CustomersModule, PaymentsModule, ErpOutboxModule],
  controllers: [BankStatementsController, CashApplicationController, BankLinesController],
  providers: [
    BankStatementsService, CashMatchingService, CashApplicationService, BankLineReviewService, CashQueueService, CreditAllocationService, StatementListService, ErpDeliveryStarter,
  ],
})
export class CashModule {}
