import { Inject, Injectable, Logger } from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { AppConfig } from '../config/app-config.js';
import {
  invoiceCancelledSignal,
  invoiceChangedSignal,
  paymentAppliedSignal,
  type InvoiceDunningInput,
} from '../../workflows/definitions.js';
import type { invoiceDunningWorkflow } from '../../workflows/invoice-dunning.workflow.js';

/** Everything the API says to invoice workflows goes through here. */
@Injectable()
export class InvoiceWorkflowGateway {
  private readonly logger = new Logger(InvoiceWorkflowGateway.name);

  constructor(
    @Inject(Client) private readonly client: Client,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  /**
   * Starts the invoice's workflow once: a second start for the same business
   * key (retry, replay, restart) is a no-op, even after the workflow closed.
   */
  async ensureStarted(workflowId: string, input: InvoiceDunningInput): Promise<'started' | 'existing'> {
    try {
      await this.client.workflow.start<typeof invoiceDunningWorkflow>('invoiceDunningWorkflow', {
        workflowId,
        taskQueue: this.config.TEMPORAL_TASK_QUEUE,
        args: [input],
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      });
      return 'started';
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) return 'existing';
      throw err;
    }
  }

  async invoiceChanged(workflowId: string, input: InvoiceDunningInput): Promise<void> {
    await this.signalOrStart(workflowId, input, (h) =>
      h.signal(invoiceChangedSignal, { dueDate: input.dueDate, openAmountMinor: input.openAmountMinor }),
    );
  }

  async paymentApplied(workflowId: string, paymentId: string, openAmountMinor: string): Promise<void> {
    try {
      await this.client.workflow.getHandle(workflowId).signal(paymentAppliedSignal, { paymentId, openAmountMinor });
    } catch (err) {
      // A closed workflow needs no news; the activities re-check the invoice before any send anyway.
      if (err instanceof WorkflowNotFoundError) return;
      throw err;
    }
  }

  async cancelled(workflowId: string, reason: string): Promise<void> {
    try {
      await this.client.workflow.getHandle(workflowId).signal(invoiceCancelledSignal, { reason });
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return;
      throw err;
    }
  }

  private async signalOrStart(
    workflowId: string,
    input: InvoiceDunningInput,
    signal: (h: ReturnType<Client['workflow']['getHandle']>) => Promise<void>,
  ): Promise<void> {
    try {
      await signal(this.client.workflow.getHandle(workflowId));
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
      this.logger.warn(`workflow ${workflowId} not running; starting it`);
      await this.ensureStarted(workflowId, input);
    }
  }
}
