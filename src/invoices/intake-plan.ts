/**
 * What a new invoice's workflow must do first, computed by the API with the
 * workflow's own planner: whether a step is due at intake (its start then
 * goes ahead of starts that only set a timer) and the first next action the
 * API projects for it. No I/O; `now` is passed in.
 */
import type { InvoiceDunningInput } from '../../workflows/definitions.js';
import { planScenarioDunning } from '../../workflows/domain/scenario-plan.js';
import type { StartUrgency } from '../temporal/task-priority.js';

export interface IntakePlan {
  urgency: StartUrgency;
  /**
   * The first next action to write into the projection (null: no step left);
   * undefined when the workflow acts first (a step due, a pause in force).
   */
  projected: { at: string; step: string } | null | undefined;
}

export function planIntake(input: InvoiceDunningInput, nowMs: number): IntakePlan {
  // A paused invoice waits for its resume: nothing due, nothing to project.
  if ((input.pauses ?? []).length > 0) return { urgency: 'scheduled', projected: undefined };
  const plan = planScenarioDunning({
    definition: input.scenario?.definition ?? null, clockDueDate: input.dueDate, timeZone: input.timeZone, sendHour: input.sendHour,
    calendar: input.calendar, window: input.window, executedOn: {}, handled: new Set(),
  }, nowMs);
  if (plan.runNow) return { urgency: 'due_now', projected: undefined };
  return { urgency: 'scheduled', projected: plan.next ? { at: new Date(plan.next.at).toISOString(), step: plan.next.step.key } : null };
}
