import { Inject, Injectable, Logger } from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { AppConfig } from '../config/app-config.js';
import { ConflictError } from '../common/errors.js';
import {
  decideCheckpointUpdate,
  dunningPausedSignal,
  dunningResumedSignal,
  invoiceCancelledSignal,
  invoiceChangedSignal,
  paymentAppliedSignal,
  type CheckpointDecision,
  type DunningPausedSignal,
  type InvoiceDunningInput,
} from '../../workflows/definitions.js';
import type { PauseScope } from '../../workflows/domain/dunning-pause.js';
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
    // The activities re-check the invoice before any send anyway.
    await this.signalIfRunning(workflowId, (h) => h.signal(paymentAppliedSignal, { paymentId, openAmountMinor }));
  }

  async cancelled(workflowId: string, reason: string): Promise<void> {
    await this.signalIfRunning(workflowId, (h) => h.signal(invoiceCancelledSignal, { reason }));
  }

  async paused(workflowId: string, pause: DunningPausedSignal): Promise<void> {
    await this.signalIfRunning(workflowId, (h) => h.signal(dunningPausedSignal, pause));
  }

  async resumed(workflowId: string, scope: PauseScope): Promise<void> {
    await this.signalIfRunning(workflowId, (h) => h.signal(dunningResumedSignal, { scope }));
  }

  /**
   * A collector's decision on a step waiting for approval, as a Temporal
   * update: the workflow's validator refuses a decision for a step that is
   * not waiting, and a refused one never enters the history.
   */
  async decideCheckpoint(workflowId: string, decision: CheckpointDecision): Promise<void> {
    try {
      await this.client.workflow.getHandle(workflowId).executeUpdate(decideCheckpointUpdate, { args: [decision] });
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError) {
        throw new ConflictError('CHECKPOINT_NOT_AWAITING', err.cause?.message ?? err.message);
      }
      if (err instanceof WorkflowNotFoundError) {
        throw new ConflictError('CHECKPOINT_NOT_AWAITING', 'The invoice has no running dunning');
      }
      throw err;
    }
  }

  /** A closed workflow needs no news: its invoice is settled. */
  private async signalIfRunning(
    workflowId: string,
    signal: (h: ReturnType<Client['workflow']['getHandle']>) => Promise<void>,
  ): Promise<void> {
    try {
      await signal(this.client.workflow.getHandle(workflowId));
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
