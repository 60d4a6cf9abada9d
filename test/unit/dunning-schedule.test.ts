import { describe, expect, test } from '@jest/globals';
import {
  DEFAULT_DUNNING_SCENARIO, planDunning, scheduleSteps, type DunningStepKey,
} from '../../workflows/domain/dunning-schedule.js';

const ctx = { dueDate: '2026-03-10', timeZone: 'Europe/Paris', sendHour: 9 };
const schedule = scheduleSteps(DEFAULT_DUNNING_SCENARIO, ctx);
const at = (iso: string) => Date.parse(iso);
const keys = (steps: { step: { key: DunningStepKey } }[]) => steps.map((s) => s.step.key);

describe('default dunning schedule', () => {
  test('places each step on its day at 09:00 local time', () => {
    expect(schedule.map((s) => [s.step.key, s.date, new Date(s.at).toISOString()])).toEqual([
      ['courtesy_notice', '2026-03-07', '2026-03-07T08:00:00.000Z'],
      ['reminder_1', '2026-03-11', '2026-03-11T08:00:00.000Z'],
      ['reminder_2', '2026-03-17', '2026-03-17T08:00:00.000Z'],
      ['final_notice', '2026-03-25', '2026-03-25T08:00:00.000Z'],
      // After the switch to summer time: 09:00 Paris is 07:00 UTC.
      ['formal_notice', '2026-04-09', '2026-04-09T07:00:00.000Z'],
    ]);
  });

  test('before the first step, waits for it', () => {
    const plan = planDunning(schedule, new Set(), at('2026-03-01T00:00:00Z'));
    expect(plan.runNow).toBeNull();
    expect(plan.superseded).toEqual([]);
    expect(plan.next?.step.key).toBe('courtesy_notice');
  });

  test('at the exact instant of a step, runs it', () => {
    const plan = planDunning(schedule, new Set(), at('2026-03-07T08:00:00Z'));
    expect(plan.runNow?.step.key).toBe('courtesy_notice');
    expect(plan.next?.step.key).toBe('reminder_1');
  });

  test('an invoice arriving 8 days overdue runs only the +7 reminder and supersedes the earlier ones', () => {
    const plan = planDunning(schedule, new Set(), at('2026-03-18T10:00:00Z'));
    expect(plan.runNow?.step.key).toBe('reminder_2');
    expect(keys(plan.superseded)).toEqual(['courtesy_notice', 'reminder_1']);
    expect(plan.next?.step.key).toBe('final_notice');
  });

  test('handled steps are never run again', () => {
    const handled = new Set<DunningStepKey>(['courtesy_notice', 'reminder_1', 'reminder_2']);
    const plan = planDunning(schedule, handled, at('2026-03-18T10:00:00Z'));
    expect(plan.runNow).toBeNull();
    expect(plan.next?.step.key).toBe('final_notice');
  });

  test('after the last step, nothing is left', () => {
    const all = new Set<DunningStepKey>(DEFAULT_DUNNING_SCENARIO.map((s) => s.key));
    expect(planDunning(schedule, all, at('2026-06-01T00:00:00Z'))).toEqual({ runNow: null, superseded: [], next: null });
  });

  test('a later due date moves every step', () => {
    const later = scheduleSteps(DEFAULT_DUNNING_SCENARIO, { ...ctx, dueDate: '2026-03-20' });
    expect(later.map((s) => s.date)).toEqual(['2026-03-17', '2026-03-21', '2026-03-27', '2026-04-04', '2026-04-19']);
  });
});
