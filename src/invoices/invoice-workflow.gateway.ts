import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { WorkflowIdReusePolicy, type SignalDefinition } from '@temporalio/common';
import { AppConfig } from '../config/app-config.js';
import { ConflictError } from '../common/errors.js';
import { startPriority, type StartUrgency, type TaskLane, type TaskPriority } from '../temporal/task-priority.js';
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

/**
 * Where a new invoice workflow runs: `live` (the ERP's daily invoices) or
 * `bulk` (an initial load), on its own task queue at the lowest priorities so
 * live work never waits behind it.
 */
export type WorkflowLane = TaskLane;

/** How a start is placed: its lane and what it must do at once (its task priority follows, src/temporal/task-priority.ts). */
export interface WorkflowStart {
  lane?: WorkflowLane;
  urgency?: StartUrgency;
}

/** A workflow started by money or a cancellation (a repair) acts on that news at once. */
const REACTING: WorkflowStart = { lane: 'live', urgency: 'reacting' };

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
  async ensureStarted(workflowId: string, input: InvoiceDunningInput, start: WorkflowStart = {}): Promise<'started' | 'existing'> {
    try {
      await this.client.workflow.start<typeof invoiceDunningWorkflow>('invoiceDunningWorkflow', {
        workflowId,
        ...this.placement(start),
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
  async invoiceChanged(workflowId: string, input: InvoiceDunningInput, start: WorkflowStart = {}): Promise<void> {
    await this.signalWithStart(workflowId, input, invoiceChangedSignal, { dueDate: input.dueDate, openAmountMinor: input.openAmountMinor }, start);
  }

  /** A payment lowered the open amount; signal-with-start like invoiceChanged (the activities re-check the invoice before any send anyway). */
  async paymentApplied(workflowId: string, paymentId: string, input: InvoiceDunningInput): Promise<void> {
    await this.signalWithStart(workflowId, input, paymentAppliedSignal, { paymentId, openAmountMinor: input.openAmountMinor }, REACTING);
  }

  /**
   * A credit note or a write-off lowered the open amount: the same signal as
   * a payment, with its cause (the timeline's dunning_stopped says it), by
   * signal-with-start.
   */
  async openAmountReduced(workflowId: string, source: { key: string; cause: SettlementCause }, input: InvoiceDunningInput): Promise<void> {
    await this.signalWithStart(workflowId, input, paymentAppliedSignal, {
      paymentId: source.key, openAmountMinor: input.openAmountMinor, cause: source.cause,
    }, REACTING);
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
    await this.signalWithStart(workflowId, input, invoiceCancelledSignal, { reason }, REACTING);
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

  /**
   * Task queue and priority of a workflow started so; a running workflow keeps its own. Every invoice
   * goes on the live queue, a bulk one at the bulk priorities: the server serves live work first, and
   * an imported invoice's later reminders get the live worker's slots, not the bulk queue's few.
   */
  private placement({ lane = 'live', urgency = 'scheduled' }: WorkflowStart): { taskQueue: string; priority: TaskPriority } {
    return { taskQueue: this.config.TEMPORAL_TASK_QUEUE, priority: startPriority(lane, urgency) };
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
  private async signalWithStart<S>(
    workflowId: string, input: InvoiceDunningInput, signal: SignalDefinition<[S]>, arg: S, start: WorkflowStart = {},
  ): Promise<void> {
    try {
      await this.client.workflow.signalWithStart<typeof invoiceDunningWorkflow, [S]>('invoiceDunningWorkflow', {
        workflowId,
        ...this.placement(start),
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
