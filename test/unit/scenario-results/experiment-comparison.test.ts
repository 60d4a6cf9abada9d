import { describe, expect, test } from '@jest/globals';
import { compareArms, type ArmInvoice } from '../../../src/scenario-results/experiment-comparison.js';

const invoice = (arm: 'A' | 'B', customerId: string, dueDate: string, settledOn: string | null, closedOtherwise = false, issueDate = '2026-03-01'): ArmInvoice =>
  ({ arm, customerId, issueDate, dueDate, settledOn, closedOtherwise });

describe('experiment arms compared (hand-computed)', () => {
  // As of 2026-06-30. Invoices issued 2026-03-01, due 2026-03-31: paid on time when settled by 2026-04-14 (due + 14, inclusive).
  const asOf = '2026-06-30';
  const invoices: ArmInvoice[] = [
    invoice('A', 'c1', '2026-03-31', '2026-04-05'), // paid on time; days to pay 04-05 − 03-01 = 35
    invoice('A', 'c1', '2026-03-31', '2026-04-15'), // paid one day too late; days to pay 45
    invoice('A', 'c2', '2026-03-31', null), // open, 14 days past due long ago: decided, not paid
    invoice('A', 'c3', '2026-06-25', null, false, '2026-05-26'), // open, due + 14 = 07-09 not reached: pending
    invoice('A', 'c4', '2026-03-31', '2026-04-01', true), // cancelled: excluded
    invoice('B', 'c5', '2026-03-31', '2026-03-31'), // paid on time, 30 days
    invoice('B', 'c6', '2026-03-31', '2026-04-10'), // paid on time, 40 days
    invoice('B', 'c6', '2026-03-31', null), // decided, not paid
    invoice('B', 'c7', '2026-03-31', null), // decided, not paid
  ];

  const result = compareArms(invoices, { A: 3, B: 4 }, asOf);

  test('arm A: 1 paid of 3 decided, 1 pending, 1 excluded; days to pay [35, 45]', () => {
    // Wilson(1, 3): p = 1/3, z²/n = 1.2804865, 1 + z²/n = 2.2804865
    //   centre = (0.3333333 + 0.6402433) / 2.2804865 = 0.4269162
    //   half = 1.959964/2.2804865 · √(0.2222222/3 + 3.841459/36) = 0.8594503 · 0.4251872 = 0.3654243 → [0.0615, 0.7923]
    // days: mean 40, s² = (25 + 25)/1 = 50, se = √(50/2) = 5, t(0.975, 1) = 12.706205 → 40 ± 63.53 → [−23.53, 103.53]
    expect(result.arms[0]).toEqual({
      arm: 'A', version: 3, invoices: 5, customers: 4,
      paidWithin14Days: { paid: 1, decided: 3, pending: 1, excluded: 1, rate: 0.3333, ci95: { low: 0.0615, high: 0.7923 } },
      daysToPay: { n: 2, mean: 40, ci95: { low: -23.53, high: 103.53 } },
    });
  });

  test('arm B: 2 paid of 4 decided; days to pay [30, 40]', () => {
    // Wilson(2, 4): p = 0.5, centre = 0.5, half = 1.959964/1.9603648 · √(0.0625 + 3.841459/64) = 0.9997955 · 0.3500330 = 0.3499610
    //   → [0.1500, 0.8500]
    // days: mean 35, s² = 50, se = 5 → 35 ± 63.53 → [−28.53, 98.53]
    expect(result.arms[1]).toEqual({
      arm: 'B', version: 4, invoices: 4, customers: 3,
      paidWithin14Days: { paid: 2, decided: 4, pending: 0, excluded: 0, rate: 0.5, ci95: { low: 0.15, high: 0.85 } },
      daysToPay: { n: 2, mean: 35, ci95: { low: -28.53, high: 98.53 } },
    });
  });

  test('differences B − A: Newcombe for the rate, Welch for days to pay', () => {
    // rate: d = 0.5 − 0.3333333 = 0.1666667
    //   low  = d − √((0.5 − 0.1500390)² + (0.7923404 − 0.3333333)²) = −0.4105
    //   high = d + √((0.8499610 − 0.5)² + (0.3333333 − 0.0614919)²) = 0.6098
    // days: d = 35 − 40 = −5; se = √(50/2 + 50/2) = 7.0710678; df = 50² / (25²/1 + 25²/1) = 2
    //   t(0.975, 2) = 4.3026527 → half = 30.4243 → [−35.42, 25.42]
    expect(result.difference).toEqual({
      paidWithin14DaysRate: { estimate: 0.1667, ci95: { low: -0.4105, high: 0.6098 } },
      daysToPay: { estimate: -5, ci95: { low: -35.42, high: 25.42 }, df: 2 },
    });
  });

  test('an empty arm has no rate, no mean and no difference', () => {
    const empty = compareArms([invoice('A', 'c1', '2026-03-31', '2026-04-05')], { A: 1, B: 2 }, asOf);
    expect(empty.arms[1]).toEqual({
      arm: 'B', version: 2, invoices: 0, customers: 0,
      paidWithin14Days: { paid: 0, decided: 0, pending: 0, excluded: 0, rate: null, ci95: null },
      daysToPay: { n: 0, mean: null, ci95: null },
    });
    expect(empty.arms[0]!.daysToPay).toEqual({ n: 1, mean: 35, ci95: null });
    expect(empty.difference).toEqual({ paidWithin14DaysRate: null, daysToPay: null });
  });

  test('the 14-day deadline is inclusive and counts from the due date', () => {
    const onDeadline = compareArms([invoice('A', 'c', '2026-03-31', '2026-04-14')], { A: 1, B: 2 }, asOf);
    const dayAfter = compareArms([invoice('A', 'c', '2026-03-31', '2026-04-15')], { A: 1, B: 2 }, asOf);
    expect(onDeadline.arms[0]!.paidWithin14Days.paid).toBe(1);
    expect(dayAfter.arms[0]!.paidWithin14Days).toMatchObject({ paid: 0, decided: 1 });
    // Still open on the deadline itself: it may yet be paid today, so it is pending.
    expect(compareArms([invoice('A', 'c', '2026-06-16', null)], { A: 1, B: 2 }, asOf).arms[0]!.paidWithin14Days)
      .toMatchObject({ decided: 0, pending: 1 });
  });
});
