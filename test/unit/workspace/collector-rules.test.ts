import { describe, expect, test } from '@jest/globals';
import {
  assignCollector, describeCollectorRule, isFallback, pickCollectorRule, ruleMatches, specificity,
  type CollectorRuleCriteria, type PortfolioCustomer,
} from '../../../src/portfolios/collector-rules.js';
import { formatAmount } from '../../../workflows/domain/money.js';

const rule = (id: string, r: Partial<CollectorRuleCriteria>): CollectorRuleCriteria => ({
  id, entityId: null, segment: null, salespersonEmail: null, riskClass: null, currency: null, minAmountMinor: null, maxAmountMinor: null,
  collectorUserId: `u-${id}`, ...r,
});
const customer = (c: Partial<PortfolioCustomer> & { open?: [string, bigint][] } = {}): PortfolioCustomer => ({
  id: 'c1', entityId: 'e1', segment: 'smb', salespersonEmail: 'Sam@Sales.example', riskClass: 'C',
  openMinorByCurrency: new Map(c.open ?? [['EUR', 500_00n]]), ...c,
});
const fmt = (m: bigint, c: string) => formatAmount(m, c);

describe('collector rules', () => {
  test('a rule matches when every criterion it names is the customer’s; salesperson ignores case', () => {
    expect(ruleMatches(rule('a', { segment: 'smb' }), customer())).toBe(true);
    expect(ruleMatches(rule('a', { segment: 'key_account' }), customer())).toBe(false);
    expect(ruleMatches(rule('a', { salespersonEmail: 'sam@sales.example' }), customer())).toBe(true);
    expect(ruleMatches(rule('a', { salespersonEmail: 'other@sales.example' }), customer({ salespersonEmail: null }))).toBe(false);
    expect(ruleMatches(rule('a', { riskClass: 'C', entityId: 'e1' }), customer())).toBe(true);
    expect(ruleMatches(rule('a', { entityId: 'e2' }), customer())).toBe(false);
  });

  test('amount band [min, max) on the open balance in the rule’s currency; no balance in it counts as zero', () => {
    const band = rule('b', { currency: 'EUR', minAmountMinor: 1000_00n, maxAmountMinor: 10000_00n });
    expect(ruleMatches(band, customer({ open: [['EUR', 999_99n]] }))).toBe(false);
    expect(ruleMatches(band, customer({ open: [['EUR', 1000_00n]] }))).toBe(true);
    expect(ruleMatches(band, customer({ open: [['EUR', 9999_99n]] }))).toBe(true);
    expect(ruleMatches(band, customer({ open: [['EUR', 10000_00n]] }))).toBe(false);
    expect(ruleMatches(band, customer({ open: [['USD', 5000_00n]] }))).toBe(false);
    expect(ruleMatches(rule('small', { currency: 'EUR', maxAmountMinor: 100_00n }), customer({ open: [] }))).toBe(true);
  });

  test('the most specific rule wins; at equal specificity an entity rule beats an any-entity one, then the first', () => {
    const rules = [
      rule('fallback', {}),
      rule('entityFallback', { entityId: 'e1' }),
      rule('segment', { segment: 'smb' }),
      rule('segmentSecond', { segment: 'smb' }),
      rule('segmentRisk', { segment: 'smb', riskClass: 'C' }),
      rule('segmentRiskOtherClass', { segment: 'smb', riskClass: 'E' }),
    ];
    expect(pickCollectorRule(rules, customer())?.id).toBe('segmentRisk');
    expect(pickCollectorRule(rules, customer({ riskClass: 'A' }))?.id).toBe('segment');
    expect(pickCollectorRule(rules, customer({ segment: 'key_account' }))?.id).toBe('entityFallback');
    expect(pickCollectorRule(rules, customer({ segment: 'key_account', entityId: 'e9' }))?.id).toBe('fallback');
    expect(pickCollectorRule([], customer())).toBeNull();
    expect(specificity(rule('x', { segment: 's', currency: 'EUR', minAmountMinor: 1n }))).toBe(2);
    expect(isFallback(rule('x', { entityId: 'e1' }))).toBe(true);
  });

  test('explicit assignment wins over every rule; otherwise the rule or fallback, with the reason in words', () => {
    const rules = [rule('fb', {}), rule('risk', { riskClass: 'C', currency: 'EUR', minAmountMinor: 100_00n })];
    expect(assignCollector(customer(), { collectorUserId: 'me' }, rules, fmt)).toEqual({ collectorUserId: 'me', source: 'explicit', ruleId: null, reason: 'assigned explicitly' });
    expect(assignCollector(customer(), null, rules, fmt)).toEqual({
      collectorUserId: 'u-risk', source: 'rule', ruleId: 'risk', reason: 'rule: risk class C, open balance from 100.00 EUR',
    });
    expect(assignCollector(customer({ riskClass: 'A' }), null, rules, fmt)).toMatchObject({ collectorUserId: 'u-fb', source: 'fallback', reason: 'fallback collector' });
    expect(assignCollector(customer(), null, [], fmt)).toMatchObject({ collectorUserId: null, source: 'none' });
    expect(describeCollectorRule(rule('s', { salespersonEmail: 'a@b.c', currency: 'EUR', maxAmountMinor: 5000_00n }), fmt))
      .toBe('rule: salesperson a@b.c, open balance below 5000.00 EUR');
  });
});
