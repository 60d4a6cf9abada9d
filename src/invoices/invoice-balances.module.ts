import { Module } from '@nestjs/common';
import { InvoiceBalances } from './invoice-balances.js';

/** Invoices' open amounts for payments and disputes (no dependency back on them). */
@Module({
  providers: [InvoiceBalances],
  exports: [InvoiceBalances],
})
export class InvoiceBalancesModule {}
