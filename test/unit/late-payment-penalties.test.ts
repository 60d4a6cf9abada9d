import { describe, expect, test } from '@jest/globals';
import {
  computeLatePaymentPenalty, ecbRateInForce, ECB_MAIN_REFINANCING_RATES,
} from '../../activities/late-payment-penalties.js';

// Every interest figure below is amount(minor) × rateBp × days / (10 000 × 365 = 3 650 000),
// rounded half-up to the minor unit.
describe('late-payment penalties (L441-10, D441-5)', () => {
  test('within one half-year: the ECB rate of 1 January + 10 points, plus €40', () => {
    // 10 000.00 EUR = 1 000 000 cents, due 2025-03-10, as of 2025-04-09:
    // days 2025-03-11..03-31 (21) + 04-01..04-09 (9) = 30.
    // H1 2025 rate: ECB on 2025-01-01 = 3.15 % (since 2024-12-18) + 10 = 13.15 % = 1315 bp;
    // the cuts of 2025-02-05 and 2025-03-12 do not matter before 1 July.
    // 1 000 000 × 1315 × 30 = 39 450 000 000; / 3 650 000 = 10 808.219… → 10 808 cents = 108.08 EUR.
    expect(computeLatePaymentPenalty({
      amountMinor: 1_000_000n, currency: 'EUR', dueDate: '2025-03-10', asOf: '2025-04-09',
    })).toEqual({
      daysLate: 30,
      periods: [{ from: '2025-03-11', to: '2025-04-09', days: 30, rateBp: 1315, interestMinor: 10_808n }],
      interestMinor: 10_808n,
      indemnityMinor: 4000n,
      totalMinor: 14_808n,
    });
  });

  test('across half-years: each period at its own rate', () => {
    // 5 000.00 EUR = 500 000 cents, due 2024-12-01, as of 2025-01-30: 30 + 30 = 60 days.
    // H2 2024: ECB on 2024-07-01 = 4.25 % (since 2024-06-12) + 10 = 1425 bp, 2024-12-02..12-31 = 30 days:
    //   500 000 × 1425 × 30 = 21 375 000 000; / 3 650 000 = 5 856.164… → 5 856.
    // H1 2025: 1315 bp, 2025-01-01..01-30 = 30 days:
    //   500 000 × 1315 × 30 = 19 725 000 000; / 3 650 000 = 5 404.109… → 5 404.
    // Total: 41 100 000 000 / 3 650 000 = 11 260.273… → 11 260 cents.
    const penalty = computeLatePaymentPenalty({
      amountMinor: 500_000n, currency: 'EUR', dueDate: '2024-12-01', asOf: '2025-01-30',
    });
    expect(penalty.daysLate).toBe(60);
    expect(penalty.periods).toEqual([
      { from: '2024-12-02', to: '2024-12-31', days: 30, rateBp: 1425, interestMinor: 5856n },
      { from: '2025-01-01', to: '2025-01-30', days: 30, rateBp: 1315, interestMinor: 5404n },
    ]);
    expect(penalty.interestMinor).toBe(11_260n);
    expect(penalty.totalMinor).toBe(15_260n);
  });

  test('in 2021 the ECB rate was 0 %: 10 % flat', () => {
    // 2 000.00 EUR = 200 000 cents, due 2021-05-15, as of 2021-06-14: 16 + 14 = 30 days at 1000 bp.
    // 200 000 × 1000 × 30 = 6 000 000 000; / 3 650 000 = 1 643.835… → 1 644 cents = 16.44 EUR.
    const penalty = computeLatePaymentPenalty({
      amountMinor: 200_000n, currency: 'EUR', dueDate: '2021-05-15', asOf: '2021-06-14',
    });
    expect(penalty.periods.map((p) => p.rateBp)).toEqual([1000]);
    expect(penalty.interestMinor).toBe(1644n);
    expect(penalty.totalMinor).toBe(5644n);
  });

  test('rounds once, half-up, on the exact total', () => {
    // 0.25 EUR at 10 % for 73 days (1/5 year): 25 × 1000 × 73 = 1 825 000; / 3 650 000 = 0.5 → 1 cent.
    // 2021-01-10 → 2021-03-24: 21 (Jan) + 28 (Feb) + 24 (Mar) = 73 days.
    const penalty = computeLatePaymentPenalty({
      amountMinor: 25n, currency: 'EUR', dueDate: '2021-01-10', asOf: '2021-03-24',
    });
    expect(penalty.daysLate).toBe(73);
    expect(penalty.interestMinor).toBe(1n);
  });

  test('displayed period shares may differ by one unit from the exact total', () => {
    // 100.00 EUR = 10 000 cents, due 2024-12-29, as of 2025-01-01.
    // 2024-12-30..31, 2 days at 1425: 28 500 000 / 3 650 000 = 7.808… → shown 8.
    // 2025-01-01, 1 day at 1315:      13 150 000 / 3 650 000 = 3.602… → shown 4.
    // Exact total: 41 650 000 / 3 650 000 = 11.410… → 11, not 8 + 4 = 12.
    const penalty = computeLatePaymentPenalty({
      amountMinor: 10_000n, currency: 'EUR', dueDate: '2024-12-29', asOf: '2025-01-01',
    });
    expect(penalty.periods.map((p) => p.interestMinor)).toEqual([8n, 4n]);
    expect(penalty.interestMinor).toBe(11n);
  });

  test('JPY has no decimals and no default indemnity', () => {
    // 1 000 000 JPY, same dates and rate as the first case:
    // 1 000 000 × 1315 × 30 / 3 650 000 = 10 808.219… → 10 808 JPY.
    const input = { amountMinor: 1_000_000n, currency: 'JPY', dueDate: '2025-03-10', asOf: '2025-04-09' };
    expect(computeLatePaymentPenalty(input)).toMatchObject({ interestMinor: 10_808n, indemnityMinor: 0n, totalMinor: 10_808n });
    // The €40 converted by the caller into yen.
    expect(computeLatePaymentPenalty({ ...input, fixedIndemnityMinor: 6500n }).totalMinor).toBe(17_308n);
  });

  test('no fixed indemnity outside business-to-business', () => {
    const penalty = computeLatePaymentPenalty({
      amountMinor: 1_000_000n, currency: 'EUR', dueDate: '2025-03-10', asOf: '2025-04-09', businessToBusiness: false,
    });
    expect(penalty).toMatchObject({ interestMinor: 10_808n, indemnityMinor: 0n, totalMinor: 10_808n });
  });

  test.each([['2025-03-10'], ['2025-03-01']])('nothing is due as of %s for an invoice due 2025-03-10', (asOf) => {
    expect(computeLatePaymentPenalty({ amountMinor: 1_000_000n, currency: 'EUR', dueDate: '2025-03-10', asOf }))
      .toEqual({ daysLate: 0, periods: [], interestMinor: 0n, indemnityMinor: 0n, totalMinor: 0n });
  });

  test('the floor (3 × the legal rate) wins over a lower contractual rate', () => {
    // Contract: ECB + 2 points = 0 + 200 bp in H1 2021; floor 3 × 0.79 % (legal rate, H1 2021) = 237 bp.
    // 10 000.00 EUR, due 2021-02-01, as of 2021-03-03: 27 (Feb) + 3 (Mar) = 30 days.
    // 1 000 000 × 237 × 30 = 7 110 000 000; / 3 650 000 = 1 947.945… → 1 948 cents.
    const penalty = computeLatePaymentPenalty({
      amountMinor: 1_000_000n, currency: 'EUR', dueDate: '2021-02-01', asOf: '2021-03-03', marginBp: 200, floorRateBp: 237,
    });
    expect(penalty.periods.map((p) => p.rateBp)).toEqual([237]);
    expect(penalty.interestMinor).toBe(1948n);
  });

  test('an operator table overrides the default rates; a change on 1 July applies to H2', () => {
    const rates = [{ from: '2019-01-01', rateBp: 0 }, { from: '2026-07-01', rateBp: 200 }];
    // 1 000 000 cents, due 2026-06-29, as of 2026-07-02: 06-30 at 1000 bp, 07-01..07-02 at 1200 bp.
    // 1 000 000 × (1000 × 1 + 1200 × 2) = 3 400 000 000; / 3 650 000 = 931.506… → 932.
    const penalty = computeLatePaymentPenalty({
      amountMinor: 1_000_000n, currency: 'EUR', dueDate: '2026-06-29', asOf: '2026-07-02', rates,
    });
    expect(penalty.periods.map((p) => [p.from, p.to, p.days, p.rateBp])).toEqual([
      ['2026-06-30', '2026-06-30', 1, 1000],
      ['2026-07-01', '2026-07-02', 2, 1200],
    ]);
    expect(penalty.interestMinor).toBe(932n);
  });

  test('reads the rate in force on a date', () => {
    expect(ecbRateInForce('2022-07-26')).toBe(0);
    expect(ecbRateInForce('2022-07-27')).toBe(50);
    expect(ecbRateInForce('2024-07-01')).toBe(425);
    expect(ECB_MAIN_REFINANCING_RATES.at(-1)).toEqual({ from: '2025-06-11', rateBp: 215 });
    expect(() => ecbRateInForce('2010-01-01')).toThrow(RangeError);
  });

  test('refuses bad inputs', () => {
    const ok = { amountMinor: 100n, currency: 'EUR', dueDate: '2025-03-10', asOf: '2025-04-09' };
    expect(() => computeLatePaymentPenalty({ ...ok, amountMinor: -1n })).toThrow(RangeError);
    expect(() => computeLatePaymentPenalty({ ...ok, dueDate: '2025-02-30' })).toThrow(RangeError);
    expect(() => computeLatePaymentPenalty({ ...ok, marginBp: 10.5 })).toThrow(RangeError);
    expect(() => computeLatePaymentPenalty({
      ...ok, rates: [{ from: '2025-01-01', rateBp: 0 }, { from: '2024-01-01', rateBp: 0 }],
    })).toThrow(RangeError);
  });
});
