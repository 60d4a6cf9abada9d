import { Module } from '@nestjs/common';
import { PromiseFiguresReader } from './promise-figures.reader.js';
import { PromisePaymentNotifier } from './promise-payments.notifier.js';

/**
 * What other capabilities may use of promises to pay (payments signal them,
 * credit scores and reports read them), over this module's own SQL. It depends
 * on nothing but the database and the Temporal client, so any module imports it without a cycle.
 */
@Module({
  providers: [PromiseFiguresReader, PromisePaymentNotifier],
  exports: [PromiseFiguresReader, PromisePaymentNotifier],
})
export class PromiseAccessModule {}
