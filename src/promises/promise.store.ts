import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource } from 'typeorm';
import type { PromiseOutcome, PromisePort } from '../../activities/promise-ports.js';
import { dateInZone } from '../../workflows/domain/calendar.js';
import { isRepeatBreak, REPEAT_BREAK_WINDOW_DAYS } from '../../workflows/domain/promise-rules.js';
import { formatAmount } from '../../workflows/domain/money.js';
import { Clock, systemClock } from '../clock/clock.js';
import { AppError } from '../common/errors.js';
import { CreditAlertNotifier } from '../credit/credit-alerts.js';
import { CustomerScoringService } from '../credit/customer-scoring.service.js';
import {
  ensureInvoicePause, invoicePauseWithReason, resumePause, type InvoicePause,
} from '../dunning-pauses/invoice-pauses.js';
import { InvoiceBalances } from '../invoices/invoice-balances.js';
import { appendInvoiceEvent } from '../invoices/invoice-timeline.js';
import type { InvoiceWorkflowGateway } from '../invoices/invoice-workflow.gateway.js';
import { InvoiceSettlementReader } from '../payments/invoice-settlement.reader.js';
import { CollectorTaskWriter } from '../tasks/collector-task.writer.js';
import { PaymentPromise } from './payment-promise.entity.js';

/** The reason of the dunning pause a promise holds: the invoice's timeline shows it. */
export const promisePauseReason = (promiseId: string): string => `promise:${promiseId}`;

/**
 * What the promise workflow's activities do (PromisePort): every write is
 * idempotent, so a retried activity changes nothing twice.
 */
@Injectable()
export class PromiseStore implements PromisePort {
  private gateway: InvoiceWorkflowGateway | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(InvoiceBalances) private readonly invoices: InvoiceBalances,
    @Inject(InvoiceSettlementReader) private readonly settlements: InvoiceSettlementReader,
    @Inject(CollectorTaskWriter) private readonly tasks: CollectorTaskWriter,
    @Inject(CreditAlertNotifier) private readonly alerts: CreditAlertNotifier,
    @Inject(CustomerScoringService) private readonly scoring: CustomerScoringService,
    @Optional() @Inject(Clock) private readonly clock: Clock = systemClock,
  ) {}

  /** The worker binds the gateway over its own Temporal client. */
  bindInvoiceWorkflows(gateway: InvoiceWorkflowGateway): this {
    this.gateway = gateway;
    return this;
  }

  private get invoiceWorkflows(): InvoiceWorkflowGateway {
    if (!this.gateway) throw new Error('PromiseStore: invoice workflows gateway not bound');
    return this.gateway;
  }

  private async promise(id: string): Promise<PaymentPromise> {
    const p = await this.dataSource.manager.findOneBy(PaymentPromise, { id });
    if (!p) throw new AppError('PROMISE_NOT_FOUND', `Promise ${id} not found`, 404);
    return p;
  }

  async holdDunning(promiseId: string): Promise<void> {
    const promise = await this.promise(promiseId);
    const reason = promisePauseReason(promiseId);
    const signals: { workflowId: string; pause: InvoicePause }[] = [];
    await this.dataSource.transaction(async (m) => {
      for (const invoice of await this.invoices.lockByIds(m, promise.invoiceIds)) {
        if (invoice.status !== 'open') continue;
        const { pause, created } = await ensureInvoicePause(m, { invoiceId: invoice.id, customerId: invoice.customerId }, reason);
        if (created) {
          await appendInvoiceEvent(m, invoice.id, {
            type: 'dunning_paused', dedupeKey: `paused:${pause.id}`, occurredAt: this.clock.now(),
            data: { scope: 'invoice', reason, cause: 'promise_to_pay', until: null, pauseId: pause.id, promiseId, promisedFor: promise.promisedFor },
          });
        }
        // Another pause already in force (a dispute, a person) holds the invoice: it stays as it is.
        if (pause.reason === reason) signals.push({ workflowId: invoice.workflowId, pause });
      }
    });
    // Told after commit, and again on any retry.
    for (const s of signals) await this.invoiceWorkflows.paused(s.workflowId, s.pause.signal);
  }

  async releaseDunning(promiseId: string): Promise<void> {
    const promise = await this.promise(promiseId);
    const reason = promisePauseReason(promiseId);
    const resumed: string[] = [];
    await this.dataSource.transaction(async (m) => {
      for (const invoice of await this.invoices.lockByIds(m, promise.invoiceIds)) {
        const pause = await invoicePauseWithReason(m, invoice.id, reason);
        if (!pause) continue;
        await resumePause(m, pause.id, this.clock.now());
        await appendInvoiceEvent(m, invoice.id, {
          type: 'dunning_resumed', dedupeKey: `resumed:${pause.id}`, occurredAt: this.clock.now(),
          data: { scope: 'invoice', cause: `promise_${promise.status}`, pauseId: pause.id, promiseId },
        });
        resumed.push(invoice.workflowId);
      }
    });
    for (const workflowId of resumed) await this.invoiceWorkflows.resumed(workflowId, 'invoice');
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
      title: `Promise to pay ${data.amount} ${promise.currency} by ${promise.promisedFor} broken: ${shortfall} ${promise.currency} missing`,
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
    const subject = `Second broken promise to pay within ${REPEAT_BREAK_WINDOW_DAYS} days`;
    await this.alerts.alert(
      promise.customerId, `promise_escalation:${promiseId}`, 'credit_alert', 'promise_escalation', subject,
      `The customer broke a promise to pay ${data.amount} ${promise.currency} due ${promise.promisedFor} ` +
        `(${shortfall} ${promise.currency} missing), its second broken promise within ${REPEAT_BREAK_WINDOW_DAYS} days. ` +
        `Dunning has resumed; review its credit.`,
      { ...data, windowDays: REPEAT_BREAK_WINDOW_DAYS, reason: 'repeat_broken_promise' },
    );
    return { escalated: true };
  }
}
