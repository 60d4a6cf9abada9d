import { describe, expect, test } from '@jest/globals';
import { addDays } from '../../workflows/domain/calendar.js';
import {
  classDegraded, monthsBefore, scorePaymentBehaviour,
  type OpenInvoiceHistory, type PaymentBehaviourInput, type SettledInvoiceHistory,
} from '../../src/credit/payment-behaviour-score.js';

// As of 2026-06-30 the window is paid dates in (2025-06-30, 2026-06-30];
// "recent" is (2026-03-30, 2026-06-30], "previous" is (2025-06-30, 2026-03-30].
const AS_OF = '2026-06-30';

/** Settled, due 2025-08-01 (previous period unless told), paid `days` after (negative: early). */
function paid(days: number, amountMinor = 100_000n, extra: Partial<SettledInvoiceHistory> = {}): SettledInvoiceHistory {
  const dueDate = extra.dueDate ?? '2025-08-01';
  return {
    amountMinor, currency: 'EUR', issueDate: addDays(dueDate, -30), dueDate,
    paidDate: addDays(dueDate, days), disputed: false, ...extra,
  };
}

function open(dueDate: string, extra: Partial<OpenInvoiceHistory> = {}): OpenInvoiceHistory {
  return { amountMinor: 50_000n, currency: 'EUR', dueDate, disputed: false, ...extra };
}

function score(settled: SettledInvoiceHistory[], rest: Partial<PaymentBehaviourInput> = {}) {
  return scorePaymentBehaviour({ asOf: AS_OF, settled, open: [], ...rest });
}

const codes = (r: { reasons: { code: string }[] }) => r.reasons.map((x) => x.code);

describe('payment behaviour score', () => {
  describe('class boundaries on the amount-weighted average days late', () => {
    // Three invoices of 1 000.00 EUR, two on time and one 3×d days late: average d days,
    // one in three late (33.3 %, under the 50 % floor), no recent invoice (trend insufficient).
    test.each([
      [[0, 0, 6], 100_000n, '2.0', 'A'], // 600 000 / 300 000 = 2 ≤ 2
      [[0, 0, 6], 100_001n, '2.0', 'B'], // 600 006 / 300 001 = 2.00001… > 2: shows 2.0, is B
      [[0, 0, 30], 100_000n, '10.0', 'B'], // 10 ≤ 10
      [[0, 0, 31], 100_000n, '10.3', 'C'], // 31/3 = 10.33…
      [[0, 0, 90], 100_000n, '30.0', 'C'],
      [[0, 0, 91], 100_000n, '30.3', 'D'],
      [[0, 0, 180], 100_000n, '60.0', 'D'],
      [[0, 0, 181], 100_000n, '60.3', 'E'],
    ])('days %j, last amount %s → %s days, class %s', (days, lastAmount, display, cls) => {
      const result = score([paid(days[0]!), paid(days[1]!), paid(days[2]!, lastAmount)]);
      expect(result.averageDaysLate!.days).toBe(display);
      expect(result.class).toBe(cls);
      expect(result.behaviourClass).toBe(cls);
      expect(result.trend.direction).toBe('insufficient');
      expect(codes(result)).toEqual(['MAIN_CURRENCY', 'AVERAGE_DAYS_LATE']);
    });

    test('the average is weighted by amount', () => {
      // 9 000.00 on time, 1 000.00 20 days late, 1 000.00 on time:
      // 100 000 × 20 / 1 100 000 = 1.818… → "1.8", class A (an unweighted mean would be 6.7, B).
      const result = score([paid(0, 900_000n), paid(20), paid(0)]);
      expect(result.averageDaysLate).toEqual({ weightedDays: 2_000_000n, amountMinor: 1_100_000n, days: '1.8' });
      expect(result.class).toBe('A');
    });

    test('invoices paid early count 0 days, not negative', () => {
      // (0 + 0 + 6) / 3 = 2.0 → A; counting −10 would give (−10 + 0 + 6) / 3 = −1.3.
      const result = score([paid(-10), paid(0), paid(6)]);
      expect(result.averageDaysLate!.days).toBe('2.0');
      expect(result.lateShare.lateCount).toBe(1);
    });

    test('displays one decimal, half-up', () => {
      // (0 + 0 + 0 + 1) / 4 = 0.25 → "0.3".
      expect(score([paid(0), paid(0), paid(0), paid(1)]).averageDaysLate!.days).toBe('0.3');
    });
  });

  describe('late share', () => {
    test('by count and by amount', () => {
      // 3 000.00 on time, 1 000.00 4 days late, 1 000.00 on time:
      // count 1/3 = 33.3 %, amount 100 000 / 500 000 = 20.0 %; average 400 000 / 500 000 = 0.8.
      const result = score([paid(0, 300_000n), paid(4), paid(0)]);
      expect(result.lateShare).toEqual({
        lateCount: 1, settledCount: 3, lateAmountMinor: 100_000n, settledAmountMinor: 500_000n,
        byCountPercent: '33.3', byAmountPercent: '20.0',
      });
      expect(result.class).toBe('A');
    });

    test('more than half paid late, even by a day, is at least B', () => {
      // 1 day late ×3: average 1.0 (A) but 100 % late > 50 % → B.
      const result = score([paid(1), paid(1), paid(1)]);
      expect(result.class).toBe('B');
      expect(result.reasons[2]).toEqual({
        code: 'LATE_SHARE', value: '100.0', params: { percent: 100, thresholdPercent: 50, riskClass: 'B' },
        message: '100.0 % of settled invoices were paid late (over 50 %): at least class B',
      });
      // Exactly half (2 of 4): average 0.5, no floor → A.
      expect(score([paid(0), paid(0), paid(1), paid(1)]).class).toBe('A');
    });
  });

  describe('trend: last 3 months against the 9 before', () => {
    const previous = [paid(0), paid(0), paid(0)];
    const recentLate = (days: number) => paid(days, 100_000n, { dueDate: '2026-05-04' }); // paid in May 2026

    test('degrading by 6 days costs one class; the whole result', () => {
      // Recent: 6 days on 1 000.00 → 6.0; previous: 0 / 300 000 → 0.0; delta
      // (600 000 × 300 000 − 0) / (100 000 × 300 000) = 6 ≥ 5 → degrading.
      // Whole year: 600 000 / 400 000 = 1.5 → A; one in four late (25 %) → no floor; degrading → B.
      expect(score([...previous, recentLate(6)])).toEqual({
        class: 'B', behaviourClass: 'B', insufficientHistory: false, currency: 'EUR',
        averageDaysLate: { weightedDays: 600_000n, amountMinor: 400_000n, days: '1.5' },
        trend: {
          direction: 'degrading', deltaDays: '+6.0',
          recent: { weightedDays: 600_000n, amountMinor: 100_000n, days: '6.0' },
          previous: { weightedDays: 0n, amountMinor: 300_000n, days: '0.0' },
        },
        lateShare: {
          lateCount: 1, settledCount: 4, lateAmountMinor: 100_000n, settledAmountMinor: 400_000n,
          byCountPercent: '25.0', byAmountPercent: '25.0',
        },
        disputeRate: { disputedCount: 0, invoiceCount: 4, percent: '0.0' },
        oldestOpenOverdueDays: 0,
        reasons: [
          {
            code: 'MAIN_CURRENCY', value: 'EUR', params: { currency: 'EUR' },
            message: "Figures are in EUR, the customer's main currency; no currency conversion is made",
          },
          {
            code: 'AVERAGE_DAYS_LATE', value: '1.5', params: { days: 1.5, months: 12, riskClass: 'A' },
            message: 'Paid on average 1.5 days late (amount-weighted, last 12 months): class A',
          },
          {
            code: 'TREND_DEGRADING', value: '+6.0',
            params: { recentDays: 6, previousDays: 0, deltaDays: 6, recentMonths: 3, riskClass: 'B' },
            message: 'Degrading: 6.0 days late over the last 3 months against 0.0 before (+6.0): one class worse, B',
          },
        ],
      });
    });

    test('exactly +5 days is degrading, +4 is stable', () => {
      // 500 000 / 400 000 = 1.25 → A, then degrading → B; 4 days: 1.0 → A, stable.
      expect(score([...previous, recentLate(5)]).trend.direction).toBe('degrading');
      const stable = score([...previous, recentLate(4)]);
      expect(stable.trend).toMatchObject({ direction: 'stable', deltaDays: '+4.0' });
      expect(stable.class).toBe('A');
    });

    test('improving is reported and does not change the class', () => {
      // Previous: 12 days ×3 → 12.0; recent 3 days → 3.0; delta 3 − 12 = −9 → improving.
      // Year: (36 + 3) × 100 000 / 400 000 = 9.75 → "9.8", B.
      const result = score([paid(12), paid(12), paid(12), recentLate(3)]);
      expect(result.trend).toMatchObject({ direction: 'improving', deltaDays: '-9.0' });
      expect(result.averageDaysLate!.days).toBe('9.8');
      expect(result.class).toBe('B');
    });

    test('the 3-month boundary: paid on 2026-03-30 is "previous", on 03-31 "recent"', () => {
      expect(monthsBefore(AS_OF, 3)).toBe('2026-03-30');
      const onBoundary = score([...previous, paid(0, 100_000n, { dueDate: '2026-03-30' })]);
      expect(onBoundary.trend.recent).toBeNull();
      const after = score([...previous, paid(0, 100_000n, { dueDate: '2026-03-31' })]);
      expect(after.trend.recent!.amountMinor).toBe(100_000n);
    });
  });

  describe('window of 12 months', () => {
    test('paid on asOf − 12 months or after asOf is out; the day after the start is in', () => {
      // In: three on time. Out: 60 days late paid 2025-06-30 (= start) and 2026-07-01 (after asOf).
      const base = [paid(0), paid(0), paid(0),
        paid(60, 100_000n, { dueDate: '2025-05-01' }), // paid 2025-06-30
        paid(60, 100_000n, { dueDate: '2026-05-02' })]; // paid 2026-07-01
      expect(base[3]!.paidDate).toBe('2025-06-30');
      expect(base[4]!.paidDate).toBe('2026-07-01');
      expect(score(base)).toMatchObject({ class: 'A', lateShare: { settledCount: 3 } });
      // Paid 2025-07-01: in → 60 × 100 000 / 400 000 = 15.0 → C.
      const edge = score([...base, paid(60, 100_000n, { dueDate: '2025-05-02' })]);
      expect(edge.averageDaysLate!.days).toBe('15.0');
      expect(edge.class).toBe('C');
    });

    test('months clamp to the last day', () => {
      expect(monthsBefore('2026-05-31', 3)).toBe('2026-02-28');
      expect(monthsBefore('2024-02-29', 12)).toBe('2023-02-28');
      expect(monthsBefore('2026-01-15', 1)).toBe('2025-12-15');
    });
  });

  describe('open invoices and disputes', () => {
    test('an undisputed open invoice past due sets a floor on the same scale', () => {
      // Three on time → A; open due 2026-05-31 is 30 days past due at 2026-06-30 → at least C.
      const result = score([paid(0), paid(0), paid(0)], { open: [open('2026-05-31'), open('2026-06-20')] });
      expect(result.oldestOpenOverdueDays).toBe(30);
      expect(result.class).toBe('C');
      expect(result.reasons.at(-1)).toEqual({
        code: 'OPEN_OVERDUE', value: 30, params: { days: 30, riskClass: 'C' }, message: 'An open invoice is 30 days past due: at least class C',
      });
    });

    test('a disputed open invoice is no lateness but counts in the dispute rate', () => {
      // Four on time + one open disputed 180 days past due: overdue floor ignores it;
      // dispute rate 1 / 5 = 20.0 % is not above 20 % → A.
      const four = [paid(0), paid(0), paid(0), paid(0)];
      const result = score(four, { open: [open('2026-01-01', { disputed: true })] });
      expect(result.oldestOpenOverdueDays).toBe(0);
      expect(result.disputeRate).toEqual({ disputedCount: 1, invoiceCount: 5, percent: '20.0' });
      expect(result.class).toBe('A');
      // 1 / 4 = 25 % > 20 % → one class worse: B.
      const settledDispute = score([paid(0), paid(0), paid(0), paid(0, 100_000n, { disputed: true })]);
      expect(settledDispute.class).toBe('B');
      expect(settledDispute.reasons.at(-1)).toEqual({
        code: 'DISPUTE_RATE', value: '25.0', params: { percent: 25, thresholdPercent: 20, riskClass: 'B' }, message: '25.0 % of invoices disputed (over 20 %): one class worse, B',
      });
    });

    test('one-class steps stack: degrading and disputes', () => {
      // As in the degrading case (1.5 → A, +6.0 → B) with one of the four disputed: 25 % > 20 % → C.
      const result = score([paid(0, 100_000n, { disputed: true }), paid(0), paid(0),
        paid(6, 100_000n, { dueDate: '2026-05-04' })]);
      expect(result.class).toBe('C');
      expect(codes(result)).toEqual(['MAIN_CURRENCY', 'AVERAGE_DAYS_LATE', 'TREND_DEGRADING', 'DISPUTE_RATE']);
    });

    test('steps cap at E', () => {
      // 61 days ×3 (one disputed) paid 2025-10-01, and 100 days on one paid 2026-06-09 (recent):
      // year (61 × 3 + 100) / 4 = 70.75 → "70.8", E; trend 100 − 61 = +39.0 degrading; disputes 25 %.
      // Everything late (100 %) but the B floor is moot for an E.
      const result = score([paid(61, 100_000n, { disputed: true }), paid(61), paid(61),
        paid(100, 100_000n, { dueDate: '2026-03-01' })]);
      expect(result.averageDaysLate!.days).toBe('70.8');
      expect(result.trend.deltaDays).toBe('+39.0');
      expect(result.class).toBe('E');
      expect(codes(result)).toEqual(['MAIN_CURRENCY', 'AVERAGE_DAYS_LATE', 'TREND_DEGRADING', 'DISPUTE_RATE']);
    });
  });

  describe('insufficient history', () => {
    test('no history at all: class C by default, no currency', () => {
      const result = score([]);
      expect(result).toMatchObject({
        class: 'C', behaviourClass: 'C', insufficientHistory: true, currency: null, averageDaysLate: null,
        trend: { direction: 'insufficient', deltaDays: null },
        lateShare: { settledCount: 0, byCountPercent: null, byAmountPercent: null },
        disputeRate: { invoiceCount: 0, percent: null },
      });
      expect(result.reasons).toEqual([{
        code: 'INSUFFICIENT_HISTORY', value: 0, params: { settled: 0, months: 12, needed: 3, riskClass: 'C' },
        message: 'Only 0 settled invoice(s) in the last 12 months (3 needed): class C by default',
      }]);
    });

    test('two settled invoices are not enough, even if paid on time', () => {
      expect(score([paid(0), paid(0)])).toMatchObject({ class: 'C', insufficientHistory: true });
    });

    test('an open invoice 61 days past due still makes it E', () => {
      // 2026-04-30 → 2026-06-30 = 31 (May) + 30 (June) = 61 days > 60 → E.
      expect(score([], { open: [open('2026-04-30')] })).toMatchObject({ class: 'E', oldestOpenOverdueDays: 61 });
    });
  });

  describe('currencies', () => {
    test('figures in the main currency only, others left out and said so', () => {
      // EUR: 3 invoices on time; USD: 2 invoices 90 days late. Main = EUR (3 > 2) → A.
      const usd = { currency: 'USD' };
      const settled = [paid(0), paid(0), paid(0), paid(90, 100_000n, usd), paid(90, 100_000n, usd)];
      const result = score(settled);
      expect(result).toMatchObject({ currency: 'EUR', class: 'A' });
      expect(result.reasons[1]).toEqual({
        code: 'OTHER_CURRENCIES_EXCLUDED', value: 2, params: { invoices: 2, currency: 'EUR' }, message: '2 invoice(s) in other currencies than EUR are left out',
      });
      // Told that the customer's currency is USD: 2 USD invoices → insufficient → C, 3 left out.
      expect(score(settled, { currency: 'USD' })).toMatchObject({
        currency: 'USD', class: 'C', reasons: [{ code: 'MAIN_CURRENCY' }, { value: 3 }, { code: 'INSUFFICIENT_HISTORY' }],
      });
    });

    test('a tie goes to the first currency code alphabetically', () => {
      expect(score([paid(0, 100n, { currency: 'USD' }), paid(0, 100n, { currency: 'CHF' })]).currency).toBe('CHF');
    });
  });

  describe('external score', () => {
    const onTime = [paid(0), paid(0), paid(0)]; // ours: A

    test('a recent external class worse than ours wins', () => {
      const result = score(onTime, { external: { provider: 'Allianz Trade', assessedOn: '2026-06-01', class: 'D' } });
      expect(result).toMatchObject({
        class: 'D', behaviourClass: 'A',
        external: { provider: 'Allianz Trade', assessedOn: '2026-06-01', ageDays: 29, score: null, class: 'D', recent: true },
      });
      expect(result.reasons.at(-1)).toEqual({
        code: 'EXTERNAL_COMBINED', value: 'D',
        params: { provider: 'Allianz Trade', scored: 'no', externalClass: 'D', assessedOn: '2026-06-01', ourClass: 'A', riskClass: 'D' },
        message: 'Allianz Trade class D of 2026-06-01 is recent: the worse of ours (A) and theirs (D) applies, D',
      });
    });

    test('a recent better external score does not improve ours', () => {
      // Ours: 1 day late ×3 → B (late-share floor); score 85 ≥ 80 → A; worse of B and A → B.
      expect(score([paid(1), paid(1), paid(1)], {
        external: { provider: 'Coface', assessedOn: '2026-06-01', score: 85 },
      })).toMatchObject({ class: 'B', external: { class: 'A', score: 85 } });
    });

    test('180 days old is recent, 181 is stale and ignored', () => {
      // 2026-01-01 → 2026-06-30: 30 (rest of Jan) + 28 + 31 + 30 + 31 + 30 = 180 days.
      expect(score(onTime, { external: { provider: 'X', assessedOn: '2026-01-01', class: 'E' } }).class).toBe('E');
      const stale = score(onTime, { external: { provider: 'X', assessedOn: '2025-12-31', class: 'E' } });
      expect(stale).toMatchObject({ class: 'A', external: { ageDays: 181, recent: false } });
      expect(stale.reasons.at(-1)).toEqual({
        code: 'EXTERNAL_STALE', value: 181,
        params: { provider: 'X', scored: 'no', externalClass: 'E', assessedOn: '2025-12-31', ageDays: 181, maxAgeDays: 180, riskClass: 'A' },
        message: 'X class E of 2025-12-31 is 181 days old (over 180): ignored, our class A stands',
      });
    });

    test.each([
      [100, 'A'], [80, 'A'], [79.5, 'B'], [60, 'B'], [59, 'C'], [40, 'C'], [39, 'D'], [20, 'D'], [19.9, 'E'], [0, 'E'],
    ])('without history a recent score of %s gives class %s', (value, cls) => {
      const result = score([], { external: { provider: 'Bureau', assessedOn: '2026-06-01', score: value } });
      expect(result.class).toBe(cls);
      expect(result.behaviourClass).toBe('C');
      expect(result.reasons.at(-1)).toMatchObject({
        code: 'EXTERNAL_REPLACES_DEFAULT', params: { provider: 'Bureau', scored: 'yes', score: value, externalClass: cls, assessedOn: '2026-06-01', riskClass: cls },
      });
    });

    test('without history the external class is still floored by an overdue open invoice', () => {
      // 2026-05-26 → 2026-06-30: 5 + 30 = 35 days → D; external A → worse of A and D = D.
      const result = score([], {
        open: [open('2026-05-26')], external: { provider: 'Bureau', assessedOn: '2026-06-01', class: 'A' },
      });
      expect(result.class).toBe('D');
      expect(result.reasons.at(-1)!.message).toBe(
        'Bureau class A of 2026-06-01 replaces our default class for lack of history: class D');
    });

    test('malformed external scores are refused', () => {
      const bad = (external: object) => () => score(onTime, { external: { provider: 'X', assessedOn: '2026-06-01', ...external } });
      expect(bad({})).toThrow(RangeError);
      expect(bad({ class: 'A', score: 90 })).toThrow(RangeError);
      expect(bad({ score: 101 })).toThrow(RangeError);
      expect(bad({ class: 'A', assessedOn: '2026-07-01' })).toThrow(RangeError);
    });
  });

  test('classDegraded: only a move towards E', () => {
    expect(classDegraded('A', 'B')).toBe(true);
    expect(classDegraded('C', 'E')).toBe(true);
    expect(classDegraded('B', 'A')).toBe(false);
    expect(classDegraded('C', 'C')).toBe(false);
    expect(classDegraded(null, 'E')).toBe(false);
  });
});

describe('broken promises to pay (rule 7)', () => {
  const good = [paid(0), paid(0), paid(0)];

  test('none: no reason, no figure (earlier scores stay comparable)', () => {
    const r = score(good, { brokenPromises: [] });
    expect(r.class).toBe('A');
    expect(r.brokenPromises).toBeUndefined();
    expect(codes(r)).not.toContain('BROKEN_PROMISES');
  });

  test('one broken in the window: at least B; two: at least B and one worse (C)', () => {
    const one = score(good, { brokenPromises: ['2026-05-01'] });
    expect(one).toMatchObject({ class: 'B', behaviourClass: 'A', brokenPromises: 1 });
    expect(one.reasons.at(-1)).toMatchObject({
      code: 'BROKEN_PROMISES', value: 1, params: { promises: 1, months: 12, floorClass: 'B', oneWorse: 'no', previousClass: 'A', riskClass: 'B' },
    });
    const two = score(good, { brokenPromises: ['2026-05-01', '2026-06-30'] });
    expect(two).toMatchObject({ class: 'C', brokenPromises: 2 });
    expect(two.reasons.at(-1)!.params).toEqual({ promises: 2, months: 12, floorClass: 'B', oneWorse: 'yes', previousClass: 'A', riskClass: 'C' });
  });

  test('outside the 12-month window or after asOf: ignored', () => {
    expect(score(good, { brokenPromises: ['2025-06-30', '2026-07-01'] })).toMatchObject({ class: 'A' });
    expect(score(good, { brokenPromises: ['2025-07-01'] })).toMatchObject({ class: 'B' });
  });

  test('applies with insufficient history too, and never improves a class', () => {
    expect(score([], { brokenPromises: ['2026-06-01'] })).toMatchObject({ class: 'C', insufficientHistory: true, brokenPromises: 1 });
    expect(score([], { brokenPromises: ['2026-06-01', '2026-06-02'] })).toMatchObject({ class: 'D' });
    expect(() => score(good, { brokenPromises: ['2026-13-01'] })).toThrow(RangeError);
  });
});

