import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CreditModule } from '../credit/credit.module.js';
import { CustomersModule } from '../customers/customers.module.js';
import { InvoiceBalancesModule } from '../invoices/invoice-balances.module.js';
import { InvoicesModule } from '../invoices/invoices.module.js';
import { LedgerModule } from '../ledger/ledger.module.js';
import { OrganizationModule } from '../organization/organization.module.js';
import { CreditNoteAllocation } from './credit-note-allocation.entity.js';
import { CreditNote } from './credit-note.entity.js';
import { CreditNotesController } from './credit-notes.controller.js';
import { CreditNotesService } from './credit-notes.service.js';
import { CustomerCreditService } from './customer-credit.service.js';

/** Credit notes from the ERP (owns credit_notes, credit_note_allocations); exports customers' unallocated credit. */
@Module({
  imports: [TypeOrmModule.forFeature([CreditNote, CreditNoteAllocation]), InvoicesModule, InvoiceBalancesModule, LedgerModule, CustomersModule, OrganizationModule, CreditModule],
  controllers: [CreditNotesController],
  providers: [CreditNotesService, CustomerCreditService],
  exports: [CustomerCreditService],
})
export class CreditNotesModule {}
