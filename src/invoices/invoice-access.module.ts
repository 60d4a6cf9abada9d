import { Module } from '@nestjs/common';
import { InvoiceDirectory } from './invoice-directory.js';
import { InvoiceDunningStateStore } from './invoice-dunning-state.store.js';
import { InvoicePortfolioReader } from './invoice-portfolio.reader.js';

/**
 * What other capabilities may read (and the dunning activities record) on invoices, over this
 * module's own SQL. It depends on nothing but the database, so any module imports it without a cycle.
 */
@Module({
  providers: [InvoicePortfolioReader, InvoiceDirectory, InvoiceDunningStateStore],
  exports: [InvoicePortfolioReader, InvoiceDirectory, InvoiceDunningStateStore],
})
export class InvoiceAccessModule {}
