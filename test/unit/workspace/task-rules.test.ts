import { describe, expect, test } from '@jest/globals';
import {
  closedStatus, completionProblems, effectiveDueAt, isOverdue, isSnoozed, snoozeProblem, TASK_OUTCOMES,
} from '../../../src/tasks/task-rules.js';

const at = (iso: string) => new Date(iso);
const now = Date.parse('2026-12-03T10:00:00Z');

describe('task outcomes', () => {
  test('each kind accepts its own outcomes only', () => {
    expect(completionProblems('call', { outcome: 'reached' }, '2026-12-03')).toEqual([]);
    expect(completionProblems('call', { outcome: 'approved' }, '2026-12-03')[0]).toMatchObject({ field: 'outcome' });
    expect(completionProblems('checkpoint', { outcome: 'approved' }, '2026-12-03')).toEqual([]);
    expect(completionProblems('checkpoint', { outcome: 'reached' }, '2026-12-03')[0]!.messages[0]).toContain('approved, rejected');
    expect(completionProblems('credit_alert', { outcome: 'reviewed' }, '2026-12-03')).toEqual([]);
    for (const kind of Object.keys(TASK_OUTCOMES) as (keyof typeof TASK_OUTCOMES)[]) expect(TASK_OUTCOMES[kind].length).toBeGreaterThan(0);
  });

  test('call_back_on needs a day from today on; the day goes with that outcome only', () => {
    expect(completionProblems('call', { outcome: 'call_back_on' }, '2026-12-03')).toEqual([{ field: 'callBackOn', messages: ['call_back_on needs callBackOn (YYYY-MM-DD)'] }]);
    expect(completionProblems('call', { outcome: 'call_back_on', callBackOn: '2026-12-02' }, '2026-12-03')[0]).toMatchObject({ field: 'callBackOn' });
    expect(completionProblems('call', { outcome: 'call_back_on', callBackOn: '2026-12-03' }, '2026-12-03')).toEqual([]);
    expect(completionProblems('call', { outcome: 'reached', callBackOn: '2026-12-09' }, '2026-12-03')[0]).toMatchObject({ field: 'callBackOn' });
  });

  test('promise needs amount, currency and a promised date from today on', () => {
    expect(completionProblems('call', { outcome: 'promise' }, '2026-12-03')).toEqual([{ field: 'promise', messages: [expect.stringContaining('promisedFor')] }]);
    expect(completionProblems('call', { outcome: 'promise', promise: { promisedFor: '2026-12-01' } }, '2026-12-03').map((e) => e.field))
      .toEqual(['promise.amount', 'promise.currency', 'promise.promisedFor']);
    expect(completionProblems('call', { outcome: 'promise', promise: { amount: '10.00', currency: 'EUR', promisedFor: '2026-12-10' } }, '2026-12-03')).toEqual([]);
    expect(completionProblems('call', { outcome: 'no_answer', promise: { amount: '10.00' } }, '2026-12-03')[0]).toMatchObject({ field: 'promise' });
  });

  test('a rejected checkpoint is cancelled, anything else done', () => {
    expect(closedStatus('rejected')).toBe('cancelled');
    expect(closedStatus('promise')).toBe('done');
  });
});

describe('due, overdue and snooze', () => {
  const open = { status: 'open', dueAt: at('2026-12-02T09:00:00Z'), snoozedUntil: null };
  test('an open task past its due instant is overdue; a closed one never', () => {
    expect(isOverdue(open, now)).toBe(true);
    expect(isOverdue({ ...open, dueAt: at('2026-12-03T10:00:00Z') }, now)).toBe(false);
    expect(isOverdue({ ...open, status: 'done' }, now)).toBe(false);
  });
  test('snoozing moves the effective due instant and lifts the overdue flag until then', () => {
    const snoozed = { ...open, snoozedUntil: at('2026-12-04T08:00:00Z') };
    expect(effectiveDueAt(snoozed)).toEqual(at('2026-12-04T08:00:00Z'));
    expect(isOverdue(snoozed, now)).toBe(false);
    expect(isSnoozed(snoozed, now)).toBe(true);
    expect(isOverdue(snoozed, Date.parse('2026-12-04T08:00:01Z'))).toBe(true);
    expect(isSnoozed(snoozed, Date.parse('2026-12-04T08:00:01Z'))).toBe(false);
    // A snooze ending before the due date changes nothing.
    expect(effectiveDueAt({ ...open, snoozedUntil: at('2026-12-01T00:00:00Z') })).toEqual(open.dueAt);
  });
  test('only an open task, only into the future, at most a year', () => {
    expect(snoozeProblem(open, at('2026-12-05T00:00:00Z'), now)).toBeNull();
    expect(snoozeProblem(open, at('2026-12-03T09:00:00Z'), now)).toBe('until must be in the future');
    expect(snoozeProblem({ ...open, status: 'done' }, at('2026-12-05T00:00:00Z'), now)).toContain('only an open task');
    expect(snoozeProblem(open, at('2028-01-01T00:00:00Z'), now)).toContain('at most a year');
  });
});
