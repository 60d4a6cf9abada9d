/**
 * What the credit-limit approval activities need from the application:
 * persistence of the request's progress, the limit change (with its ERP
 * outbox row, in one transaction) and staff email. Implemented in
 * src/credit-limit-requests/.
 */
import type { ApproverRole } from '../workflows/domain/credit-approval-policy.js';
import type { CreditLimitDecisionRecord, SalesOpinionInput } from '../workflows/credit-limit.definitions.js';

export interface CreditLimitAmount {
  amountMinor: bigint;
  currency: string;
}

/** What a finished step wrote: the ERP event to deliver. */
export interface CreditLimitOutcome {
  outboxId: string;
}

export interface CreditLimitRevertOutcome {
  /** `superseded`: the customer's limit is no longer the one this request set, so it is left alone. */
  outcome: 'reverted' | 'superseded';
  /** The ERP event of a revert; null when superseded. */
  outboxId: string | null;
}

export type CreditLimitNoticeKind =
  | 'approval_requested'
  | 'reminder'
  | 'escalated'
  | 'sales_opinion_requested'
  | 'approved'
  | 'rejected'
  | 'reverted'
  | 'superseded';

export interface CreditLimitNotice {
  requestId: string;
  kind: CreditLimitNoticeKind;
  /** Chain level the notice is about (approval_requested, reminder, escalated). */
  level?: number;
  /** Role whose holders receive it (approval_requested, reminder: the level's; escalated: the escalation role). */
  role?: ApproverRole;
}

export interface CreditLimitRequestPort {
  /** Idempotent: one decision per (request, level). */
  recordDecision(requestId: string, decision: CreditLimitDecisionRecord): Promise<void>;
  recordLevelEvent(requestId: string, level: number, event: 'reminded' | 'escalated', at: string): Promise<void>;
  recordSalesOpinion(requestId: string, opinion: SalesOpinionInput & { at: string }): Promise<void>;
  /** Sets the customer's limit, marks the request approved and enqueues `credit_limit.changed`, in one transaction. Idempotent. */
  approve(requestId: string, amountMinor: string): Promise<CreditLimitOutcome>;
  /** Marks the request rejected and enqueues `credit_limit.request_rejected`. Idempotent. */
  reject(requestId: string): Promise<CreditLimitOutcome>;
  /** Restores the limit in force before this request, unless another change superseded it. Idempotent. */
  revertTemporary(requestId: string): Promise<CreditLimitRevertOutcome>;
  /** Emails the people concerned, once per (request, kind, level, recipient). Returns how many were addressed. */
  notify(notice: CreditLimitNotice): Promise<number>;
}
