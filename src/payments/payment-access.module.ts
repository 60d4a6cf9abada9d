import { Module } from '@nestjs/common';
import { InvoiceSettlementReader } from './invoice-settlement.reader.js';

/**
 * What other capabilities may read of payments, over this module's own SQL. It depends on nothing
 * but the database, so any module imports it without a cycle.
 */
@Module({
  providers: [InvoiceSettlementReader],
  exports: [InvoiceSettlementReader],
})
export class PaymentAccessModule {}
