import { describe, expect, test } from '@jest/globals';
import { createBusinessCalendar, DEFAULT_SENDING_WINDOW } from '../../workflows/domain/business-calendar.js';
import { BUILT_IN_SCENARIO, planScenario, unmetConditions, type ScenarioTiming } from '../../workflows/domain/scenario-schedule.js';
import type { ScenarioDefinition } from '../../workflows/domain/scenario.js';

const calendar = createBusinessCalendar();
const paris = (timing: Partial<ScenarioTiming> = {}): ScenarioTiming => ({
  dueDate: '2026-04-30', timeZone: 'Europe/Paris', sendHour: 9, calendar, window: DEFAULT_SENDING_WINDOW, ...timing,
});
const iso = (ms: number) => new Date(ms).toISOString();

describe('scenario planning', () => {
  test('steps land on business days at the send hour, in the customer time zone', () => {
    // Due Thursday 2026-04-30. +1 = Friday 1 May (holiday) → Monday 4 May. +7 = Thursday 7 May.
    // +8 = Friday 8 May (holiday) → Monday 11 May. −3 = Monday 27 April.
    const definition: ScenarioDefinition = {
      steps: [
        { key: 'courtesy', trigger: { kind: 'due_date', offsetDays: -3 }, action: 'reminder', channels: ['email'] },
        { key: 'first', trigger: { kind: 'due_date', offsetDays: 1 }, action: 'reminder', channels: ['email'] },
        { key: 'second', trigger: { kind: 'due_date', offsetDays: 7 }, action: 'reminder', channels: ['sms'] },
        { key: 'third', trigger: { kind: 'due_date', offsetDays: 8 }, action: 'call_task', channels: [] },
      ],
    };
    expect(planScenario(definition, paris()).map((p) => [p.step.key, p.date, iso(p.at)])).toEqual([
      ['courtesy', '2026-04-27', '2026-04-27T07:00:00.000Z'],
      ['first', '2026-05-04', '2026-05-04T07:00:00.000Z'],
      ['second', '2026-05-07', '2026-05-07T07:00:00.000Z'],
      ['third', '2026-05-11', '2026-05-11T07:00:00.000Z'],
    ]);
  });

  test('without a sending window (development) steps keep their raw dates', () => {
    const plan = planScenario(BUILT_IN_SCENARIO, paris({ window: null }));
    expect(plan.map((p) => p.date)).toEqual(['2026-04-27', '2026-05-01', '2026-05-07', '2026-05-15', '2026-05-30']);
  });

  test('a send hour outside the window moves to its opening; other zones keep their own hours', () => {
    const early = planScenario(BUILT_IN_SCENARIO, paris({ sendHour: 6 }));
    expect(iso(early[0]!.at)).toBe('2026-04-27T07:00:00.000Z'); // 09:00 Paris
    const ny = planScenario(BUILT_IN_SCENARIO, paris({ timeZone: 'America/New_York' }));
    expect(iso(ny[0]!.at)).toBe('2026-04-27T13:00:00.000Z'); // 09:00 New York (EDT)
  });

  test('"days after the previous step" counts from when the previous step really ran', () => {
    const definition: ScenarioDefinition = {
      steps: [
        { key: 'reminder', trigger: { kind: 'due_date', offsetDays: 2 }, action: 'reminder', channels: ['email'] },
        { key: 'call', trigger: { kind: 'after_previous', days: 3 }, action: 'call_task', channels: [] },
      ],
    };
    // Planned: reminder Saturday 2 May → Monday 4 May; call 3 days later: Thursday 7 May.
    expect(planScenario(definition, paris()).map((p) => p.date)).toEqual(['2026-05-04', '2026-05-07']);
    // The reminder waited for a checkpoint and ran on 6 May: the call moves to 9 May, a Saturday → Monday 11 May.
    expect(planScenario(definition, paris(), { reminder: '2026-05-06' }).map((p) => p.date)).toEqual(['2026-05-04', '2026-05-11']);
  });
});

describe('step conditions', () => {
  const facts = { openAmountMinor: 50_000n, currency: 'EUR', segment: 'smb', riskClass: 'C' };

  test('no conditions: the step applies', () => {
    expect(unmetConditions(undefined, facts)).toEqual([]);
    expect(unmetConditions({}, facts)).toEqual([]);
  });

  test('a minimum amount compares exactly in the invoice currency', () => {
    expect(unmetConditions({ minOverdueAmount: '500.00' }, facts)).toEqual([]);
    expect(unmetConditions({ minOverdueAmount: '500.01' }, facts)).toEqual(['open amount below 500.01 EUR']);
  });

  test('segments and risk classes must match when given', () => {
    expect(unmetConditions({ segments: ['smb', 'artisan'], riskClasses: ['C', 'D'] }, facts)).toEqual([]);
    expect(unmetConditions({ segments: ['key_account'] }, facts)).toEqual(['segment smb not in key_account']);
    expect(unmetConditions({ riskClasses: ['D', 'E'] }, { ...facts, riskClass: null })).toEqual(['risk class (none) not in D, E']);
  });
});
