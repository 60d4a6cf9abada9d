/**
 * Credit-limit requests: which approval chain a requested amount needs, who
 * may decide at a level, and what a decision does to the amount. Pure and
 * Node-free: the workflow (its update validator), the API and the tests share it.
 */
import { addDays, zonedDateHourToEpoch } from './calendar.js';
import type { ApprovalBand, ApprovalPolicy, ApproverRole } from './credit-approval-policy.js';

export interface CreditLimitLevel {
  /** 1-based position in the chain. */
  level: number;
  role: ApproverRole;
}

/**
 * The band a requested amount falls in. Band bounds are in the policy's
 * currency and Relance holds no exchange rates: a request in another currency
 * goes through the last (strictest) band.
 */
export function approvalBandFor(policy: ApprovalPolicy, amountMinor: bigint, currency: string): ApprovalBand {
  if (policy.bands.length === 0) throw new Error('An approval policy needs at least one band');
  if (currency === policy.currency) {
    for (const band of policy.bands) if (band.upToMinor === null || amountMinor <= band.upToMinor) return band;
  }
  return policy.bands[policy.bands.length - 1]!;
}

/** The levels a request goes through, in order. */
export function approvalChain(policy: ApprovalPolicy, amountMinor: bigint, currency: string): CreditLimitLevel[] {
  return approvalBandFor(policy, amountMinor, currency).approvers.map((role, i) => ({ level: i + 1, role }));
}

/** Who is deciding (a principal reduced to what the rule needs). */
export interface CreditLimitDecider {
  kind: 'user' | 'system';
  userId: string | null;
  roles: readonly string[];
}

export type CreditLimitDecisionKind = 'approve' | 'reject';

export interface CreditLimitDecisionInput {
  decision: CreditLimitDecisionKind;
  /** Approve a lower amount (minor units, decimal string); absent = the current amount. */
  amountMinor?: string | null;
  comment: string;
}

export interface CreditLimitChainState {
  status: 'pending' | 'approved' | 'rejected' | 'reverted' | 'superseded';
  levels: readonly CreditLimitLevel[];
  /** Level awaiting a decision (null when the chain is over). */
  pendingLevel: number | null;
  /** Whether the pending level has escalated to `escalationRole`. */
  escalated: boolean;
  escalationRole: ApproverRole;
  /** The amount the pending level decides on: the requested one, or the last counter-offer. */
  currentAmountMinor: bigint;
  /** Users who already approved a level of this request. */
  approverUserIds: readonly string[];
  /** Who asked (null: the operator key): nobody decides their own request. */
  requesterUserId: string | null;
}

export type DecisionRefusalCode =
  | 'NOT_A_USER'
  | 'NOT_AN_APPROVER'
  | 'SAME_APPROVER'
  | 'OWN_REQUEST'
  | 'REQUEST_NOT_PENDING'
  | 'AMOUNT_ABOVE_CURRENT'
  | 'INVALID_AMOUNT';

export interface DecisionRefusal {
  code: DecisionRefusalCode;
  message: string;
}

/** HTTP status the API answers for each refusal. */
export const DECISION_REFUSAL_STATUS: Readonly<Record<DecisionRefusalCode, 403 | 409 | 422>> = {
  NOT_A_USER: 403,
  NOT_AN_APPROVER: 403,
  SAME_APPROVER: 403,
  OWN_REQUEST: 403,
  REQUEST_NOT_PENDING: 409,
  AMOUNT_ABOVE_CURRENT: 422,
  INVALID_AMOUNT: 422,
};

/** Roles that may decide the pending level: its own, plus the escalation role once escalated. */
export function rolesAllowedToDecide(state: Pick<CreditLimitChainState, 'levels' | 'pendingLevel' | 'escalated' | 'escalationRole'>): ApproverRole[] {
  const level = state.levels.find((l) => l.level === state.pendingLevel);
  if (!level) return [];
  return state.escalated && state.escalationRole !== level.role ? [level.role, state.escalationRole] : [level.role];
}

const DIGITS = /^\d{1,18}$/;

/**
 * Why a decision is refused, or null when it may be taken. Only people decide:
 * the operator API key (system) cannot, and neither can an admin who does not
 * hold the level's role. Nobody decides their own request, nor approves two
 * levels of one request (segregation of duties).
 */
export function refuseDecision(
  state: CreditLimitChainState,
  decider: CreditLimitDecider,
  input: CreditLimitDecisionInput,
): DecisionRefusal | null {
  if (state.status !== 'pending' || state.pendingLevel === null) {
    return { code: 'REQUEST_NOT_PENDING', message: `The request is ${state.status}: it takes no more decisions` };
  }
  if (decider.kind !== 'user' || !decider.userId) {
    return { code: 'NOT_A_USER', message: 'Only a user with a personal token may decide a credit-limit request' };
  }
  const allowed = rolesAllowedToDecide(state);
  if (!allowed.some((role) => decider.roles.includes(role))) {
    return {
      code: 'NOT_AN_APPROVER',
      message: `Level ${state.pendingLevel} is decided by ${allowed.join(' or ')}; you hold none of these roles`,
    };
  }
  if (state.requesterUserId === decider.userId) {
    return { code: 'OWN_REQUEST', message: 'You asked for this limit: someone else must decide it (segregation of duties)' };
  }
  if (state.approverUserIds.includes(decider.userId)) {
    return { code: 'SAME_APPROVER', message: 'You already approved another level of this request (segregation of duties)' };
  }
  if (input.decision !== 'approve' && input.decision !== 'reject') {
    return { code: 'INVALID_AMOUNT', message: 'decision must be approve or reject' };
  }
  if (input.decision === 'approve' && input.amountMinor != null) {
    if (!DIGITS.test(input.amountMinor) || BigInt(input.amountMinor) <= 0n) {
      return { code: 'INVALID_AMOUNT', message: 'The approved amount must be positive' };
    }
    if (BigInt(input.amountMinor) > state.currentAmountMinor) {
      return {
        code: 'AMOUNT_ABOVE_CURRENT',
        message: 'An approver may approve the amount under decision or a lower one, never a higher one',
      };
    }
  }
  return null;
}

/**
 * The amount after an approval: a lower amount (a counter-offer) becomes the
 * amount the next levels decide on and, at the end, the new limit.
 */
export function amountAfterApproval(currentAmountMinor: bigint, approvedAmountMinor: string | null | undefined): bigint {
  if (approvedAmountMinor == null) return currentAmountMinor;
  const approved = BigInt(approvedAmountMinor);
  return approved < currentAmountMinor ? approved : currentAmountMinor;
}

/** A temporary limit holds through the whole of its `until` day in the customer's time zone: it reverts at the next midnight there. */
export function temporaryLimitEndsAt(until: string, timeZone: string): number {
  return zonedDateHourToEpoch(addDays(until, 1), 0, timeZone);
}
