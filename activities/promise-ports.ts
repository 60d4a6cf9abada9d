/**
 * What the promise-to-pay workflow's activities need from the application:
 * hold and release the promised invoices' dunning, measure what was received
 * toward the promise, record its outcome, follow a broken one up.
 * Implemented in src/promises/promise.store.ts.
 */
import type { PromiseStatus } from '../workflows/domain/promise-rules.js';

export interface PromiseOutcome {
  status: Extract<PromiseStatus, 'kept' | 'broken'>;
  receivedMinor: string;
  keptLate: boolean | null;
  /** ISO instant the workflow judged it. */
  at: string;
}

export interface PromisePort {
  /** Pauses each promised open invoice (reason `promise:<id>`) unless a pause is already in force there. Idempotent. */
  holdDunning(promiseId: string): Promise<void>;
  /** Lifts this promise's pauses (dunning continues where it stood). Idempotent. */
  releaseDunning(promiseId: string): Promise<void>;
  /** Minor units received toward the promise so far (decimal string). */
  measure(promiseId: string): Promise<{ receivedMinor: string }>;
  recordOutcome(promiseId: string, outcome: PromiseOutcome): Promise<void>;
  /** A broken promise: a follow-up task for the collector; a repeat within 90 days escalates to the credit managers. */
  followUpBroken(promiseId: string): Promise<{ escalated: boolean }>;
}
