import { describe, expect, test } from '@jest/globals';
import { createBusinessCalendar } from '../../workflows/domain/business-calendar.js';
import {
  DEFAULT_PROMISE_GRACE_BUSINESS_DAYS, isRepeatBreak, judgePromise, keptRatePercent, promiseDeadline,
} from '../../workflows/domain/promise-rules.js';

const fr = createBusinessCalendar();

describe('promise grace', () => {
  test('default grace is 2 business days: Friday + 2 → Tuesday, judged at midnight after it in the zone', () => {
    expect(DEFAULT_PROMISE_GRACE_BUSINESS_DAYS).toBe(2);
    const d = promiseDeadline('2026-12-04', 2, fr, 'Europe/Paris');
    expect(d.graceEndsOn).toBe('2026-12-08');
    expect(new Date(d.judgedAt).toISOString()).toBe('2026-12-08T23:00:00.000Z');
  });

  test('holidays and weekends do not count: Thursday 24 December + 2 → Tuesday 29 (Christmas, weekend)', () => {
    expect(promiseDeadline('2026-12-24', 2, fr, 'Europe/Paris').graceEndsOn).toBe('2026-12-29');
    // An entity that works Christmas (removed holiday) gets Monday 28.
    expect(promiseDeadline('2026-12-24', 2, createBusinessCalendar({ removedHolidays: ['2026-12-25'] }), 'Europe/Paris').graceEndsOn)
      .toBe('2026-12-28');
  });

  test('no grace: judged at the end of the promised date itself; a summer date judges at 22:00 UTC', () => {
    const d = promiseDeadline('2027-07-15', 0, fr, 'Europe/Paris');
    expect(d.graceEndsOn).toBe('2027-07-15');
    expect(new Date(d.judgedAt).toISOString()).toBe('2027-07-15T22:00:00.000Z');
  });

  test('refuses a bad date or grace', () => {
    expect(() => promiseDeadline('2026-02-30', 2, fr, 'Europe/Paris')).toThrow(RangeError);
    expect(() => promiseDeadline('2026-12-04', -1, fr, 'Europe/Paris')).toThrow(RangeError);
    expect(() => promiseDeadline('2026-12-04', 1.5, fr, 'Europe/Paris')).toThrow(RangeError);
  });
});

describe('judging a promise', () => {
  const base = { amountMinor: 100_000n, promisedFor: '2026-12-10' };

  test('covered on or before the promised date: kept on time', () => {
    expect(judgePromise({ ...base, receivedMinor: 100_000n, today: '2026-12-10', final: false })).toEqual({ outcome: 'kept', late: false });
    expect(judgePromise({ ...base, receivedMinor: 120_000n, today: '2026-12-01', final: false })).toEqual({ outcome: 'kept', late: false });
  });

  test('covered after the promised date, within grace: kept late', () => {
    expect(judgePromise({ ...base, receivedMinor: 100_000n, today: '2026-12-11', final: false })).toEqual({ outcome: 'kept', late: true });
  });

  test('not covered: open until the grace ends, then broken with the shortfall', () => {
    expect(judgePromise({ ...base, receivedMinor: 99_999n, today: '2026-12-11', final: false })).toEqual({ outcome: 'open' });
    expect(judgePromise({ ...base, receivedMinor: 40_000n, today: '2026-12-15', final: true })).toEqual({ outcome: 'broken', shortfallMinor: 60_000n });
  });
});

describe('repeat broken promises', () => {
  test('another break within the 90 days before (inclusive) is a repeat', () => {
    expect(isRepeatBreak('2026-12-10', ['2026-09-11'])).toBe(true); // 90 days
    expect(isRepeatBreak('2026-12-10', ['2026-09-10'])).toBe(false); // 91 days
    expect(isRepeatBreak('2026-12-10', [])).toBe(false);
    expect(isRepeatBreak('2026-12-10', ['2026-12-10'])).toBe(true);
    // A later break (recorded out of order) is not an earlier one.
    expect(isRepeatBreak('2026-12-10', ['2026-12-11'])).toBe(false);
  });
});

describe('kept rate', () => {
  test('kept / judged with 1 decimal, half-up; null when none judged', () => {
    expect(keptRatePercent(0, 0)).toBeNull();
    expect(keptRatePercent(2, 1)).toBe('66.7');
    expect(keptRatePercent(1, 2)).toBe('33.3');
    expect(keptRatePercent(1, 7)).toBe('12.5');
    expect(keptRatePercent(3, 0)).toBe('100.0');
  });
});
