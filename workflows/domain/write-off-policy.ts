/** Why a receivable is written off (the ERP books it to the matching account). */
export const WRITE_OFF_REASON_CODES = [
  'uncollectible', 'customer_insolvent', 'small_balance', 'statute_barred', 'commercial_gesture', 'other',
] as const;
export type WriteOffReasonCode = (typeof WRITE_OFF_REASON_CODES)[number];

/**
 * Whether a write-off of `amountMinor` needs a finance manager's approval:
 * above the entity's threshold for the currency. A currency without a
 * threshold always needs one (no limit was delegated for it).
 */
export function writeOffNeedsApproval(amountMinor: bigint, currency: string, thresholdsMinor: Readonly<Record<string, bigint>>): boolean {
  const threshold = thresholdsMinor[currency];
  return threshold === undefined || amountMinor > threshold;
}

export interface WriteOffDecider {
  userId: string | null;
  name: string;
  roles: readonly string[];
}

/** Roles that may approve a write-off above the threshold. */
export const WRITE_OFF_APPROVER_ROLES = ['finance_manager', 'finance_director', 'cfo'] as const;

export type WriteOffRefusalCode = 'WRITE_OFF_NOT_PENDING' | 'WRITE_OFF_SAME_PERSON' | 'WRITE_OFF_NOT_APPROVER' | 'WRITE_OFF_INVALID_DECISION';

/** Why `decider` may not decide a write-off now, or null. Four eyes: the requester never approves their own. */
export function refuseWriteOffDecision(
  state: { status: string; requesterUserId: string | null },
  decider: WriteOffDecider,
  decision: string,
): { code: WriteOffRefusalCode; message: string } | null {
  if (decision !== 'approve' && decision !== 'reject') return { code: 'WRITE_OFF_INVALID_DECISION', message: 'decision must be approve or reject' };
  if (state.status !== 'pending') return { code: 'WRITE_OFF_NOT_PENDING', message: `The write-off is ${state.status}: it takes no more decisions` };
  // A person holding a finance role: neither the operator key nor an admin without that role.
  if (decider.userId === null || !WRITE_OFF_APPROVER_ROLES.some((r) => decider.roles.includes(r))) {
    return { code: 'WRITE_OFF_NOT_APPROVER', message: 'Only a finance manager approves a write-off above the threshold' };
  }
  if (decider.userId === state.requesterUserId) {
    return { code: 'WRITE_OFF_SAME_PERSON', message: 'The person who asked for a write-off cannot decide it' };
  }
  return null;
}

export const WRITE_OFF_REFUSAL_STATUS: Record<WriteOffRefusalCode, number> = {
  WRITE_OFF_NOT_PENDING: 409, WRITE_OFF_SAME_PERSON: 403, WRITE_OFF_NOT_APPROVER: 403, WRITE_OFF_INVALID_DECISION: 422,
};
