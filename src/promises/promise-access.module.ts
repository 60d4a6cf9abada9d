import { Module } from '@nestjs/common';
import { PromiseFiguresReader } from './promise-figures.reader.js';
import { PromisePaymentNotifier } from './promise-payments.notifier.js';

/**
 * What other capabilities may read of promises to pay (credit scores, reports), over this module's
 * own SQL. It depends on nothing but the database, so any module imports it without a cycle.
 */
@Module({
  providers: [PromiseFiguresReader],
  exports: [PromiseFiguresReader],
})
export class PromiseAccessModule {}

/**
 * Lets the payment path tell open promises about payments on their invoices: the database and the
 * (global) Temporal client only, no dependency back on payments.
 */
@Module({
  providers: [PromisePaymentNotifier],
  exports: [PromisePaymentNotifier],
})
export class PromisePaymentsModule {}
