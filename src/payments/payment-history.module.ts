import { Module } from '@nestjs/common';
import { PaymentHistoryReader } from './payment-history.reader.js';

/** When invoices were paid, for the credit capability (no dependency back on it). */
@Module({
  providers: [PaymentHistoryReader],
  exports: [PaymentHistoryReader],
})
export class PaymentHistoryModule {}
