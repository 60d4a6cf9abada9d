import { ApplicationFailure } from '@temporalio/common';
import type { DunningStopCause } from '../workflows/definitions.js';
import type { DunningChannel, DunningStepKey } from '../workflows/domain/dunning-schedule.js';
import type { DunningActivityPorts, DunningInvoiceView } from './ports.js';
import { deliverStepMessages } from './step-delivery.js';

export interface ExecuteDunningStepInput {
  invoiceId: string;
  step: DunningStepKey;
  channels: DunningChannel[];
  /** ISO instant the step was scheduled for. */
  scheduledAt: string;
  /** Local calendar date of the step (YYYY-MM-DD). */
  scheduledDate: string;
}

export interface ExecuteDunningStepResult {
  outcome: 'executed' | 'skipped_not_open';
  /** The invoice's status as the projection knows it when the step ran. */
  invoiceStatus: 'open' | 'paid' | 'cancelled';
  messageIds: string[];
}

/** Error codes the workflow must not retry. */
export const INVOICE_NOT_FOUND = 'INVOICE_NOT_FOUND';

export function createDunningActivities(ports: DunningActivityPorts) {
  const { invoices, composer } = ports;

  async function loadInvoice(invoiceId: string): Promise<DunningInvoiceView> {
    const invoice = await invoices.findForDunning(invoiceId);
    if (!invoice) {
      throw ApplicationFailure.nonRetryable(`Invoice ${invoiceId} not found`, INVOICE_NOT_FOUND);
    }
    return invoice;
  }

  /**
   * Sends one dunning step on each of its channels, exactly once per
   * (invoice, step, channel): the idempotency key is that business key and a
   * unique index guards it, so a retried activity never sends twice.
   */
  async function executeDunningStep(input: ExecuteDunningStepInput): Promise<ExecuteDunningStepResult> {
    const invoice = await loadInvoice(input.invoiceId);
    // A payment may have landed since the workflow decided: never chase a settled invoice.
    if (invoice.status !== 'open' || invoice.openAmountMinor <= 0n) {
      return { outcome: 'skipped_not_open', invoiceStatus: invoice.status === 'open' ? 'paid' : invoice.status, messageIds: [] };
    }
    const { messageIds, skippedChannels, failedChannels } = await deliverStepMessages(
      ports, invoice, input.step, input.channels,
      (channel) => composer.compose(input.step, channel, invoice, input.scheduledDate),
    );
    await invoices.appendTimeline(invoice.id, {
      type: 'reminder_sent',
      dedupeKey: `step:${input.step}`,
      data: {
        step: input.step, scheduledAt: input.scheduledAt, channels: input.channels,
        messageIds, skippedChannels, failedChannels,
      },
    });
    return { outcome: 'executed', invoiceStatus: 'open', messageIds };
  }

  /** Records steps that a catch-up superseded, so the timeline explains their absence. */
  async function recordSupersededSteps(input: {
    invoiceId: string;
    steps: { step: string; scheduledAt: string }[];
    supersededBy: string;
  }): Promise<void> {
    await invoices.appendTimelineEntries(input.invoiceId, input.steps.map((s) => ({
      type: 'reminder_skipped',
      dedupeKey: `skip:${s.step}`,
      data: { step: s.step, scheduledAt: s.scheduledAt, supersededBy: input.supersededBy },
    })));
  }

  async function projectNextAction(input: {
    invoiceId: string;
    next: { at: string; step: string } | null;
  }): Promise<void> {
    await invoices.setNextAction(
      input.invoiceId,
      input.next ? { at: new Date(input.next.at), step: input.next.step } : null,
    );
  }

  async function recordDunningEnded(input: { invoiceId: string; reason: 'paid' | 'cancelled'; cause?: DunningStopCause | null }): Promise<void> {
    await invoices.setNextAction(input.invoiceId, null);
    await invoices.appendTimeline(input.invoiceId, {
      type: 'dunning_stopped', dedupeKey: 'dunning_stopped',
      data: { reason: input.reason, ...(input.cause ? { cause: input.cause } : {}) },
    });
  }

  /** A pause that lifted by itself (its end date passed); manual resumes are recorded by the API. */
  async function recordDunningResumed(input: {
    invoiceId: string;
    pauseId: string;
    scope: 'invoice' | 'customer';
    cause: 'expired';
  }): Promise<void> {
    await invoices.appendTimeline(input.invoiceId, {
      type: 'dunning_resumed',
      dedupeKey: `resumed:${input.pauseId}`,
      data: { scope: input.scope, cause: input.cause, pauseId: input.pauseId },
    });
  }

  return { executeDunningStep, recordSupersededSteps, projectNextAction, recordDunningEnded, recordDunningResumed };
}

export type DunningActivities = ReturnType<typeof createDunningActivities>;
