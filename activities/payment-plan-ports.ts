/**
 * What the payment-plan workflow's activities need from the application.
 * Implemented in src/payment-plans/payment-plan.store.ts.
 */
import type { PaymentPlanStatus } from '../workflows/domain/payment-plan-rules.js';
import type { MessageDraft } from './ports.js';

export interface PlanTransition {
  status: PaymentPlanStatus;
  /** ISO instant. */
  at: string;
  paidMinor?: string;
  brokenSeq?: number | null;
  decidedBy?: string | null;
  comment?: string | null;
}

export type InstalmentReminderKind = 'before_due' | 'on_due';

export interface PaymentPlanPort {
  recordTransition(planId: string, t: PlanTransition): Promise<void>;
  /** Pauses the plan's open invoices (reason `payment-plan:<id>`) unless a pause is in force there. Idempotent. */
  holdDunning(planId: string): Promise<void>;
  releaseDunning(planId: string): Promise<void>;
  /** Minor units received on the plan's invoices since it was proposed. */
  measure(planId: string): Promise<{ paidMinor: string }>;
  /** The reminder as a message to store and send (null: no email contact; a task asks a collector to find one). */
  reminderDraft(planId: string, seq: number, kind: InstalmentReminderKind, remainingMinor: string): Promise<MessageDraft | null>;
  /** A broken plan: a follow-up call task for the collector. */
  followUpBroken(planId: string, seq: number): Promise<void>;
}
