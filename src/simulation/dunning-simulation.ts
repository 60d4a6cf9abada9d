/**
 * What an invoice's workflow would do over a period, without running it.
 * It walks the same loop as `invoiceDunningWorkflow` (scenario path) with the
 * same pure rules — planScenario, planDunning, unmetConditions, the pause
 * day-shift — so a forecast and the real run cannot drift apart by design.
 * Pure and deterministic: the API's simulation and calendar use it.
 */
import { addDays, dateInZone } from '../../workflows/domain/calendar.js';
import { pausedDaysBetween } from '../../workflows/domain/dunning-pause.js';
import { planDunning } from '../../workflows/domain/dunning-schedule.js';
import type { ScenarioAction, ScenarioChannel, ScenarioDefinition } from '../../workflows/domain/scenario.js';
import { planScenario, unmetConditions, type PlannedScenarioStep, type ScenarioTiming, type StepFacts } from '../../workflows/domain/scenario-schedule.js';

/**
 * - `run`: the step's action happens (messages, task, handover…).
 * - `skipped_condition`: the step came due but its conditions do not hold.
 * - `superseded`: a catch-up ran a later step instead; this one never runs.
 * - `awaits_approval`: the step has a checkpoint; a collector must approve
 *   it. The forecast ASSUMES approval at that very instant: the step counts as
 *   executed then, and "days after the previous step" count from that day.
 */
export type SimulatedOutcome = 'run' | 'skipped_condition' | 'superseded' | 'awaits_approval';

export interface SimulatedAction {
  /** Instant (epoch ms) the workflow acts: the step's time, or `from` for a catch-up. */
  at: number;
  /** Local date of `at` in the invoice's time zone. */
  date: string;
  /** The step's planned local date, which the workflow passes on (customer message batches group on it). */
  scheduledDate: string;
  stepKey: string;
  action: ScenarioAction;
  channels: ScenarioChannel[];
  outcome: SimulatedOutcome;
}

/** planScenario's signature: callers may pass a memoised one (portfolios share due dates). */
export type ScenarioPlanner = typeof planScenario;

export interface DunningSimulationInput {
  definition: ScenarioDefinition;
  /** Timing with the invoice's own due date, NOT yet moved by `pausedDays`. */
  timing: ScenarioTiming;
  /** Days the clock stood still in closed pauses. */
  pausedDays: number;
  /**
   * The pause in force at `from` (invoice and customer pauses merged), or null.
   * `since`: when the clock stopped (default `from`); `until`: when it lifts by
   * itself, null = until someone resumes it.
   */
  activePause: { since?: number; until: number | null } | null;
  /** Step keys already handled (executed, skipped by condition, superseded). */
  handled: readonly string[];
  /** Step key → local date it was executed. */
  executedOn: Readonly<Record<string, string>>;
  facts: StepFacts;
  /**
   * The step whose checkpoint is open now, if any: the workflow is blocked
   * on it, whatever else comes due meanwhile, until a collector decides.
   */
  awaitingCheckpoint?: string | null;
  /** The instant the invoice's state is known for ("now"); the walk starts here. */
  from: number;
  /** The last instant to forecast (inclusive). */
  to: number;
  /**
   * A newer version published with "migrate_at_next_step": the workflow
   * switches to it when its next step comes due, before running anything.
   */
  migrateTo?: ScenarioDefinition | null;
  planner?: ScenarioPlanner;
}

/** Bound on the walk: each round handles at least one step, so this is never reached by a valid scenario. */
const MAX_ROUNDS = 10_000;

/**
 * The ordered actions the workflow would take in [from, to]. As the
 * workflow does: if steps already passed at `from`, only the latest runs and
 * the earlier pending ones are superseded; then each next step at its time.
 * An indefinite pause yields nothing; a pause with an end delays everything
 * by the days it lasted, from its end on.
 */
export function simulateInvoiceDunning(input: DunningSimulationInput): SimulatedAction[] {
  const { timing, facts, to } = input;
  const plan = input.planner ?? planScenario;
  const handled = new Set(input.handled);
  const executedOn: Record<string, string> = { ...input.executedOn };
  let definition = input.definition;
  let migrateTo = input.migrateTo ?? null;
  let pausedDays = input.pausedDays;
  let now = input.from;
  const actions: SimulatedAction[] = [];

  const waiting = definition.steps.find((s) => s.key === input.awaitingCheckpoint && !handled.has(s.key));
  if (waiting && now <= to) {
    // Approved now (the forecast's assumption), it runs before anything else is planned.
    const date = dateInZone(now, timing.timeZone);
    actions.push({
      at: now, date, scheduledDate: date, stepKey: waiting.key, action: waiting.action, channels: [...waiting.channels], outcome: 'awaits_approval',
    });
    handled.add(waiting.key);
    executedOn[waiting.key] = date;
  }

  if (input.activePause) {
    const { until, since = input.from } = input.activePause;
    if (until === null) return actions;
    // The workflow lifts the pause when its timer fires at `until`, adding the whole local days it lasted.
    pausedDays += pausedDaysBetween(since, until, timing.timeZone);
    now = Math.max(now, until);
  }

  // The local date of `now`: the planned date when the walk jumps to a step's time (time-zone conversion is the costly part).
  let today: string | null = null;
  const todayDate = () => (today ??= dateInZone(now, timing.timeZone));
  const record = ({ step, date: scheduledDate }: PlannedScenarioStep, outcome: SimulatedOutcome) => {
    actions.push({ at: now, date: todayDate(), scheduledDate, stepKey: step.key, action: step.action, channels: [...step.channels], outcome });
  };

  for (let round = 0; round < MAX_ROUNDS && now <= to; round++) {
    // A pause stops the dunning clock: pending steps move by the paused days.
    const clock = { ...timing, dueDate: addDays(timing.dueDate, pausedDays) };
    const { runNow, superseded, next } = planDunning(plan(definition, clock, executedOn), handled, now);
    if (runNow) {
      if (migrateTo) {
        definition = migrateTo;
        migrateTo = null;
        continue;
      }
      for (const s of superseded) {
        record(s, 'superseded');
        handled.add(s.step.key);
      }
      const step = runNow.step;
      handled.add(step.key);
      // The activities check conditions first, checkpoint or not.
      if (unmetConditions(step.conditions, facts).length > 0) {
        record(runNow, 'skipped_condition');
        continue;
      }
      record(runNow, step.checkpoint ? 'awaits_approval' : 'run');
      executedOn[step.key] = todayDate();
      continue;
    }
    if (!next) break;
    now = next.at;
    today = next.date;
  }
  return actions;
}
