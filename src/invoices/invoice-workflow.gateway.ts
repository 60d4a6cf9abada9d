import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { WorkflowIdReusePolicy, type SignalDefinition } from '@temporalio/common';
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
  type SettlementCause,
} from '../../workflows/definitions.js';
import type { PauseScope } from '../../workflows/domain/dunning-pause.js';
import type { invoiceDunningWorkflow } from '../../workflows/invoice-dunning.workflow.js';

/** Everything the API says to invoice workflows goes through here. */
@Injectable()
export class InvoiceWorkflowGateway {
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

  /**
   * New amount or due date, as one signal-with-start: a running workflow gets
   * the signal, a missing one (a start lost to a crash) starts with it, and
   * there is no gap between the two in which the change could be lost.
   */
  async invoiceChanged(workflowId: string, input: InvoiceDunningInput): Promise<void> {
    await this.signalWithStart(workflowId, input, invoiceChangedSignal, { dueDate: input.dueDate, openAmountMinor: input.openAmountMinor });
  }

  /** A payment lowered the open amount; signal-with-start like invoiceChanged (the activities re-check the invoice before any send anyway). */
  async paymentApplied(workflowId: string, paymentId: string, input: InvoiceDunningInput): Promise<void> {
    await this.signalWithStart(workflowId, input, paymentAppliedSignal, { paymentId, openAmountMinor: input.openAmountMinor });
  }

  /**
   * A credit note or a write-off lowered the open amount: the same signal as
   * a payment, with its cause (the timeline's dunning_stopped says it), by
   * signal-with-start.
   */
  async openAmountReduced(workflowId: string, source: { key: string; cause: SettlementCause }, input: InvoiceDunningInput): Promise<void> {
    await this.signalWithStart(workflowId, input, paymentAppliedSignal, {
      paymentId: source.key, openAmountMinor: input.openAmountMinor, cause: source.cause,
    });
  }

  /** An accepted dispute reduced the open amount; the dispute paused the invoice, so its workflow runs (a closed one needs no news). */
  async creditNoteApplied(workflowId: string, disputeId: string, openAmountMinor: string): Promise<void> {
    await this.signalIfRunning(workflowId, (h) => h.signal(paymentAppliedSignal, { paymentId: `credit-note:${disputeId}`, openAmountMinor, cause: 'dispute_credit_note' }));
  }

  /**
   * The ERP cancelled the invoice: signal-with-start, so a workflow lost to a
   * crash starts only to end at once (its first task sees the signal), and a
   * closed one stays closed.
   */
  async cancelled(workflowId: string, reason: string, input: InvoiceDunningInput): Promise<void> {
    await this.signalWithStart(workflowId, input, invoiceCancelledSignal, { reason });
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

  /**
   * Signals the invoice's workflow, starting it with `input` when none runs.
   * REJECT_DUPLICATE keeps a closed workflow closed: its invoice is settled
   * and needs no news.
   */
  private async signalWithStart<S>(workflowId: string, input: InvoiceDunningInput, signal: SignalDefinition<[S]>, arg: S): Promise<void> {
    try {
      await this.client.workflow.signalWithStart<typeof invoiceDunningWorkflow, [S]>('invoiceDunningWorkflow', {
        workflowId,
        taskQueue: this.config.TEMPORAL_TASK_QUEUE,
        args: [input],
        signal,
        signalArgs: [arg],
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      });
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) return;
      throw err;
    }
  }
}
