import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock, systemClock } from '../clock/clock.js';
import { ensureInvoicePause, invoicePauseWithReason, resumePause, type InvoicePause } from '../dunning-pauses/invoice-pauses.js';
import { InvoiceBalances } from '../invoices/invoice-balances.js';
import { appendInvoiceEvent } from '../invoices/invoice-timeline.js';
import type { InvoiceWorkflowGateway } from '../invoices/invoice-workflow.gateway.js';

/**
 * Holds and releases the dunning of the invoices under a promise or a payment
 * plan, through dunning pauses: a pause stops the invoice's dunning clock, so
 * it resumes where it stood. The pause's reason names its holder
 * (`promise:<id>`, `payment-plan:<id>`); an invoice already paused by someone
 * else (a dispute, a person) is left as it is. Idempotent: retried activities
 * record once and signal again.
 */
@Injectable()
export class DunningHold {
  private gateway: InvoiceWorkflowGateway | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(InvoiceBalances) private readonly invoices: InvoiceBalances,
    @Optional() @Inject(Clock) private readonly clock: Clock = systemClock,
  ) {}

  /** The worker binds the gateway over its own Temporal client. */
  bindInvoiceWorkflows(gateway: InvoiceWorkflowGateway): this {
    this.gateway = gateway;
    return this;
  }

  private get invoiceWorkflows(): InvoiceWorkflowGateway {
    if (!this.gateway) throw new Error('DunningHold: invoice workflows gateway not bound');
    return this.gateway;
  }

  /** `data`: what the timeline's `dunning_paused` says of the holder (its cause, id…). */
  async hold(invoiceIds: readonly string[], reason: string, data: Record<string, unknown>): Promise<void> {
    const signals: { workflowId: string; pause: InvoicePause }[] = [];
    await this.dataSource.transaction(async (m) => {
      for (const invoice of await this.invoices.lockByIds(m, invoiceIds)) {
        if (invoice.status !== 'open') continue;
        const { pause, created } = await ensureInvoicePause(m, { invoiceId: invoice.id, customerId: invoice.customerId }, reason);
        if (created) {
          await appendInvoiceEvent(m, invoice.id, {
            type: 'dunning_paused', dedupeKey: `paused:${pause.id}`, occurredAt: this.clock.now(),
            data: { scope: 'invoice', reason, until: null, pauseId: pause.id, ...data },
          });
        }
        if (pause.reason === reason) signals.push({ workflowId: invoice.workflowId, pause });
      }
    });
    // Told after commit, and again on any retry.
    for (const s of signals) await this.invoiceWorkflows.paused(s.workflowId, s.pause.signal);
  }

  /** Lifts the holder's pauses; `data` says why on the timeline's `dunning_resumed`. */
  async release(invoiceIds: readonly string[], reason: string, data: Record<string, unknown>): Promise<void> {
    const resumed: string[] = [];
    await this.dataSource.transaction(async (m) => {
      for (const invoice of await this.invoices.lockByIds(m, invoiceIds)) {
        const pause = await invoicePauseWithReason(m, invoice.id, reason);
        if (!pause) continue;
        await resumePause(m, pause.id, this.clock.now());
        await appendInvoiceEvent(m, invoice.id, {
          type: 'dunning_resumed', dedupeKey: `resumed:${pause.id}`, occurredAt: this.clock.now(),
          data: { scope: 'invoice', pauseId: pause.id, ...data },
        });
        resumed.push(invoice.workflowId);
      }
    });
    for (const workflowId of resumed) await this.invoiceWorkflows.resumed(workflowId, 'invoice');
  }
}
