/**
 * What an invoice's scenario asks for at `now`: the one function the
 * workflow plans with and the API projects a new invoice's first next
 * action with, so both always agree.
 */
import { createBusinessCalendar, type BusinessCalendar, type SendingWindow } from './business-calendar.js';
import { planDunning, type DunningPlan } from './dunning-schedule.js';
import type { ScenarioDefinition } from './scenario.js';
import { BUILT_IN_SCENARIO, planScenario, type PlannedScenarioStep } from './scenario-schedule.js';

/** No holidays: the calendar when the API passed none (a sending window needs one). */
const NO_HOLIDAYS = createBusinessCalendar({ country: 'none' });

export interface ScenarioPlanInput {
  /** null: the built-in scenario. */
  definition: ScenarioDefinition | null;
  /** The due date moved by the days the dunning stood paused. */
  clockDueDate: string;
  timeZone: string;
  sendHour: number;
  calendar?: BusinessCalendar | undefined;
  window?: SendingWindow | null | undefined;
  executedOn: Readonly<Record<string, string>>;
  handled: ReadonlySet<string>;
}

export function planScenarioDunning(input: ScenarioPlanInput, now: number): DunningPlan<PlannedScenarioStep> {
  return planDunning(
    planScenario(input.definition ?? BUILT_IN_SCENARIO, {
      dueDate: input.clockDueDate, timeZone: input.timeZone, sendHour: input.sendHour,
      calendar: input.calendar ?? NO_HOLIDAYS, window: input.window ?? null,
    }, input.executedOn),
    input.handled,
    now,
  );
}
