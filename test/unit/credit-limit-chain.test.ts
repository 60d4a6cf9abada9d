import { describe, expect, test } from '@jest/globals';
import { DEFAULT_APPROVAL_POLICY, type ApprovalPolicy } from '../../workflows/domain/credit-approval-policy.js';
import {
  amountAfterApproval, approvalBandFor, approvalChain, DECISION_REFUSAL_STATUS, refuseDecision, rolesAllowedToDecide,
  temporaryLimitEndsAt, type CreditLimitChainState, type CreditLimitDecider,
} from '../../workflows/domain/credit-limit-chain.js';

const policy: ApprovalPolicy = DEFAULT_APPROVAL_POLICY; // ≤ 10 000.00: CM; ≤ 100 000.00: CM + FD; above: CM + FD + CFO

const cm: CreditLimitDecider = { kind: 'user', userId: 'u-cm', roles: ['credit_manager'] };
const fd: CreditLimitDecider = { kind: 'user', userId: 'u-fd', roles: ['finance_director'] };
const cfo: CreditLimitDecider = { kind: 'user', userId: 'u-cfo', roles: ['cfo'] };

function state(overrides: Partial<CreditLimitChainState> = {}): CreditLimitChainState {
  return {
    status: 'pending',
    levels: [{ level: 1, role: 'credit_manager' }, { level: 2, role: 'finance_director' }],
    pendingLevel: 1,
    escalated: false,
    escalationRole: 'cfo',
    currentAmountMinor: 5_000_000n,
    approverUserIds: [],
    requesterUserId: 'u-sales',
    ...overrides,
  };
}

const approve = { decision: 'approve' as const, comment: 'ok' };

describe('approval bands', () => {
  test('each band by amount, bounds inclusive', () => {
    expect(approvalChain(policy, 1n, 'EUR').map((l) => l.role)).toEqual(['credit_manager']);
    expect(approvalChain(policy, 1_000_000n, 'EUR').map((l) => l.role)).toEqual(['credit_manager']);
    expect(approvalChain(policy, 1_000_001n, 'EUR').map((l) => l.role)).toEqual(['credit_manager', 'finance_director']);
    expect(approvalChain(policy, 10_000_000n, 'EUR')).toEqual([
      { level: 1, role: 'credit_manager' }, { level: 2, role: 'finance_director' },
    ]);
    expect(approvalChain(policy, 10_000_001n, 'EUR').map((l) => l.role)).toEqual(['credit_manager', 'finance_director', 'cfo']);
  });

  test('a request in another currency than the bands goes through the last band (no exchange rates)', () => {
    expect(approvalBandFor(policy, 100n, 'USD').upToMinor).toBeNull();
    expect(approvalChain(policy, 100n, 'USD')).toHaveLength(3);
  });

  test('a policy without bands is an error', () => {
    expect(() => approvalChain({ ...policy, bands: [] }, 1n, 'EUR')).toThrow(/at least one band/);
  });
});

describe('who may decide', () => {
  test('the pending level\'s role holder may; another role, the operator key or an admin without the role may not', () => {
    expect(refuseDecision(state(), cm, approve)).toBeNull();
    expect(refuseDecision(state(), fd, approve)?.code).toBe('NOT_AN_APPROVER');
    expect(refuseDecision(state(), { kind: 'system', userId: null, roles: ['credit_manager', 'cfo'] }, approve)?.code).toBe('NOT_A_USER');
    expect(refuseDecision(state(), { kind: 'user', userId: 'u-admin', roles: ['admin'] }, approve)?.code).toBe('NOT_AN_APPROVER');
  });

  test('after escalation the escalation role may decide too', () => {
    expect(rolesAllowedToDecide(state())).toEqual(['credit_manager']);
    expect(refuseDecision(state(), cfo, approve)?.code).toBe('NOT_AN_APPROVER');
    expect(rolesAllowedToDecide(state({ escalated: true }))).toEqual(['credit_manager', 'cfo']);
    expect(refuseDecision(state({ escalated: true }), cfo, approve)).toBeNull();
    expect(refuseDecision(state({ escalated: true }), cm, approve)).toBeNull();
  });

  test('nobody approves two levels (segregation of duties)', () => {
    const both: CreditLimitDecider = { kind: 'user', userId: 'u-both', roles: ['credit_manager', 'finance_director'] };
    const s = state({ pendingLevel: 2, approverUserIds: ['u-both'] });
    expect(refuseDecision(s, both, approve)?.code).toBe('SAME_APPROVER');
    expect(refuseDecision(s, fd, approve)).toBeNull();
  });

  test('nobody decides their own request', () => {
    const requester: CreditLimitDecider = { kind: 'user', userId: 'u-cm', roles: ['credit_manager'] };
    expect(refuseDecision(state({ requesterUserId: 'u-cm' }), requester, approve)?.code).toBe('OWN_REQUEST');
    expect(refuseDecision(state({ requesterUserId: 'u-cm' }), requester, { decision: 'reject', comment: 'no' })?.code).toBe('OWN_REQUEST');
    expect(refuseDecision(state({ requesterUserId: null }), cm, approve)).toBeNull();
  });

  test('a finished request takes no decision', () => {
    for (const status of ['approved', 'rejected', 'reverted'] as const) {
      expect(refuseDecision(state({ status, pendingLevel: null }), cm, approve)?.code).toBe('REQUEST_NOT_PENDING');
    }
  });
});

describe('counter-offers', () => {
  test('a lower amount is accepted and becomes the amount decided on; a higher one is refused', () => {
    expect(refuseDecision(state(), cm, { ...approve, amountMinor: '3000000' })).toBeNull();
    expect(refuseDecision(state(), cm, { ...approve, amountMinor: '5000000' })).toBeNull();
    expect(refuseDecision(state(), cm, { ...approve, amountMinor: '5000001' })?.code).toBe('AMOUNT_ABOVE_CURRENT');
    expect(refuseDecision(state(), cm, { ...approve, amountMinor: '0' })?.code).toBe('INVALID_AMOUNT');
    expect(refuseDecision(state(), cm, { ...approve, amountMinor: '-5' })?.code).toBe('INVALID_AMOUNT');
    expect(amountAfterApproval(5_000_000n, '3000000')).toBe(3_000_000n);
    expect(amountAfterApproval(5_000_000n, null)).toBe(5_000_000n);
    // The second level decides on the counter-offer: the original amount is now above it.
    expect(refuseDecision(state({ pendingLevel: 2, currentAmountMinor: 3_000_000n, approverUserIds: ['u-cm'] }), fd, {
      ...approve, amountMinor: '5000000',
    })?.code).toBe('AMOUNT_ABOVE_CURRENT');
  });

  test('a rejection ignores any amount', () => {
    expect(refuseDecision(state(), cm, { decision: 'reject', comment: 'no', amountMinor: '99999999' })).toBeNull();
  });

  test('refusals map to 403 (who), 409 (when) and 422 (what)', () => {
    expect(DECISION_REFUSAL_STATUS).toEqual({
      NOT_A_USER: 403, NOT_AN_APPROVER: 403, SAME_APPROVER: 403, OWN_REQUEST: 403, REQUEST_NOT_PENDING: 409, AMOUNT_ABOVE_CURRENT: 422, INVALID_AMOUNT: 422,
    });
  });
});

describe('temporary limits', () => {
  test('end at the midnight after their last day in the customer\'s zone (CET in winter, CEST in summer)', () => {
    expect(new Date(temporaryLimitEndsAt('2026-12-31', 'Europe/Paris')).toISOString()).toBe('2026-12-31T23:00:00.000Z');
    expect(new Date(temporaryLimitEndsAt('2026-07-14', 'Europe/Paris')).toISOString()).toBe('2026-07-14T22:00:00.000Z');
    expect(new Date(temporaryLimitEndsAt('2026-07-14', 'America/New_York')).toISOString()).toBe('2026-07-15T04:00:00.000Z');
  });
});
