import { describe, expect, test } from '@jest/globals';
import { compareDecimalText, formatMinor, formatMinorText } from '../../src/reports/aged-balance.js';
import { formatAmount, minorUnitDigits } from '../../workflows/domain/money.js';
import { computeKpis, countbackDso, inclusiveDays, monthsEndingWith, ratio } from '../../src/reports/kpi-formulas.js';

describe('ratio: exact, rounded once half away from zero', () => {
  test('rounds on the exact fraction, not on a float', () => {
    expect(ratio(1005n, 100_000n)).toBe(0.01); // 0.01005 → 0.01
    expect(ratio(1n, 200n)).toBe(0.01); // 0.005 → 0.01 (a float 0.005 × 100 would give 0.5 → 0 or 1 by luck)
    expect(ratio(-1n, 200n)).toBe(-0.01);
    expect(ratio(2n, 3n)).toBe(0.67);
    expect(ratio(5n, 0n)).toBeNull();
  });
});

describe('count-back DSO', () => {
  test('walks back whole months while AR covers their sales, then a fraction of the next', () => {
    // AR 9400; March 2200 (31 d), February 4500 (28 d), January 2000 (31 d), December 1000 (31 d) → 90 + 700/1000 × 31
    expect(countbackDso(9400n, [{ days: 31, salesMinor: 2200n }, { days: 28, salesMinor: 4500n }, { days: 31, salesMinor: 2000n }, { days: 31, salesMinor: 1000n }])).toBe(111.7);
  });
  test('a month without sales adds its days; AR older than the months given adds nothing more', () => {
    expect(countbackDso(100n, [{ days: 30, salesMinor: 0n }, { days: 31, salesMinor: 50n }])).toBe(61);
    expect(countbackDso(0n, [{ days: 30, salesMinor: 10n }])).toBe(0);
    expect(countbackDso(-5n, [{ days: 30, salesMinor: 10n }])).toBeNull();
  });
});

describe('period KPIs', () => {
  const base = {
    days: 90, creditSalesMinor: 870_000n, arBeginMinor: 220_000n, arEndMinor: 940_000n, arEndCurrentMinor: 250_000n,
    arEndOver90Minor: 120_000n, writeOffsMinor: 0n, settledAmountMinor: 100_000n, settledWeightedDays: 5_000_000n, monthsBack: [],
  };
  test('standard DSO, best possible DSO, ADD, CEI, turnover, shares (values of the Q1 fixture)', () => {
    expect(computeKpis(base)).toEqual({
      dso: 97.24, bestPossibleDso: 25.86, add: 71.38, countbackDso: 0, cei: 17.86, turnover: 1.5, turnoverDays: 60,
      averageDaysToPay: 50, currentShare: 26.6, over90Share: 12.77, writeOffRatio: 0,
    });
  });
  test('ADD is computed from the unrounded figures (it may differ from dso − best by a cent)', () => {
    // dso = 100/3 × 1 = 33.333 → 33.33; best = 50/3 → 16.67; add = 50/3 → 16.67 (33.33 − 16.67 = 16.66)
    const k = computeKpis({ ...base, days: 1, creditSalesMinor: 3n, arEndMinor: 100n, arEndCurrentMinor: 50n });
    expect([k.dso, k.bestPossibleDso, k.add]).toEqual([33.33, 16.67, 16.67]);
  });
  test('no credit sales: sales-based ratios are null, not infinite', () => {
    const k = computeKpis({ ...base, creditSalesMinor: 0n, settledAmountMinor: 0n });
    expect([k.dso, k.bestPossibleDso, k.add, k.turnover, k.turnoverDays, k.writeOffRatio, k.averageDaysToPay]).toEqual([null, null, null, null, null, null, null]);
    expect(k.cei).toBe(Number((((220_000 - 940_000) / (220_000 - 250_000)) * 100).toFixed(2)));
  });
  test('write-offs are a share of credit sales', () => {
    expect(computeKpis({ ...base, writeOffsMinor: -87_000n }).writeOffRatio).toBe(10);
  });
});

describe('calendar helpers', () => {
  test('months ending with a date: the first counts up to that date', () => {
    expect(monthsEndingWith('2026-03-15', 3)).toEqual([
      { start: '2026-03-01', end: '2026-03-15', days: 15 },
      { start: '2026-02-01', end: '2026-02-28', days: 28 },
      { start: '2026-01-01', end: '2026-01-31', days: 31 },
    ]);
    expect(monthsEndingWith('2028-03-31', 2)[1]).toEqual({ start: '2028-02-01', end: '2028-02-29', days: 29 });
  });
  test('inclusive days', () => {
    expect(inclusiveDays('2026-01-01', '2026-03-31')).toBe(90);
    expect(inclusiveDays('2026-03-29', '2026-03-30')).toBe(2); // across the DST change: dates, not instants
  });
});

describe('report amounts', () => {
  test('formatMinor writes what formatAmount writes, faster', () => {
    for (const currency of ['EUR', 'JPY', 'KWD']) {
      for (const v of [0n, 1n, -1n, 9n, 10n, 99n, 100n, 101n, -100n, 123456789n, -987654321012n, 5n * 10n ** 15n]) {
        expect(formatMinor(v, minorUnitDigits(currency))).toBe(formatAmount(v, currency));
      }
    }
  });

  test('formatMinorText formats integer text as formatAmount formats the bigint', () => {
    for (const v of [0n, 7n, -7n, 100n, -123456n, 5n * 10n ** 15n]) {
      expect(formatMinorText(v.toString(), 2)).toBe(formatAmount(v, 'EUR'));
      expect(formatMinorText(v.toString(), 0)).toBe(formatAmount(v, 'JPY'));
    }
  });

  test('compareDecimalText orders formatted amounts as numbers, without parsing them', () => {
    const amounts = ['-12.50', '-3.00', '-0.01', '0.00', '0.99', '9.99', '10.00', '123.45', '1000000.00'];
    const shuffled = [...amounts].reverse();
    expect(shuffled.sort(compareDecimalText)).toEqual(amounts);
    expect(compareDecimalText('10.00', '10.00')).toBe(0);
    expect(Math.sign(compareDecimalText('-10.00', '-9.99'))).toBe(-1);
  });
});
