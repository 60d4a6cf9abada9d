/**
 * The dunning schedule: which step happens when, and what to do now.
 * Pure and deterministic: the invoice workflow and the API both use it.
 */
import { addDays, zonedDateHourToEpoch } from './calendar.js';

export type DunningChannel = 'email' | 'sms' | 'letter';

export type DunningStepKey =
  | 'courtesy_notice'
  | 'reminder_1'
  | 'reminder_2'
  | 'final_notice'
  | 'formal_notice';

export interface DunningStep {
  key: DunningStepKey;
  /** Days relative to the due date (negative: before). */
  offsetDays: number;
  channels: readonly DunningChannel[];
}

/** Built-in scenario until credit managers configure their own. */
export const DEFAULT_DUNNING_SCENARIO: readonly DunningStep[] = [
  { key: 'courtesy_notice', offsetDays: -3, channels: ['email'] },
  { key: 'reminder_1', offsetDays: 1, channels: ['email'] },
  { key: 'reminder_2', offsetDays: 7, channels: ['email', 'sms'] },
  { key: 'final_notice', offsetDays: 15, channels: ['email', 'sms'] },
  { key: 'formal_notice', offsetDays: 30, channels: ['email', 'letter'] },
];

export interface ScheduledStep {
  step: DunningStep;
  /** Local calendar date of the step. */
  date: string;
  /** Instant (epoch ms) at which the step fires. */
  at: number;
}

export interface ScheduleContext {
  dueDate: string;
  timeZone: string;
  /** Local hour at which steps fire. */
  sendHour: number;
}

export function scheduleSteps(
  scenario: readonly DunningStep[],
  ctx: ScheduleContext,
): ScheduledStep[] {
  return scenario
    .map((step) => {
      const date = addDays(ctx.dueDate, step.offsetDays);
      return { step, date, at: zonedDateHourToEpoch(date, ctx.sendHour, ctx.timeZone) };
    })
    .sort((a, b) => a.at - b.at);
}

export interface DunningPlan<T extends { step: { key: string }; at: number } = ScheduledStep> {
  /** The step to execute now: the latest one whose time has passed. */
  runNow: T | null;
  /** Earlier passed steps that are superseded by `runNow` and never sent. */
  superseded: T[];
  /** The next step to wait for. */
  next: T | null;
}

/**
 * Decides what happens at `now` given the steps already handled.
 * An invoice that arrives (or is rescheduled) past several steps runs only the
 * latest passed one, once: a customer never gets a burst of stale reminders.
 */
export function planDunning<T extends { step: { key: string }; at: number }>(
  schedule: readonly T[],
  handled: ReadonlySet<string>,
  now: number,
): DunningPlan<T> {
  const pending = schedule.filter((s) => !handled.has(s.step.key));
  const passed = pending.filter((s) => s.at <= now);
  const upcoming = pending.filter((s) => s.at > now);
  const runNow = passed.length > 0 ? passed[passed.length - 1]! : null;
  return {
    runNow,
    superseded: passed.slice(0, -1),
    next: upcoming[0] ?? null,
  };
}
