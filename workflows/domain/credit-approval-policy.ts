/**
 * The approval part of an entity's credit policy: who must approve a
 * credit-limit request, by amount band. Pure and Node-free: the credit-limit
 * workflow, the policy API and the simulation share it.
 */
import type { RiskClass } from './scenario.js';

/** Roles that can sit in an approval chain (a subset of the platform roles). */
export type ApproverRole = 'credit_manager' | 'finance_manager' | 'finance_director' | 'cfo';

export interface ApprovalBand {
  /** Requested limits up to this amount (minor units, inclusive) use this band; null = no upper bound (last band). */
  upToMinor: bigint | null;
  /** Approval levels in order; each level is one role, all must approve. */
  approvers: readonly ApproverRole[];
}

export interface ApprovalPolicy {
  /** Currency of the band bounds. */
  currency: string;
  /** Ascending by upToMinor, the last one open-ended. */
  bands: readonly ApprovalBand[];
  /** A sales opinion is asked in parallel (advisory: it never blocks the chain). */
  salesOpinion: boolean;
  /** Hours an approver has before a reminder. */
  reminderAfterHours: number;
  /** Hours after which the pending level escalates to `escalationRole`. */
  escalateAfterHours: number;
  /** Who receives an escalated level (and may then decide in its place). */
  escalationRole: ApproverRole;
}

/** Risk classes (scenario.ts), re-exported for callers. */
export type { RiskClass };

export const DEFAULT_APPROVAL_POLICY: ApprovalPolicy = Object.freeze({
  currency: 'EUR',
  bands: Object.freeze([
    Object.freeze({ upToMinor: 1_000_000n, approvers: Object.freeze(['credit_manager'] as ApproverRole[]) }),
    Object.freeze({ upToMinor: 10_000_000n, approvers: Object.freeze(['credit_manager', 'finance_director'] as ApproverRole[]) }),
    Object.freeze({ upToMinor: null, approvers: Object.freeze(['credit_manager', 'finance_director', 'cfo'] as ApproverRole[]) }),
  ]),
  salesOpinion: true,
  reminderAfterHours: 24,
  escalateAfterHours: 72,
  escalationRole: 'cfo',
});
