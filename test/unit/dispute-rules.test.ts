import { describe, expect, test } from '@jest/globals';
import {
  acceptedAmount, allocate, allowedDeciders, appliesToCurrency, statesAmounts, canTransition, creditPerInvoice, matchRule, needsSecondLevel, refuseDisputeDecision,
  slaInstants, type DisputeChainState, type RoutingRule,
} from '../../workflows/domain/dispute-rules.js';

const rule = (id: string, r: Partial<RoutingRule>): RoutingRule => ({
  id, reasonCode: null, entityId: null, minAmountMinor: null, maxAmountMinor: null, validatorGroup: id, resolutionHours: 48,
  secondLevelFromMinor: null, currency: null, ...r,
});

describe('dispute status transitions', () => {
  test('open → in_review ⇄ info_requested → accepted | rejected → closed, nothing else', () => {
    expect(canTransition('open', 'in_review')).toBe(true);
    expect(canTransition('in_review', 'info_requested')).toBe(true);
    expect(canTransition('info_requested', 'in_review')).toBe(true);
    expect(canTransition('in_review', 'accepted')).toBe(true);
    expect(canTransition('in_review', 'rejected')).toBe(true);
    expect(canTransition('accepted', 'closed')).toBe(true);
    expect(canTransition('rejected', 'closed')).toBe(true);
    expect(canTransition('open', 'accepted')).toBe(false);
    expect(canTransition('info_requested', 'accepted')).toBe(false);
    expect(canTransition('closed', 'open')).toBe(false);
    expect(canTransition('accepted', 'rejected')).toBe(false);
  });
});

describe('routing rules', () => {
  const rules = [
    rule('default', {}),
    rule('price', { reasonCode: 'price' }),
    rule('price-fr', { reasonCode: 'price', entityId: 'fr' }),
    rule('price-fr-big', { reasonCode: 'price', entityId: 'fr', minAmountMinor: 100_000n, currency: 'EUR' }),
    rule('price-small', { reasonCode: 'price', maxAmountMinor: 10_000n, currency: 'EUR' }),
  ];
  test('most specific wins: reason + entity + band > reason + entity > reason (+ band) > default', () => {
    expect(matchRule(rules, { reasonCode: 'price', entityId: 'fr', amountMinor: 200_000n, currency: 'EUR' })?.id).toBe('price-fr-big');
    expect(matchRule(rules, { reasonCode: 'price', entityId: 'fr', amountMinor: 50_000n, currency: 'EUR' })?.id).toBe('price-fr');
    expect(matchRule(rules, { reasonCode: 'price', entityId: 'de', amountMinor: 50_000n, currency: 'EUR' })?.id).toBe('price');
    expect(matchRule(rules, { reasonCode: 'price', entityId: 'de', amountMinor: 5_000n, currency: 'EUR' })?.id).toBe('price-small');
    expect(matchRule(rules, { reasonCode: 'delivery', entityId: 'fr', amountMinor: 5_000n, currency: 'EUR' })?.id).toBe('default');
  });
  test('bands are [min, max); no rule at all: null', () => {
    expect(matchRule(rules, { reasonCode: 'price', entityId: 'de', amountMinor: 10_000n, currency: 'EUR' })?.id).toBe('price');
    expect(matchRule(rules, { reasonCode: 'price', entityId: 'fr', amountMinor: 100_000n, currency: 'EUR' })?.id).toBe('price-fr-big');
    expect(matchRule([rule('q', { reasonCode: 'quantity' })], { reasonCode: 'price', entityId: 'fr', amountMinor: 1n, currency: 'EUR' })).toBeNull();
  });
});

describe('routing rules and currencies', () => {
  const rules = [
    rule('price', { reasonCode: 'price' }),
    rule('price-big-eur', { reasonCode: 'price', minAmountMinor: 100_000n, currency: 'EUR' }),
    rule('price-big-jpy', { reasonCode: 'price', minAmountMinor: 1_000_000n, currency: 'JPY' }),
    rule('price-eur-second-level', { reasonCode: 'price', entityId: 'fr', secondLevelFromMinor: 50_000n, currency: 'EUR' }),
  ];
  test('a rule stating amounts routes only disputes in its currency: 1 000.00 EUR is not 100 000 JPY', () => {
    expect(matchRule(rules, { reasonCode: 'price', entityId: 'de', amountMinor: 200_000n, currency: 'EUR' })?.id).toBe('price-big-eur');
    // 200 000 JPY is above the EUR bound by raw number, below the JPY one.
    expect(matchRule(rules, { reasonCode: 'price', entityId: 'de', amountMinor: 200_000n, currency: 'JPY' })?.id).toBe('price');
    expect(matchRule(rules, { reasonCode: 'price', entityId: 'de', amountMinor: 2_000_000n, currency: 'JPY' })?.id).toBe('price-big-jpy');
    expect(matchRule(rules, { reasonCode: 'price', entityId: 'de', amountMinor: 2_000_000n, currency: 'USD' })?.id).toBe('price');
  });
  test('a second-level threshold is an amount too: a EUR threshold never applies to a dispute in JPY', () => {
    expect(matchRule(rules, { reasonCode: 'price', entityId: 'fr', amountMinor: 1_000n, currency: 'EUR' })?.id).toBe('price-eur-second-level');
    expect(matchRule(rules, { reasonCode: 'price', entityId: 'fr', amountMinor: 1_000n, currency: 'JPY' })?.id).toBe('price');
  });
  test('a rule without amounts routes every currency; one with amounts but no currency routes none', () => {
    expect(appliesToCurrency(rule('any', { reasonCode: 'price' }), 'JPY')).toBe(true);
    expect(appliesToCurrency(rule('eur', { maxAmountMinor: 1n, currency: 'EUR' }), 'EUR')).toBe(true);
    expect(appliesToCurrency(rule('eur', { maxAmountMinor: 1n, currency: 'EUR' }), 'eur')).toBe(false);
    expect(appliesToCurrency(rule('none', { minAmountMinor: 1n }), 'EUR')).toBe(false);
    expect(statesAmounts({ minAmountMinor: null, maxAmountMinor: null, secondLevelFromMinor: 1n })).toBe(true);
    expect(statesAmounts({ minAmountMinor: null, maxAmountMinor: null, secondLevelFromMinor: null })).toBe(false);
  });
});

describe('second level, SLA, amounts', () => {
  test('a finance manager confirms from the threshold on', () => {
    expect(needsSecondLevel(null, 10n ** 12n)).toBe(false);
    expect(needsSecondLevel(100_000n, 99_999n)).toBe(false);
    expect(needsSecondLevel(100_000n, 100_000n)).toBe(true);
  });
  test('reminder at 75 %, escalation at 100 % of the resolution time', () => {
    expect(slaInstants(0, 48)).toEqual({ remindAt: 36 * 3_600_000, dueAt: 48 * 3_600_000 });
  });
  test('disputed amounts split over invoices in order; an amount above their open total is refused', () => {
    const inv = [{ invoiceId: 'a', openAmountMinor: 300n }, { invoiceId: 'b', openAmountMinor: 200n }];
    expect(allocate(inv, null)).toEqual([{ invoiceId: 'a', amountMinor: '300' }, { invoiceId: 'b', amountMinor: '200' }]);
    expect(allocate(inv, 400n)).toEqual([{ invoiceId: 'a', amountMinor: '300' }, { invoiceId: 'b', amountMinor: '100' }]);
    expect(allocate(inv, 100n)).toEqual([{ invoiceId: 'a', amountMinor: '100' }]);
    expect(allocate(inv, 501n)).toBeNull();
    expect(allocate(inv, 0n)).toBeNull();
    expect(creditPerInvoice([{ invoiceId: 'a', amountMinor: '300' }, { invoiceId: 'b', amountMinor: '100' }], 350n))
      .toEqual([{ invoiceId: 'a', amountMinor: '300' }, { invoiceId: 'b', amountMinor: '50' }]);
  });
});

describe('who may decide, and what', () => {
  const base: DisputeChainState = {
    status: 'in_review', level: 1, escalated: false, level1UserIds: ['v1', 'v2'], managerUserId: 'm', level2UserIds: ['fm'],
    disputedAmountMinor: 1000n, proposedAmountMinor: null,
  };
  const accept = { decision: 'accept' as const, amountMinor: null };
  test('level 1: the group; the manager only once escalated; level 2: finance managers', () => {
    expect(allowedDeciders(base)).toEqual(['v1', 'v2']);
    expect(allowedDeciders({ ...base, escalated: true })).toEqual(['v1', 'v2', 'm']);
    expect(allowedDeciders({ ...base, level: 2, proposedAmountMinor: 800n })).toEqual(['fm']);
    expect(refuseDisputeDecision(base, 'm', accept)?.code).toBe('NOT_ASSIGNED');
    expect(refuseDisputeDecision({ ...base, escalated: true }, 'm', accept)).toBeNull();
    expect(refuseDisputeDecision(base, null, accept)?.code).toBe('NOT_ASSIGNED');
    expect(refuseDisputeDecision({ ...base, level: 2, proposedAmountMinor: 800n }, 'v1', accept)?.code).toBe('NOT_ASSIGNED');
  });
  test('status, decision kind and amount', () => {
    expect(refuseDisputeDecision({ ...base, status: 'info_requested' }, 'v1', accept)?.code).toBe('DISPUTE_NOT_IN_REVIEW');
    expect(refuseDisputeDecision({ ...base, status: 'closed' }, 'v1', accept)?.code).toBe('DISPUTE_NOT_IN_REVIEW');
    expect(refuseDisputeDecision({ ...base, level: 2, proposedAmountMinor: 800n }, 'fm', { decision: 'request_info', amountMinor: null })?.code)
      .toBe('DECISION_NOT_ALLOWED');
    expect(refuseDisputeDecision(base, 'v1', { decision: 'accept', amountMinor: '1001' })?.code).toBe('AMOUNT_ABOVE_DISPUTED');
    expect(refuseDisputeDecision(base, 'v1', { decision: 'accept', amountMinor: '0' })?.code).toBe('INVALID_AMOUNT');
    expect(refuseDisputeDecision({ ...base, level: 2, proposedAmountMinor: 800n }, 'fm', { decision: 'accept', amountMinor: '801' })?.code)
      .toBe('AMOUNT_ABOVE_DISPUTED');
    expect(refuseDisputeDecision(base, 'v1', { decision: 'accept', amountMinor: '1000' })).toBeNull();
    expect(acceptedAmount(base, null)).toBe(1000n);
    expect(acceptedAmount({ ...base, level: 2, proposedAmountMinor: 800n }, null)).toBe(800n);
    expect(acceptedAmount(base, '250')).toBe(250n);
  });
});
