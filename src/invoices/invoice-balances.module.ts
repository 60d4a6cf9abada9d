import { Module } from '@nestjs/common';
import { LedgerModule } from '../ledger/ledger.module.js';
import { InvoiceBalances } from './invoice-balances.js';

/** Invoices' open amounts and their one writer, for payments, disputes, credit notes and write-offs (no dependency back on them). */
@Module({
  imports: [LedgerModule],
  providers: [InvoiceBalances],
  exports: [InvoiceBalances],
})
export class InvoiceBalancesModule {}
