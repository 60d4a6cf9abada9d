import type { InvoiceDunningInput } from '../../workflows/definitions.js';
import { planScenarioDunning } from '../../workflows/domain/scenario-plan.js';

/**
 * Pure: a new invoice's first next action as its workflow will plan it, or
 * `undefined` when the workflow acts first (paused, or a step already due):
 * then nothing is projected and the workflow writes it.
 */
export function firstNextAction(input: InvoiceDunningInput, nowMs: number): { at: string; step: string } | null | undefined {
  if ((input.pauses ?? []).length > 0) return undefined;
  const plan = planScenarioDunning({
    definition: input.scenario?.definition ?? null, clockDueDate: input.dueDate, timeZone: input.timeZone, sendHour: input.sendHour,
    calendar: input.calendar, window: input.window, executedOn: {}, handled: new Set(),
  }, nowMs);
  if (plan.runNow) return undefined;
  return plan.next ? { at: new Date(plan.next.at).toISOString(), step: plan.next.step.key } : null;
}
