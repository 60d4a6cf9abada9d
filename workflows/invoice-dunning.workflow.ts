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
  dunningPausedSignal,
  dunningResumedSignal,
  dunningStateQuery,
  invoiceCancelledSignal,
  invoiceChangedSignal,
  paymentAppliedSignal,
  type DunningPausedSignal,
  type InvoiceDunningInput,
  type InvoiceDunningState,
  type InvoiceDunningStatus,
  type NextAction,
} from './definitions.js';
import { addDays } from './domain/calendar.js';
import { expiredPauses, nextPauseExpiry, pausedDaysBetween, type ActivePause, type PauseScope } from './domain/dunning-pause.js';
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
  const pauses = new Map<PauseScope, ActivePause>(
    (input.pauses ?? []).map((p) => [p.scope, toActivePause(p)]),
  );
  let pausedSince: number | null = input.pausedSince ? Date.parse(input.pausedSince) : pauses.size > 0 ? Date.now() : null;
  let pausedDays = input.pausedDays ?? 0;

  const liftPause = (scope: PauseScope): boolean => {
    if (!pauses.delete(scope)) return false;
    if (pauses.size === 0 && pausedSince !== null) {
      pausedDays += pausedDaysBetween(pausedSince, Date.now(), input.timeZone);
      pausedSince = null;
    }
    return true;
  };

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
  setHandler(dunningPausedSignal, (s) => {
    if (pauses.size === 0) pausedSince = Date.now();
    pauses.set(s.scope, toActivePause(s));
    changed = true;
  });
  setHandler(dunningResumedSignal, (s) => {
    if (liftPause(s.scope)) changed = true;
  });
  setHandler(dunningStateQuery, (): InvoiceDunningState => ({
    status,
    dueDate,
    openAmountMinor: openAmount.toString(),
    handledSteps: [...handled],
    nextAction,
    pauses: [...pauses.values()].map(toPauseSignal),
    pausedDays,
  }));

  const limit = input.continueAsNewAfterEvents ?? DEFAULT_CONTINUE_AS_NEW_AFTER_EVENTS;
  const continueAsNewIfLong = async (): Promise<void> => {
    if (status !== 'open' || !(workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > limit)) return;
    await continueAsNew<typeof invoiceDunningWorkflow>({
      ...input,
      dueDate,
      openAmountMinor: openAmount.toString(),
      handledSteps: [...handled],
      pauses: [...pauses.values()].map(toPauseSignal),
      pausedSince: pausedSince === null ? null : new Date(pausedSince).toISOString(),
      pausedDays,
    });
  };

  while (status === 'open') {
    // Reset before planning: a signal landing during the awaits below must wake the wait.
    changed = false;
    for (const expired of expiredPauses([...pauses.values()], Date.now())) {
      liftPause(expired.scope);
      await activities.recordDunningResumed({ invoiceId: input.invoiceId, pauseId: expired.pauseId, scope: expired.scope, cause: 'expired' });
    }
    if (pauses.size > 0) {
      if (nextAction !== null) {
        nextAction = null;
        await activities.projectNextAction({ invoiceId: input.invoiceId, next: null });
      }
      const expiry = nextPauseExpiry([...pauses.values()]);
      if (expiry !== null) await condition(() => changed, Math.max(1, expiry - Date.now()));
      else await condition(() => changed);
      await continueAsNewIfLong();
      continue;
    }
    // A pause stops the dunning clock: pending steps move by the paused days.
    const schedule = scheduleSteps(DEFAULT_DUNNING_SCENARIO, {
      dueDate: addDays(dueDate, pausedDays), timeZone: input.timeZone, sendHour: input.sendHour,
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

    await continueAsNewIfLong();
  }

  nextAction = null;
  const ended = status as Exclude<InvoiceDunningStatus, 'open'>;
  await activities.recordDunningEnded({ invoiceId: input.invoiceId, reason: ended });
  return { status: ended, handledSteps: [...handled] };
}

function toActivePause(p: DunningPausedSignal): ActivePause {
  return { pauseId: p.pauseId, scope: p.scope, reason: p.reason, until: p.until ? Date.parse(p.until) : null };
}

function toPauseSignal(p: ActivePause): DunningPausedSignal {
  return { pauseId: p.pauseId, scope: p.scope, reason: p.reason, until: p.until === null ? null : new Date(p.until).toISOString() };
}
