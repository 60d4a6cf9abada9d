import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { promisePaymentSignal } from '../../workflows/promise.definitions.js';

/**
 * The payment path tells the open promises covering the paid invoices, so
 * a promise is kept the moment it is covered. A lost signal costs nothing but
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
    const rows = (await this.dataSource.query(
      `SELECT workflow_id AS "workflowId" FROM payment_promises WHERE status = 'open' AND invoice_ids && $1::uuid[]`, [invoiceIds],
    )) as { workflowId: string }[];
    await Promise.all(rows.map(async ({ workflowId }) => {
      try {
        await this.client.workflow.getHandle(workflowId).signal(promisePaymentSignal, { paymentId });
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) return;
        this.logger.warn(`Promise ${workflowId} not told of payment ${paymentId}: ${(err as Error).message}`);
      }
    }));
  }
}
