/**
 * One workflow per invoice: runs its dunning scenario version with durable
 * timers and reacts at once to payments, changes, pauses and cancellation.
 */
import {
  condition,
  continueAsNew,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { DunningActivities } from '../activities/dunning.activities.js';
import type { ScenarioStepActivities } from '../activities/scenario-step.activities.js';
import {
  decideCheckpointUpdate,
  dunningPausedSignal,
  dunningResumedSignal,
  dunningStateQuery,
  invoiceCancelledSignal,
  invoiceChangedSignal,
  isConsolidatedAction,
  paymentAppliedSignal,
  type CheckpointDecision,
  type DunningPausedSignal,
  type DunningStopCause,
  type InvoiceDunningInput,
  type InvoiceDunningState,
  type InvoiceDunningStatus,
  type NextAction,
  type ScenarioRef,
} from './definitions.js';
import { addDays, dateInZone } from './domain/calendar.js';
import { expiredPauses, nextPauseExpiry, pausedDaysBetween, type ActivePause, type PauseScope } from './domain/dunning-pause.js';
import {
  DEFAULT_DUNNING_SCENARIO,
  planDunning,
  scheduleSteps,
  type DunningStepKey,
} from './domain/dunning-schedule.js';
import type { PlannedScenarioStep } from './domain/scenario-schedule.js';
import { planScenarioDunning } from './domain/scenario-plan.js';

const activities = proxyActivities<DunningActivities & ScenarioStepActivities>({
  startToCloseTimeout: '1 minute',
  // The worker heartbeats while these run (src/temporal/liveness-heartbeat.interceptor.ts): a crashed worker's attempt is retried after this, not after the start-to-close timeout.
  heartbeatTimeout: '20 seconds',
  retry: {
    initialInterval: '2 seconds',
    backoffCoefficient: 2,
    maximumInterval: '10 minutes',
    nonRetryableErrorTypes: ['INVOICE_NOT_FOUND'],
  },
});

/**
 * Short projection writes (next action, superseded steps, expired pause,
 * end of dunning) run as local activities: no activity task, no extra
 * workflow task; a not-yet-due invoice reaches its first timer in one.
 */
const localProjections = proxyLocalActivities<Pick<DunningActivities, 'projectNextAction' | 'recordSupersededSteps' | 'recordDunningResumed' | 'recordDunningEnded'>>({
  startToCloseTimeout: '30 seconds',
  retry: {
    initialInterval: '2 seconds',
    backoffCoefficient: 2,
    maximumInterval: '10 minutes',
    nonRetryableErrorTypes: ['INVOICE_NOT_FOUND'],
  },
});

/**
 * Patch: the intake fast path. The first task of a new invoice trusts what
 * the API has just written (its scenario version is the current one: no
 * migration check; its first next action is already projected), and short
 * projection writes run as local activities.
 */
const INTAKE_FAST_PATH = 'intake-fast-path';

/** Patch: a step that finds the invoice settled in the projection ends the workflow. */
const ENDS_WHEN_PROJECTION_CLOSED = 'ends-when-projection-closed';

/**
 * Patch: steps come from a scenario version (conditions, checkpoints, tasks,
 * business days, version migration) instead of the fixed built-in list.
 */
const SCENARIO_EXECUTION = 'scenario-execution';

/**
 * Patch: reminder and account-statement steps hand their messages to the
 * customer's communications workflow, which sends one message per channel
 * for all the customer's invoices reaching a step the same day.
 */
const CONSOLIDATED_MESSAGES = 'consolidated-messages';

/**
 * Patch: the timeline's `dunning_stopped` entry says what stopped the dunning
 * (the cancellation and its reason, or the payment, credit note or write-off
 * that settled the invoice).
 */
const DUNNING_STOP_CAUSE = 'dunning-stop-cause';

const HOUR_MS = 3_600_000;

/** Keep histories short even for invoices that stay open for years. */
const DEFAULT_CONTINUE_AS_NEW_AFTER_EVENTS = 5_000;

export interface InvoiceDunningResult {
  status: Exclude<InvoiceDunningStatus, 'open'>;
  handledSteps: string[];
}

export async function invoiceDunningWorkflow(
  input: InvoiceDunningInput & { continueAsNewAfterEvents?: number },
): Promise<InvoiceDunningResult> {
  let dueDate = input.dueDate;
  let openAmount = BigInt(input.openAmountMinor);
  let status: InvoiceDunningStatus = openAmount > 0n ? 'open' : 'paid';
  const handled = new Set<string>(input.handledSteps ?? []);
  // Workflows started before scenarios existed keep running the fixed built-in list.
  const runsScenarios = patched(SCENARIO_EXECUTION);
  const fastIntake = patched(INTAKE_FAST_PATH);
  const writes = fastIntake ? localProjections : activities;
  // Started by the API's intake (not a repair, not a continuation): what it wrote holds for the first plan.
  let fromIntake = fastIntake && input.intake !== undefined && !workflowInfo().continuedFromExecutionRunId;
  const projectedAtIntake = fromIntake ? input.intake?.projectedNextAction : undefined;
  let scenario: ScenarioRef | null = input.scenario ?? null;
  const executedOn: Record<string, string> = { ...input.executedOn };
  let awaiting: { stepKey: string; timeoutAt: number } | null = null;
  let decision: CheckpointDecision | null = null;
  let nextAction: NextAction | null = null;
  let changed = false;
  let stopCause: DunningStopCause | null = null;
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
  setHandler(paymentAppliedSignal, (s) => {
    const wasOpen = status === 'open';
    applyOpenAmount(s.openAmountMinor);
    if (wasOpen && status !== 'open') stopCause = { kind: s.cause ?? 'payment', ref: s.paymentId };
  });
  setHandler(invoiceCancelledSignal, (s) => {
    if (status === 'open') {
      status = 'cancelled';
      stopCause = { kind: 'cancellation', ref: null, reason: s.reason };
    }
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
  setHandler(
    decideCheckpointUpdate,
    (d) => {
      decision = d;
      return { accepted: true as const };
    },
    {
      // A refused decision never enters the history.
      validator: (d) => {
        if (!awaiting || awaiting.stepKey !== d.stepKey) throw new Error(`No step "${d.stepKey}" is waiting for approval`);
        if (decision) throw new Error(`Step "${d.stepKey}" has already been decided`);
        if (d.decision !== 'approve' && d.decision !== 'reject') throw new Error('decision must be approve or reject');
      },
    },
  );
  setHandler(dunningStateQuery, (): InvoiceDunningState => ({
    status,
    dueDate,
    openAmountMinor: openAmount.toString(),
    handledSteps: [...handled],
    nextAction,
    scenario: scenario && { scenarioId: scenario.scenarioId, version: scenario.version },
    awaitingCheckpoint: awaiting && { stepKey: awaiting.stepKey, timeoutAt: new Date(awaiting.timeoutAt).toISOString() },
    executedOn: { ...executedOn },
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
      ...(runsScenarios ? { scenario, executedOn } : {}),
    });
  };

  /** Runs one due scenario step, through its checkpoint if it has one; 'ended': the invoice is settled. */
  const runScenarioStep = async (run: PlannedScenarioStep): Promise<'continue' | 'ended'> => {
    const key = run.step.key;
    const stepInput = {
      invoiceId: input.invoiceId,
      scenario: scenario && { scenarioId: scenario.scenarioId, version: scenario.version },
      step: run.step,
      scheduledAt: new Date(run.at).toISOString(),
      scheduledDate: run.date,
    };
    const settle = (invoiceStatus: InvoiceDunningStatus): 'ended' => {
      if (status === 'open') status = invoiceStatus;
      return 'ended';
    };
    if (run.step.checkpoint) {
      const timeoutAt = Date.now() + run.step.checkpoint.timeoutHours * HOUR_MS;
      const opened = await activities.openCheckpoint({ ...stepInput, timeoutAt: new Date(timeoutAt).toISOString() });
      if (opened.outcome === 'skipped_not_open') return settle(opened.invoiceStatus);
      if (opened.outcome === 'skipped_condition') {
        handled.add(key);
        return 'continue';
      }
      awaiting = { stepKey: key, timeoutAt };
      await condition(() => decision !== null || status !== 'open', timeoutAt - Date.now());
      const answer: CheckpointDecision | null = decision;
      decision = null;
      awaiting = null;
      const outcome = status !== 'open' ? 'cancelled' : answer ? (answer.decision === 'approve' ? 'approved' : 'rejected') : 'timed_out';
      const then = outcome === 'approved' ? 'proceed' : outcome === 'timed_out' ? run.step.checkpoint.onTimeout : 'skip';
      await activities.closeCheckpoint({
        invoiceId: input.invoiceId, stepKey: key, outcome, by: answer?.by ?? null, comment: answer?.comment ?? null, then,
      });
      if (status !== 'open') return 'ended';
      if (then === 'skip') {
        handled.add(key);
        return 'continue';
      }
    }
    // Its conditions are checked here, in the invoice's context; the customer's batch then sends it.
    const handsOff = isConsolidatedAction(run.step.action) && patched(CONSOLIDATED_MESSAGES);
    const result = handsOff ? await activities.handOffScenarioStep(stepInput) : await activities.executeScenarioStep(stepInput);
    handled.add(key);
    if (result.outcome === 'skipped_not_open') return settle(result.invoiceStatus);
    if (result.outcome === 'executed' || result.outcome === 'handed_off') executedOn[key] = dateInZone(Date.now(), input.timeZone);
    return 'continue';
  };

  let firstPass = true;
  while (status === 'open') {
    // Only the first plan of a new run can match what the API wrote.
    if (!firstPass) fromIntake = false;
    firstPass = false;
    // Reset before planning: a signal landing during the awaits below must wake the wait.
    changed = false;
    for (const expired of expiredPauses([...pauses.values()], Date.now())) {
      liftPause(expired.scope);
      await writes.recordDunningResumed({ invoiceId: input.invoiceId, pauseId: expired.pauseId, scope: expired.scope, cause: 'expired' });
    }
    if (pauses.size > 0) {
      if (nextAction !== null) {
        nextAction = null;
        await writes.projectNextAction({ invoiceId: input.invoiceId, next: null });
      }
      const expiry = nextPauseExpiry([...pauses.values()]);
      if (expiry !== null) await condition(() => changed, Math.max(1, expiry - Date.now()));
      else await condition(() => changed);
      await continueAsNewIfLong();
      continue;
    }
    // A pause stops the dunning clock: pending steps move by the paused days.
    const clockDueDate = addDays(dueDate, pausedDays);
    const plan = runsScenarios
      ? planScenarioDunning({
          definition: scenario?.definition ?? null, clockDueDate, timeZone: input.timeZone, sendHour: input.sendHour,
          calendar: input.calendar, window: input.window, executedOn, handled,
        }, Date.now())
      : planDunning(
          scheduleSteps(DEFAULT_DUNNING_SCENARIO, { dueDate: clockDueDate, timeZone: input.timeZone, sendHour: input.sendHour }),
          handled,
          Date.now(),
        );

    if (plan.runNow) {
      const run = plan.runNow;
      // A new invoice's scenario version was resolved by the API a moment ago: it is the current one.
      if (runsScenarios && scenario && !fromIntake) {
        // "Migrate at next step": a newer version published with that policy takes over now.
        const target = await activities.migrateScenarioVersion({
          invoiceId: input.invoiceId, scenarioId: scenario.scenarioId, currentVersion: scenario.version,
        });
        if (target) {
          scenario = target;
          continue;
        }
      }
      if (plan.superseded.length > 0) {
        await writes.recordSupersededSteps({
          invoiceId: input.invoiceId,
          steps: plan.superseded.map((s) => ({ step: s.step.key, scheduledAt: new Date(s.at).toISOString() })),
          supersededBy: run.step.key,
        });
        for (const s of plan.superseded) handled.add(s.step.key);
      }
      if (status !== 'open') break;
      if (runsScenarios) {
        if ((await runScenarioStep(run as PlannedScenarioStep)) === 'ended') break;
        continue;
      }
      const result = await activities.executeDunningStep({
        invoiceId: input.invoiceId,
        step: run.step.key as DunningStepKey,
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
    const alreadyProjected = fromIntake && projectedAtIntake !== undefined &&
      (projectedAtIntake === null ? nextAction === null : nextAction?.at === projectedAtIntake.at && nextAction.step === projectedAtIntake.step);
    if (!alreadyProjected) {
      await writes.projectNextAction({
        invoiceId: input.invoiceId,
        next: nextAction ? { at: nextAction.at, step: nextAction.step } : null,
      });
    }
    if (plan.next) await condition(() => changed, plan.next.at - Date.now());
    else await condition(() => changed);

    await continueAsNewIfLong();
  }

  nextAction = null;
  const ended = status as Exclude<InvoiceDunningStatus, 'open'>;
  if (patched(DUNNING_STOP_CAUSE)) await writes.recordDunningEnded({ invoiceId: input.invoiceId, reason: ended, cause: stopCause });
  else await writes.recordDunningEnded({ invoiceId: input.invoiceId, reason: ended });
  return { status: ended, handledSteps: [...handled] };
}

function toActivePause(p: DunningPausedSignal): ActivePause {
  return { pauseId: p.pauseId, scope: p.scope, reason: p.reason, until: p.until ? Date.parse(p.until) : null };
}

function toPauseSignal(p: ActivePause): DunningPausedSignal {
  return { pauseId: p.pauseId, scope: p.scope, reason: p.reason, until: p.until === null ? null : new Date(p.until).toISOString() };
}
