import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { startPriority } from '../temporal/task-priority.js';
import { dunningStateQuery, invoiceChangedSignal, type InvoiceDunningInput, type InvoiceDunningState } from '../../workflows/definitions.js';
import type { invoiceDunningWorkflow } from '../../workflows/invoice-dunning.workflow.js';
import { formatAmount } from '../../workflows/domain/money.js';
import { LedgerService } from '../ledger/ledger.service.js';
import { InvoiceBalances } from './invoice-balances.js';
import { InvoiceInputLoader } from './invoice-input-loader.js';
import { appendInvoiceEvent } from './invoice-timeline.js';
import { Invoice } from './invoice.entity.js';

/**
 * Undoing a payment on the invoices' side: open amounts go back up (a paid
 * invoice reopens) inside the caller's transaction, then dunning resumes where
 * it was — a running workflow hears the new amount, a workflow that ended
 * because the invoice was paid starts again with the steps already handled.
 */
@Injectable()
export class InvoicePaymentReversal {
  private readonly logger = new Logger('InvoicePaymentReversal');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(Client) private readonly client: Client,
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(InvoiceInputLoader) private readonly inputs: InvoiceInputLoader,
    @Inject(LedgerService) private readonly ledger: LedgerService,
    @Inject(InvoiceBalances) private readonly balances: InvoiceBalances,
  ) {}

  /** Adds the allocations back to the invoices' open amounts; returns the invoices touched. */
  async reopen(
    manager: EntityManager, paymentId: string, allocations: { invoiceId: string; amountMinor: bigint }[], reason: string,
  ): Promise<{ id: string; customerId: string }[]> {
    const invoices = await this.balances.lockByIds(manager, allocations.map((a) => a.invoiceId));
    for (const invoice of invoices) {
      const amountMinor = allocations.filter((a) => a.invoiceId === invoice.id).reduce((s, a) => s + a.amountMinor, 0n);
      const openAmountMinor = invoice.openAmountMinor + amountMinor;
      const status = invoice.status === 'paid' && openAmountMinor > 0n ? 'open' : invoice.status;
      // The ledger takes the reversal from today: reports of past dates keep the payment they saw.
      await this.balances.changeOpenAmount(manager, invoice, {
        cause: 'payment_reversed', sourceKey: `payment-reversed:${paymentId}`, openAmountMinor, status,
        ledger: { date: await this.ledger.todayAt(invoice.entityId), key: `payment-reversed:${paymentId}:${invoice.id}`, sourceId: paymentId },
      });
      await appendInvoiceEvent(manager, invoice.id, {
        type: 'payment_reversed', dedupeKey: `payment-reversed:${paymentId}`,
        data: { paymentId, amount: formatAmount(amountMinor, invoice.currency), openAmount: formatAmount(openAmountMinor, invoice.currency), reason },
      });
    }
    return invoices.map((i) => ({ id: i.id, customerId: i.customerId }));
  }

  /** After the reversal committed: each invoice's dunning resumes. */
  async resumeDunning(invoiceIds: readonly string[]): Promise<void> {
    const invoices = await this.dataSource.manager.findBy(Invoice, { id: In([...invoiceIds]) });
    for (const invoice of invoices.filter((i) => i.status === 'open')) {
      await this.resume(invoice.workflowId, await this.inputs.forInvoice(invoice));
    }
  }

  private async resume(workflowId: string, input: InvoiceDunningInput): Promise<void> {
    const handle = this.client.workflow.getHandle(workflowId);
    let previous: Pick<InvoiceDunningState, 'handledSteps' | 'executedOn' | 'pausedDays'> | null = null;
    try {
      const description = await handle.describe();
      if (description.status.name === 'RUNNING') {
        await handle.signal(invoiceChangedSignal, { dueDate: input.dueDate, openAmountMinor: input.openAmountMinor });
        return;
      }
      // Ended (paid): the last run knows which steps were done, so none is sent twice.
      previous = await handle.query(dunningStateQuery).catch(async () => ({ ...(await handle.result() as { handledSteps: string[] }), executedOn: {}, pausedDays: 0 }));
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
    }
    this.logger.log(`${workflowId}: payment reversed, dunning resumes${previous ? ` after ${previous.handledSteps.length} handled step(s)` : ''}`);
    await this.client.workflow.start<typeof invoiceDunningWorkflow>('invoiceDunningWorkflow', {
      workflowId,
      taskQueue: this.config.TEMPORAL_TASK_QUEUE,
      priority: startPriority('live', 'reacting'),
      args: [{ ...input, handledSteps: previous?.handledSteps ?? input.handledSteps, ...(previous ? { executedOn: previous.executedOn, pausedDays: previous.pausedDays } : {}) }],
      workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
    });
  }
}
