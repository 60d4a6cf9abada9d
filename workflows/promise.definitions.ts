/**
 * Node-free contract of the promise-to-pay workflow: id, input, signal and
 * query, shared by the workflow, the API, the payment path and the tests.
 */
import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { BusinessCalendar } from './domain/business-calendar.js';
import type { PromiseStatus } from './domain/promise-rules.js';

/** Business-key workflow id: one workflow per promise. */
export function promiseWorkflowId(promiseId: string): string {
  return `promise-${promiseId}`;
}

/** Snapshot taken when the promise is made. */
export interface PromiseToPayInput {
  promiseId: string;
  customerId: string;
  currency: string;
  /** Minor units, as a decimal string. */
  amountMinor: string;
  /** YYYY-MM-DD, in `timeZone`. */
  promisedFor: string;
  graceBusinessDays: number;
  /** The entity's business calendar: grace counts its business days. */
  calendar: BusinessCalendar;
  /** The customer's zone (else its entity's): days are counted there. */
  timeZone: string;
}

/** A payment touched one of the promised invoices: the workflow re-measures what was received at once. */
export interface PromisePaymentSignal {
  paymentId: string;
}

export interface PromiseToPayState {
  status: PromiseStatus;
  receivedMinor: string;
  graceEndsOn: string;
  /** ISO instant the promise is judged if not covered before. */
  judgedAt: string;
  keptLate: boolean | null;
}

export const promisePaymentSignal = defineSignal<[PromisePaymentSignal]>('promisePayment');
export const promiseStateQuery = defineQuery<PromiseToPayState>('promiseState');
