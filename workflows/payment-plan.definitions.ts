/**
 * Node-free contract of the payment-plan workflow: id, input, signal, update
 * and query, shared by the workflow, the API, the payment path and the tests.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { BusinessCalendar } from './domain/business-calendar.js';
import type { PaymentPlanStatus } from './domain/payment-plan-rules.js';

export function paymentPlanWorkflowId(planId: string): string {
  return `payment-plan-${planId}`;
}

/** An instalment as the workflow carries it (minor units as decimal strings). */
export interface PlanInstalment {
  seq: number;
  dueDate: string;
  amountMinor: string;
}

/** Snapshot taken when the plan is proposed. */
export interface PaymentPlanInput {
  planId: string;
  customerId: string;
  currency: string;
  instalments: PlanInstalment[];
  /** Above the entity's approval amount: a credit manager approves before it starts. */
  needsApproval: boolean;
  graceBusinessDays: number;
  /** Days before each due date of the "before due" reminder. */
  reminderDaysBefore: number;
  /** Local hour of the reminders. */
  sendHour: number;
  calendar: BusinessCalendar;
  timeZone: string;
}

export interface PaymentPlanDecision {
  decision: 'approve' | 'reject';
  comment: string;
  decider: { userId: string | null; name: string };
}

export interface PaymentPlanState {
  status: PaymentPlanStatus;
  paidMinor: string;
  instalments: { seq: number; dueDate: string; amountMinor: string; paidMinor: string; remainingMinor: string }[];
  remindersSent: string[];
  brokenSeq: number | null;
}

/** A payment touched one of the plan's invoices: the workflow re-measures at once. */
export const paymentPlanPaymentSignal = defineSignal<[{ paymentId: string }]>('paymentPlanPayment');
export const decidePaymentPlanUpdate = defineUpdate<PaymentPlanState, [PaymentPlanDecision]>('decidePaymentPlan');
export const paymentPlanStateQuery = defineQuery<PaymentPlanState>('paymentPlanState');
