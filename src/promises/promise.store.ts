import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource } from 'typeorm';
import type { PromiseOutcome, PromisePort } from '../../activities/promise-ports.js';
import { taskTitle } from '../../activities/task-titles.js';
import { dateInZone } from '../../workflows/domain/calendar.js';
import { isRepeatBreak, REPEAT_BREAK_WINDOW_DAYS } from '../../workflows/domain/promise-rules.js';
import { formatAmount } from '../../workflows/domain/money.js';
import { Clock, systemClock } from '../clock/clock.js';
import { AppError } from '../common/errors.js';
import { CreditAlertNotifier } from '../credit/credit-alerts.js';
import { CustomerScoringService } from '../credit/customer-scoring.service.js';
import { appendInvoiceEvent } from '../invoices/invoice-timeline.js';
import { InvoiceSettlementReader } from '../payments/invoice-settlement.reader.js';
import { CollectorTaskWriter } from '../tasks/collector-task.writer.js';
import { DunningHold } from './dunning-hold.js';
import { PaymentPromise } from './payment-promise.entity.js';

/** The reason of the dunning pause a promise holds: the invoice's timeline shows it. */
export const promisePauseReason = (promiseId: string): string => `promise:${promiseId}`;

/**
 * What the promise workflow's activities do (PromisePort): every write is
 * idempotent, so a retried activity changes nothing twice.
 */
@Injectable()
export class PromiseStore implements PromisePort {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(DunningHold) private readonly dunning: DunningHold,
    @Inject(InvoiceSettlementReader) private readonly settlements: InvoiceSettlementReader,
    @Inject(CollectorTaskWriter) private readonly tasks: CollectorTaskWriter,
    @Inject(CreditAlertNotifier) private readonly alerts: CreditAlertNotifier,
    @Inject(CustomerScoringService) private readonly scoring: CustomerScoringService,
    @Optional() @Inject(Clock) private readonly clock: Clock = systemClock,
  ) {}

  private async promise(id: string): Promise<PaymentPromise> {
    const p = await this.dataSource.manager.findOneBy(PaymentPromise, { id });
    if (!p) throw new AppError('PROMISE_NOT_FOUND', `Promise ${id} not found`, 404);
    return p;
  }

  async holdDunning(promiseId: string): Promise<void> {
    const promise = await this.promise(promiseId);
    await this.dunning.hold(promise.invoiceIds, promisePauseReason(promiseId), { cause: 'promise_to_pay', promiseId, promisedFor: promise.promisedFor });
  }

  async releaseDunning(promiseId: string): Promise<void> {
    const promise = await this.promise(promiseId);
    await this.dunning.release(promise.invoiceIds, promisePauseReason(promiseId), { cause: `promise_${promise.status}`, promiseId });
  }

  async measure(promiseId: string): Promise<{ receivedMinor: string }> {
    const promise = await this.promise(promiseId);
    return { receivedMinor: (await this.settlements.receivedSince(promise.invoiceIds, promise.createdAt)).toString() };
  }

  async recordOutcome(promiseId: string, outcome: PromiseOutcome): Promise<void> {
    const promise = await this.promise(promiseId);
    if (promise.status !== 'open') return;
    const at = new Date(outcome.at);
    await this.dataSource.transaction(async (m) => {
      await m.update(PaymentPromise, { id: promiseId, status: 'open' }, {
        status: outcome.status, receivedMinor: BigInt(outcome.receivedMinor), keptLate: outcome.keptLate,
        closedAt: at, closedOn: dateInZone(at.getTime(), promise.snapshot.timeZone),
      });
      for (const invoiceId of promise.invoiceIds) {
        await appendInvoiceEvent(m, invoiceId, {
          type: `promise_${outcome.status}`, dedupeKey: `promise_${outcome.status}:${promiseId}`, occurredAt: at,
          data: {
            promiseId, promisedFor: promise.promisedFor, amount: formatAmount(promise.amountMinor, promise.currency),
            received: formatAmount(BigInt(outcome.receivedMinor), promise.currency), keptLate: outcome.keptLate,
          },
        });
      }
    });
  }

  async followUpBroken(promiseId: string): Promise<{ escalated: boolean }> {
    const promise = await this.promise(promiseId);
    const brokenOn = promise.closedOn ?? dateInZone(this.clock.nowMs(), promise.snapshot.timeZone);
    const shortfall = formatAmount(promise.amountMinor - (promise.receivedMinor ?? 0n), promise.currency);
    const data = { promiseId, promisedFor: promise.promisedFor, amount: formatAmount(promise.amountMinor, promise.currency), shortfall };
    await this.tasks.openCustomerTask({
      idempotencyKey: `promise_broken:${promiseId}`, kind: 'call', customerId: promise.customerId, step: 'promise_broken',
      ...taskTitle('PROMISE_BROKEN', { amount: data.amount, currency: promise.currency, promisedFor: promise.promisedFor, missingAmount: shortfall }),
      dueAt: this.clock.now(), data,
    });
    const earlier = await this.dataSource.manager.find(PaymentPromise, {
      where: { customerId: promise.customerId, status: In(['broken']) }, select: { id: true, closedOn: true },
    });
    // The broken promise counts in the customer's payment-behaviour score now, not at the nightly rescoring.
    await this.scoring.rescore([promise.customerId]);
    const repeat = isRepeatBreak(brokenOn, earlier.filter((p) => p.id !== promiseId && p.closedOn !== null).map((p) => p.closedOn!));
    if (!repeat) return { escalated: false };
    await this.dataSource.manager.update(PaymentPromise, { id: promiseId }, { escalated: true });
    const title = taskTitle('PROMISE_ESCALATION', { days: REPEAT_BREAK_WINDOW_DAYS });
    await this.alerts.alert(
      promise.customerId, `promise_escalation:${promiseId}`, 'credit_alert', 'promise_escalation', title,
      `The customer broke a promise to pay ${data.amount} ${promise.currency} due ${promise.promisedFor} ` +
        `(${shortfall} ${promise.currency} missing), its second broken promise within ${REPEAT_BREAK_WINDOW_DAYS} days. ` +
        `Dunning has resumed; review its credit.`,
      { ...data, windowDays: REPEAT_BREAK_WINDOW_DAYS, reason: 'repeat_broken_promise' },
    );
    return { escalated: true };
  }
}
