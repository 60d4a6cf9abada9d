import { Module } from '@nestjs/common';
import { UnappliedCashModule } from '../cash/unapplied-cash.module.js';
import { CreditNotesModule } from '../credit-notes/credit-notes.module.js';
import { CreditModule } from '../credit/credit.module.js';
import { CustomersModule } from '../customers/customers.module.js';
import { DisputeFiguresModule } from '../disputes/disputes.module.js';
import { DunningPausesModule } from '../dunning-pauses/dunning-pauses.module.js';
import { InvoicesModule } from '../invoices/invoices.module.js';
import { MessagesModule } from '../messages/messages.module.js';
import { NotesModule } from '../notes/notes.module.js';
import { TaskAccessModule } from '../tasks/task-access.module.js';
import { OrganizationModule } from '../organization/organization.module.js';
import { PaymentsModule } from '../payments/payments.module.js';
import { PortalActivityModule } from '../portal/portal-activity.module.js';
import { CustomerAccountController } from './customer-account.controller.js';
import { CustomerAccountService } from './customer-account.service.js';
import { CustomerListService } from './customer-list.service.js';
import { CustomerNetBalances } from './net-balances.js';

/**
 * The customer list and account: a composition over the owners' exported services (it has no
 * table). It lives apart from `customers` because it needs invoices, payments and credit, which
 * themselves depend on `customers`.
 */
@Module({
  imports: [
    CustomersModule, InvoicesModule, PaymentsModule, CreditModule, DisputeFiguresModule, DunningPausesModule, MessagesModule, OrganizationModule,
    UnappliedCashModule, CreditNotesModule, NotesModule, TaskAccessModule, PortalActivityModule,
  ],
  controllers: [CustomerAccountController],
  providers: [CustomerListService, CustomerAccountService, CustomerNetBalances],
  // The customer portal shows the account's open items and statement to the customer.
  exports: [CustomerAccountService],
})
export class CustomerAccountModule {}
