import { Module } from '@nestjs/common';
import { ReceivablesReader } from './receivables.reader.js';

/** Customers' receivables for the credit capability (no dependency back on it). */
@Module({
  providers: [ReceivablesReader],
  exports: [ReceivablesReader],
})
export class ReceivablesModule {}
