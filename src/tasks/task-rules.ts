/**
 * What a collector may do with a task, as pure rules: the outcomes each kind can be completed with,
 * the fields an outcome requires, when a task is due and whether it is overdue at a given instant.
 */
import type { FieldError } from '../common/validation.js';

export const TASK_KINDS = [
  'call', 'checkpoint', 'litigation_handover', 'credit_alert', 'class_degraded', 'contact_missing', 'delivery_failed', 'customer_reply',
  'customer_portal',
] as const;
export type TaskKind = (typeof TASK_KINDS)[number];
export const TASK_STATUSES = ['open', 'done', 'cancelled'] as const;

/** How a call ended. `promise` records a promise to pay; `call_back_on` opens the next call on that day. */
export const CALL_OUTCOMES = [
  'reached', 'no_answer', 'wrong_number', 'promise', 'dispute_raised', 'refused_to_pay', 'call_back_on', 'left_message',
] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

/** Outcomes a task of each kind can be completed with. A checkpoint's outcome is the decision it signals to the invoice's workflow. */
export const TASK_OUTCOMES: Readonly<Record<TaskKind, readonly string[]>> = {
  call: CALL_OUTCOMES,
  checkpoint: ['approved', 'rejected'],
  litigation_handover: ['handed_over', 'not_needed'],
  credit_alert: ['reviewed', 'limit_changed', 'not_needed'],
  class_degraded: ['reviewed', 'not_needed'],
  contact_missing: ['contact_updated', 'not_needed'],
  // An email bounced or an SMS was not delivered (delivery tracking).
  delivery_failed: ['contact_updated', 'not_needed'],
  // A customer answered one of our emails.
  customer_reply: ['answered', 'not_needed'],
  // A customer disputed, promised or asked for a payment plan in the portal.
  customer_portal: ['handled', 'not_needed'],
};

/** Every outcome some kind accepts (for the DTO's whitelist; the kind narrows it). */
export const ALL_OUTCOMES = [...new Set(Object.values(TASK_OUTCOMES).flat())];

export interface CompletionInput {
  outcome: string;
  note?: string | null;
  /** YYYY-MM-DD, required by `call_back_on`. */
  callBackOn?: string | null;
  /** Required by `promise` (amount, currency and promised date; the invoices default to those of the task). */
  promise?: { amount?: string; currency?: string; promisedFor?: string } | null;
}

/** Field errors of a completion of a `kind` task (empty: acceptable); `today` (YYYY-MM-DD) bounds a call-back day. */
export function completionProblems(kind: TaskKind, input: CompletionInput, today: string): FieldError[] {
  const errors: FieldError[] = [];
  const allowed = TASK_OUTCOMES[kind];
  if (!allowed.includes(input.outcome)) {
    errors.push({ field: 'outcome', messages: [`a ${kind} task is completed with one of: ${allowed.join(', ')}`] });
    return errors;
  }
  if (input.outcome === 'call_back_on') {
    if (!input.callBackOn) errors.push({ field: 'callBackOn', messages: ['call_back_on needs callBackOn (YYYY-MM-DD)'] });
    else if (input.callBackOn < today) errors.push({ field: 'callBackOn', messages: [`callBackOn must be today (${today}) or later`] });
  } else if (input.callBackOn) {
    errors.push({ field: 'callBackOn', messages: ['callBackOn goes with the call_back_on outcome only'] });
  }
  if (input.outcome === 'promise') {
    const p = input.promise;
    if (!p) errors.push({ field: 'promise', messages: ['a promise outcome needs promise { amount, currency, promisedFor }'] });
    else {
      if (!p.amount) errors.push({ field: 'promise.amount', messages: ['promise.amount is required'] });
      if (!p.currency) errors.push({ field: 'promise.currency', messages: ['promise.currency is required'] });
      if (!p.promisedFor) errors.push({ field: 'promise.promisedFor', messages: ['promise.promisedFor is required'] });
      else if (p.promisedFor < today) errors.push({ field: 'promise.promisedFor', messages: [`promise.promisedFor must be today (${today}) or later`] });
    }
  } else if (input.promise) {
    errors.push({ field: 'promise', messages: ['promise goes with the promise outcome only'] });
  }
  return errors;
}

/** A closed task's status: a rejected checkpoint is cancelled, everything else done. */
export function closedStatus(outcome: string): 'done' | 'cancelled' {
  return outcome === 'rejected' || outcome === 'cancelled' ? 'cancelled' : 'done';
}

export interface TaskTiming {
  status: string;
  dueAt: Date;
  snoozedUntil: Date | null;
}

/** When the task is next due: the snooze's end when it is later than the due date. */
export function effectiveDueAt(t: TaskTiming): Date {
  return t.snoozedUntil && t.snoozedUntil.getTime() > t.dueAt.getTime() ? t.snoozedUntil : t.dueAt;
}

/** Open and past its (effective) due instant. */
export function isOverdue(t: TaskTiming, nowMs: number): boolean {
  return t.status === 'open' && effectiveDueAt(t).getTime() < nowMs;
}

/** Snoozed: open, and hidden from the worklist until `snoozedUntil`. */
export function isSnoozed(t: TaskTiming, nowMs: number): boolean {
  return t.status === 'open' && t.snoozedUntil !== null && t.snoozedUntil.getTime() > nowMs;
}

/** Why a task cannot be snoozed until `until` (null: it can). */
export function snoozeProblem(t: TaskTiming, until: Date, nowMs: number): string | null {
  if (t.status !== 'open') return `only an open task can be snoozed (this one is ${t.status})`;
  if (until.getTime() <= nowMs) return 'until must be in the future';
  if (until.getTime() - nowMs > 366 * 86_400_000) return 'a task is snoozed for at most a year';
  return null;
}
