import { describe, expect, test } from '@jest/globals';
import {
  checkOrder, DEFAULT_CREDIT_POLICY, OrderCheckCurrencyError, type CustomerCreditSituation,
} from '../../src/credit/order-check.js';

const eur = (amountMinor: bigint) => ({ amountMinor, currency: 'EUR' });

/** A clean customer: limit 10 000.00 EUR, 3 000.00 open, 1 000.00 in orders, ordering 1 000.00. */
function situation(overrides: Partial<CustomerCreditSituation> = {}): CustomerCreditSituation {
  return {
    creditLimit: eur(1_000_000n),
    openReceivables: eur(300_000n),
    openOrders: eur(100_000n),
    order: eur(100_000n),
    openDisputes: eur(0n),
    oldestOverdueDays: 0,
    riskClass: 'B',
    ...overrides,
  };
}

const policy = DEFAULT_CREDIT_POLICY;

describe('order check', () => {
  test('a clean customer is allowed with no reasons', () => {
    // Exposure 3 000 + 1 000 + 1 000 = 5 000.00 EUR = 50 % of 10 000.00 (< 80 %): nothing fires.
    expect(checkOrder(policy, situation())).toEqual({
      decision: 'allow', reasons: [], currency: 'EUR',
      exposureAfterOrderMinor: 500_000n, headroomMinor: 500_000n,
    });
  });

  describe('credit limit', () => {
    test('exactly at the limit is allowed, with the warning', () => {
      // 3 000 + 1 000 + 6 000 = 10 000.00 = the limit: not over; 100 % ≥ 80 % → warning.
      const result = checkOrder(policy, situation({ order: eur(600_000n) }));
      expect(result.decision).toBe('allow');
      expect(result.headroomMinor).toBe(0n);
      expect(result.reasons).toEqual([{
        code: 'CREDIT_LIMIT_WARNING', decision: 'allow',
        message: 'Exposure after the order 10000.00 EUR reaches 80 % of the credit limit 10000.00 EUR',
        value: '10000.00', threshold: '8000.00',
      }]);
    });

    test('one cent over the limit blocks', () => {
      // 3 000 + 1 000 + 6 000.01 = 10 000.01 > 10 000.00 by 0.01.
      const result = checkOrder(policy, situation({ order: eur(600_001n) }));
      expect(result.decision).toBe('block');
      expect(result.headroomMinor).toBe(-1n);
      expect(result.reasons).toEqual([{
        code: 'CREDIT_LIMIT', decision: 'block',
        message: 'Exposure after the order 10000.01 EUR exceeds the credit limit 10000.00 EUR by 0.01 EUR',
        value: '10000.01', threshold: '10000.00',
      }]);
    });

    test('the warning starts exactly at 80 % of the limit', () => {
      // 3 000 + 1 000 + 4 000 = 8 000.00: 800 000 × 100 = 80 000 000 ≥ 80 × 1 000 000 → warning.
      expect(checkOrder(policy, situation({ order: eur(400_000n) })).reasons.map((r) => r.code))
        .toEqual(['CREDIT_LIMIT_WARNING']);
      // 7 999.99: 79 999 900 < 80 000 000 → nothing.
      expect(checkOrder(policy, situation({ order: eur(399_999n) })).reasons).toEqual([]);
    });

    test('over the limit can ask for prepayment instead', () => {
      const result = checkOrder({ ...policy, overLimitDecision: 'prepayment' }, situation({ order: eur(700_000n) }));
      expect(result.decision).toBe('prepayment');
      expect(result.reasons[0]!.code).toBe('CREDIT_LIMIT');
    });

    test('a zero limit grants no credit: any order exceeds it, an empty account does not', () => {
      const noCredit = { creditLimit: eur(0n), openReceivables: eur(0n), openOrders: eur(0n) };
      const one = checkOrder(policy, situation({ ...noCredit, order: eur(1n) }));
      expect(one.decision).toBe('block');
      expect(one.reasons.map((r) => [r.code, r.value, r.threshold])).toEqual([['CREDIT_LIMIT', '0.01', '0.00']]);
      // Exposure 0 ≤ 0 and no warning on a zero limit (no share of nothing).
      expect(checkOrder(policy, situation({ ...noCredit, order: eur(0n) }))).toMatchObject({
        decision: 'allow', reasons: [], headroomMinor: 0n,
      });
    });
  });

  describe('oldest overdue invoice', () => {
    test.each([
      [29, 'allow', []],
      [30, 'prepayment', ['OVERDUE']], // ≥ 30 → prepayment
      [59, 'prepayment', ['OVERDUE']],
      [60, 'block', ['OVERDUE']], // ≥ 60 → block
    ])('%i days overdue → %s', (days, decision, codes) => {
      const result = checkOrder(policy, situation({ oldestOverdueDays: days }));
      expect(result.decision).toBe(decision);
      expect(result.reasons.map((r) => r.code)).toEqual(codes);
    });

    test('the reason states the days and the threshold', () => {
      expect(checkOrder(policy, situation({ oldestOverdueDays: 45 })).reasons).toEqual([{
        code: 'OVERDUE', decision: 'prepayment',
        message: 'Oldest overdue invoice is 45 days past due (prepayment from 30)', value: '45', threshold: '30',
      }]);
    });
  });

  describe('risk class', () => {
    test.each([
      ['A', 'allow'], ['B', 'allow'], ['C', 'allow'], ['D', 'prepayment'], ['E', 'block'],
    ] as const)('class %s → %s', (riskClass, decision) => {
      expect(checkOrder(policy, situation({ riskClass })).decision).toBe(decision);
    });

    test('an unclassified customer is not judged on class', () => {
      expect(checkOrder(policy, situation({ riskClass: null })).decision).toBe('allow');
    });

    test('the reason names the class and the policy list', () => {
      expect(checkOrder(policy, situation({ riskClass: 'E' })).reasons).toEqual([{
        code: 'RISK_CLASS', decision: 'block', message: 'Risk class E is blocked by the credit policy',
        value: 'E', threshold: 'E',
      }]);
    });
  });

  describe('open disputes', () => {
    test('amount strictly above the currency threshold → prepayment', () => {
      // Receivables 50 000.00 so the share stays low: 10 000.00 / 50 000.00 = 20 % < 25 %.
      const at = situation({ creditLimit: eur(10_000_000n), openReceivables: eur(5_000_000n), openDisputes: eur(1_000_000n) });
      expect(checkOrder(policy, at).reasons).toEqual([]);
      // 10 000.01 > 10 000.00; share 1 000 001 / 5 000 000 = 20.00002 % → still below 25 %.
      const over = checkOrder(policy, { ...at, openDisputes: eur(1_000_001n) });
      expect(over.decision).toBe('prepayment');
      expect(over.reasons).toEqual([{
        code: 'DISPUTES_AMOUNT', decision: 'prepayment',
        message: 'Open disputes 10000.01 EUR exceed 10000.00 EUR', value: '10000.01', threshold: '10000.00',
      }]);
    });

    test('no threshold for the currency: only the share applies', () => {
      const usd = (amountMinor: bigint) => ({ amountMinor, currency: 'USD' });
      const result = checkOrder(policy, {
        ...situation(),
        creditLimit: usd(10_000_000n), openReceivables: usd(5_000_000n), openOrders: usd(0n), order: usd(0n),
        openDisputes: usd(2_000_000n), // 20 000.00 USD, but 40 % of receivables
      });
      expect(result.reasons.map((r) => r.code)).toEqual(['DISPUTES_SHARE']);
    });

    test('share at or above 25 % of open receivables → prepayment', () => {
      // 750.00 / 3 000.00 = 25.0 % → fires; 749.99 / 3 000.00 = 24.99966… % → does not.
      const result = checkOrder(policy, situation({ openDisputes: eur(75_000n) }));
      expect(result.decision).toBe('prepayment');
      expect(result.reasons).toEqual([{
        code: 'DISPUTES_SHARE', decision: 'prepayment',
        message: 'Open disputes 750.00 EUR are 25.0 % of open receivables 3000.00 EUR (limit 25 %)',
        value: '25.0', threshold: '25',
      }]);
      expect(checkOrder(policy, situation({ openDisputes: eur(74_999n) })).reasons).toEqual([]);
    });
  });

  test('the most severe rule decides; every fired rule is listed in evaluation order', () => {
    // Class D (prepayment), 61 days overdue (block), exposure 3 000 + 1 000 + 5 000 = 9 000 (90 % → warning),
    // disputes 1 000.00 / 3 000.00 = 33.3 % (prepayment).
    const result = checkOrder(policy, situation({
      riskClass: 'D', oldestOverdueDays: 61, order: eur(500_000n), openDisputes: eur(100_000n),
    }));
    expect(result.decision).toBe('block');
    expect(result.reasons.map((r) => [r.code, r.decision])).toEqual([
      ['RISK_CLASS', 'prepayment'],
      ['OVERDUE', 'block'],
      ['CREDIT_LIMIT_WARNING', 'allow'],
      ['DISPUTES_SHARE', 'prepayment'],
    ]);
    expect(result.reasons[3]!.value).toBe('33.3');
  });

  describe('currencies and inputs', () => {
    test('an amount in another currency than the limit is refused with a clear error', () => {
      const check = () => checkOrder(policy, situation({ order: { amountMinor: 100n, currency: 'USD' } }));
      expect(check).toThrow(OrderCheckCurrencyError);
      expect(check).toThrow('order is in USD but the credit limit is in EUR; convert it before the order check');
    });

    test('negative amounts and fractional overdue days are refused', () => {
      expect(() => checkOrder(policy, situation({ openOrders: eur(-1n) }))).toThrow(RangeError);
      expect(() => checkOrder(policy, situation({ oldestOverdueDays: 1.5 }))).toThrow(RangeError);
    });
  });
});
