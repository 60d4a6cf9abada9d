/**
 * The dunning simulator, with dates checked by hand against a 2026 calendar:
 * Thursday 30 April is the due date; Friday 1 May, Friday 8 May and Thursday
 * 14 May are French public holidays; Paris is on summer time (09:00 = 07:00Z).
 */
import { describe, expect, test } from '@jest/globals';
import { createBusinessCalendar, DEFAULT_SENDING_WINDOW } from '../../../workflows/domain/business-calendar.js';
import { simulateInvoiceDunning, type DunningSimulationInput } from '../../../src/simulation/dunning-simulation.js';
import { BUILT_IN_SCENARIO, planScenario, type ScenarioTiming } from '../../../workflows/domain/scenario-schedule.js';
import type { ScenarioDefinition, ScenarioStepDefinition } from '../../../workflows/domain/scenario.js';

const timing: ScenarioTiming = {
  dueDate: '2026-04-30', timeZone: 'Europe/Paris', sendHour: 9, calendar: createBusinessCalendar(), window: DEFAULT_SENDING_WINDOW,
};
const at = (iso: string) => Date.parse(iso);

function simulate(extra: Partial<DunningSimulationInput> = {}) {
  return simulateInvoiceDunning({
    definition: BUILT_IN_SCENARIO, timing, pausedDays: 0, activePause: null, handled: [], executedOn: {},
    facts: { openAmountMinor: 125_000n, currency: 'EUR', segment: 'key_account', riskClass: 'B' },
    from: at('2026-04-01T08:00:00Z'), to: at('2026-07-31T00:00:00Z'),
    ...extra,
  });
}

/** `stepKey outcome at` lines: compact to compare with hand-written expectations. */
const lines = (actions: ReturnType<typeof simulate>) =>
  actions.map((a) => `${a.stepKey} ${a.outcome} ${new Date(a.at).toISOString().slice(0, 16)} ${a.date}`);

const step = (key: string, trigger: ScenarioStepDefinition['trigger'], extra: Partial<ScenarioStepDefinition> = {}): ScenarioStepDefinition => ({
  key, trigger, action: 'reminder', channels: ['email'], ...extra,
});

describe('dunning simulation', () => {
  test('every step at its time, moved to the next business day by weekends and holidays', () => {
    const actions = simulate();
    expect(lines(actions)).toEqual([
      'courtesy_notice run 2026-04-27T07:00 2026-04-27', // due − 3: Monday
      'reminder_1 run 2026-05-04T07:00 2026-05-04', // due + 1: Friday 1 May, a holiday → Monday
      'reminder_2 run 2026-05-07T07:00 2026-05-07', // due + 7: Thursday
      'final_notice run 2026-05-15T07:00 2026-05-15', // due + 15: Friday
      'formal_notice run 2026-06-01T07:00 2026-06-01', // due + 30: Saturday 30 May → Monday 1 June
    ]);
    expect(actions[2]).toMatchObject({ action: 'reminder', channels: ['email', 'sms'] });
    expect(actions[4]).toMatchObject({ action: 'formal_notice', channels: ['email', 'letter'] });
  });

  test('catch-up: at `from` only the latest passed step runs, the earlier pending ones are superseded', () => {
    // 8 May 10:00 Paris (a holiday: a catch-up runs at once, as the workflow does, whatever the window).
    const from = at('2026-05-08T08:00:00Z');
    expect(lines(simulate({ from, to: at('2026-05-20T00:00:00Z') }))).toEqual([
      'courtesy_notice superseded 2026-05-08T08:00 2026-05-08',
      'reminder_1 superseded 2026-05-08T08:00 2026-05-08',
      'reminder_2 run 2026-05-08T08:00 2026-05-08',
      'final_notice run 2026-05-15T07:00 2026-05-15',
    ]);
    // Each keeps its planned date, which the workflow hands on (customer message batches group on it).
    expect(simulate({ from, to: at('2026-05-10T00:00:00Z') }).map((a) => a.scheduledDate)).toEqual(['2026-04-27', '2026-05-04', '2026-05-07']);
    // Handled steps are kept by key: the courtesy notice went out, only reminder_1 is superseded.
    expect(lines(simulate({ from, to: at('2026-05-10T00:00:00Z'), handled: ['courtesy_notice'] }))).toEqual([
      'reminder_1 superseded 2026-05-08T08:00 2026-05-08',
      'reminder_2 run 2026-05-08T08:00 2026-05-08',
    ]);
  });

  test('a step run late by a catch-up moves the steps counted "after the previous step"', () => {
    const definition: ScenarioDefinition = {
      steps: [step('reminder', { kind: 'due_date', offsetDays: 2 }), step('call', { kind: 'after_previous', days: 3 }, { action: 'call_task', channels: [] })],
    };
    // Planned: reminder Saturday 2 May → Monday 4 May, call Thursday 7 May. The invoice
    // is seen on Wednesday 6 May: the reminder runs then, the call 3 days later,
    // Saturday 9 May → Monday 11 May.
    expect(lines(simulate({ definition }))).toEqual(['reminder run 2026-05-04T07:00 2026-05-04', 'call run 2026-05-07T07:00 2026-05-07']);
    expect(lines(simulate({ definition, from: at('2026-05-06T10:00:00Z') }))).toEqual([
      'reminder run 2026-05-06T10:00 2026-05-06',
      'call run 2026-05-11T07:00 2026-05-11',
    ]);
    // Already executed on 5 May (executedOn from the timeline): the call is on Friday 8 May, a holiday → Monday 11 May.
    expect(lines(simulate({ definition, handled: ['reminder'], executedOn: { reminder: '2026-05-05' } }))).toEqual([
      'call run 2026-05-11T07:00 2026-05-11',
    ]);
  });

  test('conditions are checked when the step comes due; a skipped step anchors the next on its planned date', () => {
    const definition: ScenarioDefinition = {
      steps: [
        step('sms_smb', { kind: 'due_date', offsetDays: 5 }, { channels: ['sms'], conditions: { segments: ['smb'] } }),
        step('big', { kind: 'after_previous', days: 1 }, { conditions: { minOverdueAmount: '2000.00' } }),
        step('call', { kind: 'after_previous', days: 1 }, { action: 'call_task', channels: [] }),
      ],
    };
    // sms_smb Tuesday 5 May; big Wednesday 6 May; call Thursday 7 May.
    expect(lines(simulate({ definition }))).toEqual([
      'sms_smb skipped_condition 2026-05-05T07:00 2026-05-05',
      'big skipped_condition 2026-05-06T07:00 2026-05-06',
      'call run 2026-05-07T07:00 2026-05-07',
    ]);
    const smb = simulate({ definition, facts: { openAmountMinor: 200_000n, currency: 'EUR', segment: 'smb', riskClass: null } });
    expect(smb.map((a) => a.outcome)).toEqual(['run', 'run', 'run']);
  });

  test('a checkpoint awaits approval; the forecast assumes it is approved at once', () => {
    const definition: ScenarioDefinition = {
      steps: [
        step('final', { kind: 'due_date', offsetDays: 3 }, {
          action: 'formal_notice', channels: ['email', 'letter'], checkpoint: { timeoutHours: 48, onTimeout: 'skip' },
        }),
        step('handover', { kind: 'after_previous', days: 2 }, { action: 'litigation_handover', channels: [] }),
      ],
    };
    // final: Sunday 3 May → Monday 4 May; handover 2 days after the approval: Wednesday 6 May.
    expect(lines(simulate({ definition }))).toEqual([
      'final awaits_approval 2026-05-04T07:00 2026-05-04',
      'handover run 2026-05-06T07:00 2026-05-06',
    ]);
    // Approved late, on 6 May: the handover is on Friday 8 May, a holiday → Monday 11 May.
    expect(lines(simulate({ definition, handled: ['final'], executedOn: { final: '2026-05-06' } }))).toEqual([
      'handover run 2026-05-11T07:00 2026-05-11',
    ]);
  });

  test('a checkpoint open now blocks the workflow: approved now, it runs before the steps that came due meanwhile', () => {
    const definition: ScenarioDefinition = {
      steps: [
        step('final', { kind: 'due_date', offsetDays: 3 }, { checkpoint: { timeoutHours: 72, onTimeout: 'skip' } }),
        step('sms', { kind: 'due_date', offsetDays: 5 }, { channels: ['sms'] }),
        step('call', { kind: 'after_previous', days: 2 }, { action: 'call_task', channels: [] }),
      ],
    };
    // final opened Monday 4 May, sms due Tuesday 5 May; seen Wednesday 6 May 12:00 Paris with the checkpoint still open.
    const from = at('2026-05-06T10:00:00Z');
    expect(lines(simulate({ definition, from, awaitingCheckpoint: 'final' }))).toEqual([
      'final awaits_approval 2026-05-06T10:00 2026-05-06',
      'sms run 2026-05-06T10:00 2026-05-06', // caught up once the decision is in
      'call run 2026-05-11T07:00 2026-05-11', // 2 days after: Friday 8 May, a holiday → Monday
    ]);
    // Not open (say it was never opened): the catch-up supersedes it.
    expect(lines(simulate({ definition, from })).slice(0, 2)).toEqual(['final superseded 2026-05-06T10:00 2026-05-06', 'sms run 2026-05-06T10:00 2026-05-06']);
  });

  test('closed pauses move every pending step by the days they lasted', () => {
    // Due date + 3 days = Sunday 3 May.
    expect(lines(simulate({ pausedDays: 3 }))).toEqual([
      'courtesy_notice run 2026-04-30T07:00 2026-04-30',
      'reminder_1 run 2026-05-04T07:00 2026-05-04',
      'reminder_2 run 2026-05-11T07:00 2026-05-11', // Sunday 10 May → Monday
      'final_notice run 2026-05-18T07:00 2026-05-18',
      'formal_notice run 2026-06-02T07:00 2026-06-02',
    ]);
  });

  test('an active pause with an end: nothing until it lifts, then the clock has stopped for its whole days', () => {
    // Paused Monday 20 April 10:00 Paris until Friday 24 April 12:00 Paris: 4 days; due date → Monday 4 May.
    const activePause = { since: at('2026-04-20T08:00:00Z'), until: at('2026-04-24T10:00:00Z') };
    expect(lines(simulate({ activePause, from: at('2026-04-22T08:00:00Z') }))).toEqual([
      'courtesy_notice run 2026-05-04T07:00 2026-05-04', // Friday 1 May, a holiday → Monday
      'reminder_1 run 2026-05-05T07:00 2026-05-05',
      'reminder_2 run 2026-05-11T07:00 2026-05-11',
      'final_notice run 2026-05-19T07:00 2026-05-19',
      'formal_notice run 2026-06-03T07:00 2026-06-03',
    ]);
    // Closed pauses add up with the active one.
    // Closed pauses add up with the active one: 4 + 4 days move the due date to Friday 8 May, the courtesy notice to Tuesday 5 May.
    expect(simulate({ activePause, pausedDays: 4, from: at('2026-04-22T08:00:00Z') })[0]?.date).toBe('2026-05-05');
  });

  test('an indefinite pause yields nothing; a pause lifting after the period too', () => {
    expect(simulate({ activePause: { since: at('2026-04-20T08:00:00Z'), until: null } })).toEqual([]);
    expect(simulate({ activePause: { until: at('2026-08-01T00:00:00Z') } })).toEqual([]);
  });

  test('the period bounds the walk; handled steps never come back', () => {
    expect(lines(simulate({ handled: ['courtesy_notice', 'reminder_1'], to: at('2026-05-15T06:59:59Z') }))).toEqual([
      'reminder_2 run 2026-05-07T07:00 2026-05-07',
    ]);
    expect(lines(simulate({ from: at('2026-05-15T07:00:00Z'), handled: ['courtesy_notice', 'reminder_1', 'reminder_2'], to: at('2026-05-15T07:00:00Z') })))
      .toEqual(['final_notice run 2026-05-15T07:00 2026-05-15']);
  });

  test('the customer time zone sets the hour and the date', () => {
    const ny = simulate({ timing: { ...timing, timeZone: 'America/New_York' }, to: at('2026-04-28T00:00:00Z') });
    expect(lines(ny)).toEqual(['courtesy_notice run 2026-04-27T13:00 2026-04-27']); // 09:00 EDT
  });

  test('steps due at the same instant: the workflow runs the last and supersedes the others, so does the forecast', () => {
    const definition: ScenarioDefinition = {
      steps: [step('email', { kind: 'due_date', offsetDays: 1 }), step('sms', { kind: 'due_date', offsetDays: 1 }, { channels: ['sms'] })],
    };
    expect(lines(simulate({ definition }))).toEqual(['email superseded 2026-05-04T07:00 2026-05-04', 'sms run 2026-05-04T07:00 2026-05-04']);
  });

  test('a version published with "migrate_at_next_step" takes over when the next step comes due', () => {
    const v1: ScenarioDefinition = { steps: [step('a', { kind: 'due_date', offsetDays: 1 }), step('b', { kind: 'due_date', offsetDays: 5 })] };
    const v2: ScenarioDefinition = { steps: [step('a', { kind: 'due_date', offsetDays: 1 }), step('b', { kind: 'due_date', offsetDays: 6 }, { channels: ['sms'] })] };
    // a: Monday 4 May under both; b: Tuesday 5 May in v1, Wednesday 6 May by SMS in v2.
    const migrated = simulate({ definition: v1, migrateTo: v2 });
    expect(lines(migrated)).toEqual(['a run 2026-05-04T07:00 2026-05-04', 'b run 2026-05-06T07:00 2026-05-06']);
    expect(migrated[1]?.channels).toEqual(['sms']);
    expect(lines(simulate({ definition: v1 }))).toEqual(['a run 2026-05-04T07:00 2026-05-04', 'b run 2026-05-05T07:00 2026-05-05']);
  });

  test('a memoised planner gives the same forecast', () => {
    let calls = 0;
    const planner: typeof planScenario = (...args) => {
      calls++;
      return planScenario(...args);
    };
    expect(simulate({ planner })).toEqual(simulate());
    expect(calls).toBeGreaterThan(0);
  });
});
