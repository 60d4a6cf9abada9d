/**
 * What the dispute workflow's activities need from the application: the
 * record of each change, dunning pause/resume on the invoices, the credit
 * note (invoice reduced + ERP outbox row, one transaction) and staff email.
 * Implemented in src/disputes/dispute.store.ts.
 */
import type { DisputeStatus } from '../workflows/domain/dispute-rules.js';
import type { DisputeActor } from '../workflows/dispute.definitions.js';

export interface DisputeTransition {
  /** Unique per dispute: a retried activity writes once. */
  eventKey: string;
  event: string;
  from: DisputeStatus | null;
  to: DisputeStatus;
  actor: DisputeActor;
  comment: string;
  at: string;
  data?: Record<string, unknown>;
}

export type DisputeNoticeKind =
  | 'opened' | 'decision_requested' | 'info_requested' | 'info_answered' | 'confirmation_requested'
  | 'reminder' | 'escalated' | 'accepted' | 'rejected' | 'closed';

export interface DisputeNotice {
  disputeId: string;
  kind: DisputeNoticeKind;
  /** Recipients (user ids); the mail goes once per (dispute, key, user). */
  userIds: string[];
  /** Distinguishes repeated notices of one kind (e.g. the info round-trip count). */
  key: string;
  /** Decision links to put in the mail (level they are for); none: a plain notice. */
  links?: { level: 1 | 2; decisions: ('accept' | 'reject' | 'request_info')[] };
  comment?: string;
}

export interface DisputePort {
  recordTransition(disputeId: string, t: DisputeTransition): Promise<void>;
  pauseDunning(disputeId: string): Promise<void>;
  resumeDunning(disputeId: string): Promise<void>;
  /** Reduces the invoices' open amounts by the accepted amount and enqueues `credit_note.requested`. Idempotent. */
  applyCreditNote(disputeId: string, acceptedAmountMinor: string): Promise<{ outboxId: string }>;
  notify(notice: DisputeNotice): Promise<number>;
}
