import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { paymentPlanPaymentSignal } from '../../workflows/payment-plan.definitions.js';
import { promisePaymentSignal } from '../../workflows/promise.definitions.js';

/**
 * The payment path tells the open promises and active payment plans covering
 * the paid invoices, so they react the moment a payment lands. A lost signal costs nothing but
 * time: the promise re-measures when its grace ends, before judging it.
 */
@Injectable()
export class PromisePaymentNotifier {
  private readonly logger = new Logger(PromisePaymentNotifier.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(Client) private readonly client: Client,
  ) {}

  async paymentApplied(invoiceIds: readonly string[], paymentId: string): Promise<void> {
    if (invoiceIds.length === 0) return;
    const promises = (await this.dataSource.query(
      `SELECT workflow_id AS "workflowId" FROM payment_promises WHERE status = 'open' AND invoice_ids && $1::uuid[]`, [invoiceIds],
    )) as { workflowId: string }[];
    const plans = (await this.dataSource.query(
      `SELECT workflow_id AS "workflowId" FROM payment_plans WHERE status = 'active' AND invoice_ids && $1::uuid[]`, [invoiceIds],
    )) as { workflowId: string }[];
    const tell = async (workflowId: string, send: (h: ReturnType<Client['workflow']['getHandle']>) => Promise<void>) => {
      try {
        await send(this.client.workflow.getHandle(workflowId));
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) return;
        this.logger.warn(`${workflowId} not told of payment ${paymentId}: ${(err as Error).message}`);
      }
    };
    await Promise.all([
      ...promises.map((r) => tell(r.workflowId, (h) => h.signal(promisePaymentSignal, { paymentId }))),
      ...plans.map((r) => tell(r.workflowId, (h) => h.signal(paymentPlanPaymentSignal, { paymentId }))),
    ]);
  }
}
