/**
 * When each step of a scenario comes due for one invoice, and whether it
 * applies. Pure: the invoice workflow, simulation and the calendar share it.
 */
import { nextSendingInstant, type BusinessCalendar, type SendingWindow } from './business-calendar.js';
import { addDays, dateInZone, zonedDateHourToEpoch } from './calendar.js';
import { MoneyFormatError, parseAmount } from './money.js';
import type { ScenarioDefinition, ScenarioStepDefinition, StepConditions } from './scenario.js';

export interface ScenarioTiming {
  /** The due date the steps count from (already moved by paused days). */
  dueDate: string;
  timeZone: string;
  /** Local hour at which a step is meant to go out. */
  sendHour: number;
  calendar: BusinessCalendar;
  /** null: no window (development); steps go out on their raw date and hour. */
  window: SendingWindow | null;
}

export interface PlannedScenarioStep {
  step: ScenarioStepDefinition;
  index: number;
  /** Local date the step goes out, after business-day and window shifting. */
  date: string;
  /** Instant (epoch ms) the step goes out. */
  at: number;
}

/**
 * Plans every step. `executedOn` (step key → local date it ran) anchors
 * "days after the previous step" on what really happened: a step delayed by
 * a checkpoint or a pause delays the ones that follow it.
 */
export function planScenario(
  definition: ScenarioDefinition,
  timing: ScenarioTiming,
  executedOn: Readonly<Record<string, string>> = {},
): PlannedScenarioStep[] {
  let previousDate: string | null = null;
  return definition.steps.map((step, index) => {
    const raw =
      step.trigger.kind === 'due_date'
        ? addDays(timing.dueDate, step.trigger.offsetDays)
        : addDays(previousDate ?? timing.dueDate, step.trigger.days);
    const intended = zonedDateHourToEpoch(raw, timing.sendHour, timing.timeZone);
    const at = nextSendingInstant(intended, timing.timeZone, timing.window, timing.calendar);
    const date = dateInZone(at, timing.timeZone);
    previousDate = executedOn[step.key] ?? date;
    return { step, index, date, at };
  });
}

/** What a step's conditions are checked against. */
export interface StepFacts {
  /** The invoice's open amount, minor units. */
  openAmountMinor: bigint;
  currency: string;
  segment: string | null;
  riskClass: string | null;
}

/** Why the step does not apply to this invoice (empty: it applies). */
export function unmetConditions(conditions: StepConditions | undefined, facts: StepFacts): string[] {
  if (!conditions) return [];
  const reasons: string[] = [];
  if (conditions.minOverdueAmount !== undefined) {
    let minimum: bigint | null = null;
    try {
      minimum = parseAmount(conditions.minOverdueAmount, facts.currency);
    } catch (err) {
      if (!(err instanceof MoneyFormatError)) throw err;
    }
    if (minimum === null) reasons.push(`minimum amount ${conditions.minOverdueAmount} does not fit ${facts.currency}`);
    else if (facts.openAmountMinor < minimum) reasons.push(`open amount below ${conditions.minOverdueAmount} ${facts.currency}`);
  }
  if (conditions.segments?.length && !(facts.segment && conditions.segments.includes(facts.segment))) {
    reasons.push(`segment ${facts.segment ?? '(none)'} not in ${conditions.segments.join(', ')}`);
  }
  if (conditions.riskClasses?.length && !(facts.riskClass && conditions.riskClasses.includes(facts.riskClass))) {
    reasons.push(`risk class ${facts.riskClass ?? '(none)'} not in ${conditions.riskClasses.join(', ')}`);
  }
  return reasons;
}

/** The built-in scenario, as data: what runs when no scenario is assigned. */
export const BUILT_IN_SCENARIO: ScenarioDefinition = {
  steps: [
    { key: 'courtesy_notice', trigger: { kind: 'due_date', offsetDays: -3 }, action: 'reminder', channels: ['email'] },
    { key: 'reminder_1', trigger: { kind: 'due_date', offsetDays: 1 }, action: 'reminder', channels: ['email'] },
    { key: 'reminder_2', trigger: { kind: 'due_date', offsetDays: 7 }, action: 'reminder', channels: ['email', 'sms'] },
    { key: 'final_notice', trigger: { kind: 'due_date', offsetDays: 15 }, action: 'reminder', channels: ['email', 'sms'] },
    { key: 'formal_notice', trigger: { kind: 'due_date', offsetDays: 30 }, action: 'formal_notice', channels: ['email', 'letter'] },
  ],
};
