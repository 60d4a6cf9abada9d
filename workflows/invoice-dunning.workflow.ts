/**
 * One workflow per invoice: runs the dunning scenario with durable timers and
 * reacts at once to payments, changes and cancellation.
 */
import {
  condition,
  continueAsNew,
  patched,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { DunningActivities } from '../activities/dunning.activities.js';
import {
  dunningStateQuery,
  invoiceCancelledSignal,
  invoiceChangedSignal,
  paymentAppliedSignal,
  type InvoiceDunningInput,
  type InvoiceDunningState,
  type InvoiceDunningStatus,
  type NextAction,
} from './definitions.js';
import {
  DEFAULT_DUNNING_SCENARIO,
  planDunning,
  scheduleSteps,
  type DunningStepKey,
} from './domain/dunning-schedule.js';

const activities = proxyActivities<DunningActivities>({
  startToCloseTimeout: '1 minute',
  retry: {
    initialInterval: '2 seconds',
    backoffCoefficient: 2,
    maximumInterval: '10 minutes',
    nonRetryableErrorTypes: ['INVOICE_NOT_FOUND'],
  },
});

/** Patch: a step that finds the invoice settled in the projection ends the workflow. */
const ENDS_WHEN_PROJECTION_CLOSED = 'ends-when-projection-closed';

/** Keep histories short even for invoices that stay open for years. */
const DEFAULT_CONTINUE_AS_NEW_AFTER_EVENTS = 5_000;

export interface InvoiceDunningResult {
  status: Exclude<InvoiceDunningStatus, 'open'>;
  handledSteps: DunningStepKey[];
}

export async function invoiceDunningWorkflow(
  input: InvoiceDunningInput & { continueAsNewAfterEvents?: number },
): Promise<InvoiceDunningResult> {
  let dueDate = input.dueDate;
  let openAmount = BigInt(input.openAmountMinor);
  let status: InvoiceDunningStatus = openAmount > 0n ? 'open' : 'paid';
  const handled = new Set<DunningStepKey>(input.handledSteps ?? []);
  let nextAction: NextAction | null = null;
  let changed = false;

  const applyOpenAmount = (minor: string): void => {
    openAmount = BigInt(minor);
    if (openAmount <= 0n && status === 'open') status = 'paid';
    changed = true;
  };
  setHandler(invoiceChangedSignal, (s) => {
    dueDate = s.dueDate;
    applyOpenAmount(s.openAmountMinor);
  });
  setHandler(paymentAppliedSignal, (s) => applyOpenAmount(s.openAmountMinor));
  setHandler(invoiceCancelledSignal, () => {
    if (status === 'open') status = 'cancelled';
    changed = true;
  });
  setHandler(dunningStateQuery, (): InvoiceDunningState => ({
    status,
    dueDate,
    openAmountMinor: openAmount.toString(),
    handledSteps: [...handled],
    nextAction,
  }));

  const limit = input.continueAsNewAfterEvents ?? DEFAULT_CONTINUE_AS_NEW_AFTER_EVENTS;

  while (status === 'open') {
    // Reset before planning: a signal landing during the awaits below must wake the wait.
    changed = false;
    const schedule = scheduleSteps(DEFAULT_DUNNING_SCENARIO, {
      dueDate, timeZone: input.timeZone, sendHour: input.sendHour,
    });
    const plan = planDunning(schedule, handled, Date.now());

    if (plan.runNow) {
      const run = plan.runNow;
      if (plan.superseded.length > 0) {
        await activities.recordSupersededSteps({
          invoiceId: input.invoiceId,
          steps: plan.superseded.map((s) => ({ step: s.step.key, scheduledAt: new Date(s.at).toISOString() })),
          supersededBy: run.step.key,
        });
        for (const s of plan.superseded) handled.add(s.step.key);
      }
      if (status !== 'open') break;
      const result = await activities.executeDunningStep({
        invoiceId: input.invoiceId,
        step: run.step.key,
        channels: [...run.step.channels],
        scheduledAt: new Date(run.at).toISOString(),
        scheduledDate: run.date,
      });
      handled.add(run.step.key);
      // The projection says the invoice is settled though no signal came (lost
      // in a crash between the API's commit and its signal): stop dunning.
      if (result.outcome === 'skipped_not_open' && result.invoiceStatus !== 'open' && patched(ENDS_WHEN_PROJECTION_CLOSED)) {
        if (status === 'open') status = result.invoiceStatus;
        break;
      }
      continue;
    }

    nextAction = plan.next
      ? { at: new Date(plan.next.at).toISOString(), step: plan.next.step.key, channels: [...plan.next.step.channels] }
      : null;
    await activities.projectNextAction({
      invoiceId: input.invoiceId,
      next: nextAction ? { at: nextAction.at, step: nextAction.step } : null,
    });
    if (plan.next) await condition(() => changed, plan.next.at - Date.now());
    else await condition(() => changed);

    if (status === 'open' && (workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > limit)) {
      await continueAsNew<typeof invoiceDunningWorkflow>({
        ...input,
        dueDate,
        openAmountMinor: openAmount.toString(),
        handledSteps: [...handled],
      });
    }
  }

  nextAction = null;
  const ended = status as Exclude<InvoiceDunningStatus, 'open'>;
  await activities.recordDunningEnded({ invoiceId: input.invoiceId, reason: ended });
  return { status: ended, handledSteps: [...handled] };
}
