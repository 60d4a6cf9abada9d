import { describe, expect, test } from '@jest/globals';
import { createBusinessCalendar } from '../../workflows/domain/business-calendar.js';
import {
  addMonths, allocateToInstalments, computeSchedule, instalmentJudgedAt, judgePlan, percentToBp,
} from '../../workflows/domain/payment-plan-rules.js';

const fr = createBusinessCalendar();
const amounts = (s: { amountMinor: bigint }[]) => s.map((i) => i.amountMinor);

describe('payment plan schedule', () => {
  test('monthly dates from the first due date, clamped to month ends', () => {
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2027-01-31', 2)).toBe('2027-03-31');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
  });

  test('principal split exactly: the remainder cents go to the first instalments', () => {
    const s = computeSchedule({ principalMinor: 100_000n, startDate: '2026-12-03', firstDueDate: '2027-01-05', count: 3, intervalMonths: 1, annualInterestBp: 0, feeMinor: 0n });
    expect(s.map((i) => [i.seq, i.dueDate, i.principalMinor])).toEqual([[1, '2027-01-05', 33_334n], [2, '2027-02-05', 33_333n], [3, '2027-03-05', 33_333n]]);
    expect(amounts(s).reduce((a, b) => a + b)).toBe(100_000n);
  });

  test('simple interest on the outstanding principal, actual/365, half-up per instalment; fee on the first', () => {
    // 1 200.00 at 10 % over 3 monthly instalments from 2027-01-01, first due 2027-02-01 (31 days), then 28, then 31 days.
    const s = computeSchedule({ principalMinor: 120_000n, startDate: '2027-01-01', firstDueDate: '2027-02-01', count: 3, intervalMonths: 1, annualInterestBp: 1000, feeMinor: 2_500n });
    // 120 000 × 0.10 × 31/365 = 1 019.178… → 1 019; 80 000 × 0.10 × 28/365 = 613.698… → 614; 40 000 × 0.10 × 31/365 = 339.726… → 340.
    expect(s.map((i) => [i.principalMinor, i.interestMinor, i.feeMinor, i.amountMinor])).toEqual([
      [40_000n, 1_019n, 2_500n, 43_519n], [40_000n, 614n, 0n, 40_614n], [40_000n, 340n, 0n, 40_340n],
    ]);
  });

  test('half-up at exactly half a cent', () => {
    // 365 000 × 0.01 % × 5 days / 365 = 0.5 → 1; one minor unit less stays under half → 0.
    const one = (principalMinor: bigint) => computeSchedule({ principalMinor, startDate: '2027-01-01', firstDueDate: '2027-01-06', count: 1, intervalMonths: 1, annualInterestBp: 1, feeMinor: 0n })[0]!;
    expect(one(365_000n).interestMinor).toBe(1n);
    expect(one(364_999n).interestMinor).toBe(0n);
  });

  test('refuses impossible plans', () => {
    const ok = { principalMinor: 100n, startDate: '2027-01-01', firstDueDate: '2027-02-01', count: 2, intervalMonths: 1, annualInterestBp: 0, feeMinor: 0n };
    expect(() => computeSchedule({ ...ok, count: 0 })).toThrow(RangeError);
    expect(() => computeSchedule({ ...ok, count: 37 })).toThrow(RangeError);
    expect(() => computeSchedule({ ...ok, principalMinor: 1n })).toThrow(RangeError);
    expect(() => computeSchedule({ ...ok, firstDueDate: '2026-12-31' })).toThrow(RangeError);
    expect(() => computeSchedule({ ...ok, intervalMonths: 0 })).toThrow(RangeError);
  });

  test('percentages as decimal strings to basis points', () => {
    expect(percentToBp('5')).toBe(500);
    expect(percentToBp('4.75')).toBe(475);
    expect(percentToBp('0.5')).toBe(50);
    expect(() => percentToBp('4.755')).toThrow(RangeError);
    expect(() => percentToBp('-1')).toThrow(RangeError);
  });
});

describe('payments allocated to instalments in order', () => {
  const plan = [{ seq: 1, dueDate: '2027-01-05', amountMinor: 300n }, { seq: 2, dueDate: '2027-02-05', amountMinor: 300n }, { seq: 3, dueDate: '2027-03-05', amountMinor: 400n }];

  test('fills the oldest first, partially the next', () => {
    expect(allocateToInstalments(plan, 450n).map((s) => [s.paidMinor, s.remainingMinor])).toEqual([[300n, 0n], [150n, 150n], [0n, 400n]]);
    expect(allocateToInstalments(plan, 0n).map((s) => s.remainingMinor)).toEqual([300n, 300n, 400n]);
  });

  test('an overpayment stays on the last instalment', () => {
    expect(allocateToInstalments(plan, 1_200n).map((s) => [s.paidMinor, s.remainingMinor])).toEqual([[300n, 0n], [300n, 0n], [600n, 0n]]);
  });
});

describe('judging a plan', () => {
  const tz = 'Europe/Paris';
  const judgedAt = (d: string) => instalmentJudgedAt(d, 2, fr, tz);
  const dueAt = (d: string) => Date.parse(`${d}T09:00:00+01:00`);
  const plan = [{ seq: 1, dueDate: '2027-01-08', amountMinor: 300n }, { seq: 2, dueDate: '2027-02-08', amountMinor: 300n }];

  test('grace in business days: due Friday 8 January + 2 → judged at midnight after Tuesday 12', () => {
    expect(new Date(judgedAt('2027-01-08')).toISOString()).toBe('2027-01-12T23:00:00.000Z');
  });

  test('missed within grace stays active; past grace breaks on the first uncovered instalment; all covered completes', () => {
    const missed = allocateToInstalments(plan, 100n);
    expect(judgePlan(missed, Date.parse('2027-01-11T10:00:00Z'), judgedAt, dueAt)).toEqual({ outcome: 'active', overdue: [1] });
    expect(judgePlan(missed, Date.parse('2027-01-12T23:00:00Z'), judgedAt, dueAt)).toEqual({ outcome: 'broken', seq: 1, remainingMinor: 200n });
    expect(judgePlan(allocateToInstalments(plan, 300n), Date.parse('2027-01-20T00:00:00Z'), judgedAt, dueAt)).toEqual({ outcome: 'active', overdue: [] });
    expect(judgePlan(allocateToInstalments(plan, 600n), Date.parse('2027-03-20T00:00:00Z'), judgedAt, dueAt)).toEqual({ outcome: 'completed' });
  });
});
