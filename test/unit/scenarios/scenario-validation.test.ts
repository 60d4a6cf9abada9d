import { describe, expect, test } from '@jest/globals';
import type { ScenarioDefinition, ScenarioStepDefinition } from '../../../workflows/domain/scenario.js';
import { BUILT_IN_SCENARIO } from '../../../workflows/domain/scenario-schedule.js';
import { validateScenarioDefinition } from '../../../src/scenarios/scenario-validation.js';

/** The example of docs/scenarios.md: courtesy email at −3, SMS at +5 for smb only, formal notice at +30, call at +35. */
const example: ScenarioDefinition = {
  steps: [
    {
      key: 'courtesy', trigger: { kind: 'due_date', offsetDays: -3 }, action: 'reminder', channels: ['email'],
      templates: { fr: { email: { subject: 'Échéance proche', body: 'Bonjour {{ customer.name }}' } }, en: { email: { body: 'Hello' } } },
    },
    { key: 'sms_smb', trigger: { kind: 'due_date', offsetDays: 5 }, action: 'reminder', channels: ['sms'], conditions: { segments: ['smb'] } },
    {
      key: 'formal_notice', trigger: { kind: 'due_date', offsetDays: 30 }, action: 'formal_notice', channels: ['email', 'letter'],
      conditions: { minOverdueAmount: '100.00', riskClasses: ['C', 'D', 'E'] }, checkpoint: { timeoutHours: 48, onTimeout: 'proceed' },
    },
    { key: 'call', trigger: { kind: 'after_previous', days: 5 }, action: 'call_task', channels: [] },
  ],
};

/** The example with step `i` replaced by `patch` (a loose object: we test what bad JSON does). */
function withStep(i: number, patch: Record<string, unknown>): ScenarioDefinition {
  const steps = example.steps.map((s, j) => (j === i ? ({ ...s, ...patch } as unknown as ScenarioStepDefinition) : s));
  return { steps };
}

function fields(def: unknown): string[] {
  return validateScenarioDefinition(def as ScenarioDefinition).map((e) => e.field);
}

function messagesOf(def: unknown, field: string): string[] {
  return validateScenarioDefinition(def as ScenarioDefinition).find((e) => e.field === field)?.messages ?? [];
}

describe('validateScenarioDefinition', () => {
  test('accepts a complete scenario and the built-in one', () => {
    expect(validateScenarioDefinition(example)).toEqual([]);
    expect(validateScenarioDefinition(BUILT_IN_SCENARIO)).toEqual([]);
  });

  test('needs at least one step, and a list of them', () => {
    expect(validateScenarioDefinition({ steps: [] })).toEqual([{ field: 'steps', messages: ['a scenario needs at least one step'] }]);
    expect(fields({})).toEqual(['steps']);
    expect(fields(null)).toEqual(['steps']);
    expect(fields({ steps: [42] })).toEqual(['steps[0]']);
  });

  test('step keys follow the pattern and are unique', () => {
    expect(fields(withStep(1, { key: 'Reminder-2' }))).toEqual(['steps[1].key']);
    expect(fields(withStep(1, { key: '' }))).toEqual(['steps[1].key']);
    expect(fields(withStep(1, { key: `a${'b'.repeat(64)}` }))).toEqual(['steps[1].key']);
    expect(fields(withStep(1, { key: `a${'b'.repeat(63)}` }))).toEqual([]);
    expect(messagesOf(withStep(2, { key: 'courtesy' }), 'steps[2].key')).toEqual(['key "courtesy" is already used by steps[0]']);
  });

  test('trigger kinds and offsets', () => {
    expect(fields(withStep(1, { trigger: { kind: 'weekly', offsetDays: 1 } }))).toEqual(['steps[1].trigger.kind']);
    expect(fields(withStep(1, { trigger: undefined }))).toEqual(['steps[1].trigger']);
    expect(fields(withStep(1, { trigger: { kind: 'due_date', offsetDays: 2.5 } }))).toEqual(['steps[1].trigger.offsetDays']);
    expect(fields(withStep(1, { trigger: { kind: 'due_date', offsetDays: '5' } }))).toEqual(['steps[1].trigger.offsetDays']);
    expect(fields(withStep(0, { trigger: { kind: 'due_date', offsetDays: -366 } }))).toEqual(['steps[0].trigger.offsetDays']);
    expect(fields(withStep(0, { trigger: { kind: 'due_date', offsetDays: -365 } }))).toEqual([]);
    expect(messagesOf(withStep(2, { trigger: { kind: 'due_date', offsetDays: 366 } }), 'steps[2].trigger.offsetDays'))
      .toEqual(['offsetDays must be between -365 and 365']);
    expect(fields(withStep(3, { trigger: { kind: 'after_previous', days: -1 } }))).toEqual(['steps[3].trigger.days']);
    expect(fields(withStep(3, { trigger: { kind: 'after_previous', offsetDays: 5 } })))
      .toEqual(['steps[3].trigger.offsetDays', 'steps[3].trigger.days']);
    expect(fields(withStep(1, { trigger: { kind: 'due_date', offsetDays: 5, days: 2 } }))).toEqual(['steps[1].trigger.days']);
  });

  test('after_previous cannot start a scenario', () => {
    expect(messagesOf(withStep(0, { trigger: { kind: 'after_previous', days: 0 } }), 'steps[0].trigger.kind'))
      .toEqual(['the first step has no previous step: use a due_date trigger']);
  });

  test('steps are in chronological order where it can be told', () => {
    expect(messagesOf(withStep(2, { trigger: { kind: 'due_date', offsetDays: 4 } }), 'steps[2].trigger.offsetDays'))
      .toEqual(['day 4 comes before steps[1] at day 5: steps must be in chronological order']);
    // Same day is fine (an email and a call task together).
    expect(fields(withStep(2, { trigger: { kind: 'due_date', offsetDays: 5 } }))).toEqual([]);
    // after_previous chains count: formal notice at +30 then call +5 → +35, so +34 is too early.
    const def = { steps: [...example.steps, { key: 'late', trigger: { kind: 'due_date', offsetDays: 34 }, action: 'call_task', channels: [] }] };
    expect(fields(def)).toEqual(['steps[4].trigger.offsetDays']);
    // An invalid step in between does not hide an earlier bound.
    const broken = withStep(1, { trigger: { kind: 'nope' } });
    expect(fields({ steps: [...broken.steps.slice(0, 2), { ...example.steps[2]!, trigger: { kind: 'due_date', offsetDays: -10 } }] }))
      .toEqual(['steps[1].trigger.kind', 'steps[2].trigger.offsetDays']);
  });

  test('message actions need a channel; tasks and notifications take none', () => {
    expect(messagesOf(withStep(0, { channels: [] }), 'steps[0].channels')).toEqual(['a reminder step needs at least one channel (email, sms, letter)']);
    expect(fields(withStep(2, { channels: undefined }))).toContain('steps[2].channels');
    expect(fields(withStep(0, { action: 'account_statement', channels: [] }))).toContain('steps[0].channels');
    for (const action of ['call_task', 'internal_notification', 'litigation_handover']) {
      expect(messagesOf(withStep(3, { action, channels: ['email'] }), 'steps[3].channels'))
        .toEqual([`a ${action} step sends no customer message: channels must be empty`]);
      expect(fields(withStep(3, { action, channels: undefined }))).toEqual([]);
    }
    expect(fields(withStep(0, { action: 'fax_blast' }))).toEqual(['steps[0].action']);
    expect(fields(withStep(0, { channels: ['email', 'pigeon', 'email'] }))).toEqual(['steps[0].channels[1]', 'steps[0].channels[2]']);
  });

  test('templates: fr and en only, for channels the step uses, subjects for email and letter', () => {
    expect(fields(withStep(0, { templates: { de: { email: { body: 'Hallo' } } } }))).toEqual(['steps[0].templates.de']);
    expect(messagesOf(withStep(0, { templates: { fr: { sms: { body: 'Bonjour' } } } }), 'steps[0].templates.fr.sms'))
      .toEqual(['the step does not use the sms channel']);
    expect(fields(withStep(1, { templates: { en: { sms: { subject: 'Hi', body: 'Hello' } } } }))).toEqual(['steps[1].templates.en.sms.subject']);
    expect(fields(withStep(0, { templates: { fr: { email: { body: '  ' } } } }))).toEqual(['steps[0].templates.fr.email.body']);
    expect(fields(withStep(3, { templates: { fr: { email: { body: 'x' } } } }))).toEqual(['steps[3].templates.fr.email']);
    expect(fields(withStep(2, { templates: { fr: { letter: { subject: 'Mise en demeure', body: 'Madame, Monsieur' } } } }))).toEqual([]);
    // Keys holding undefined are absent, as in JSON (DTO instances have them).
    expect(fields(withStep(0, { templates: { fr: { email: { body: 'x' }, sms: undefined }, en: undefined } }))).toEqual([]);
  });

  test('conditions: decimal minimum, segments, risk classes A–E', () => {
    const cond = (conditions: unknown) => fields(withStep(1, { conditions }));
    expect(cond({ minOverdueAmount: '50' })).toEqual([]);
    expect(cond({ minOverdueAmount: '1250.5' })).toEqual([]);
    expect(cond({ minOverdueAmount: 50 })).toEqual(['steps[1].conditions.minOverdueAmount']);
    expect(cond({ minOverdueAmount: '-5' })).toEqual(['steps[1].conditions.minOverdueAmount']);
    expect(cond({ minOverdueAmount: '12,50' })).toEqual(['steps[1].conditions.minOverdueAmount']);
    expect(cond({ riskClasses: ['A', 'F', 'a'] })).toEqual(['steps[1].conditions.riskClasses[1]', 'steps[1].conditions.riskClasses[2]']);
    expect(cond({ riskClasses: [] })).toEqual(['steps[1].conditions.riskClasses']);
    expect(cond({ segments: ['smb', 'smb'] })).toEqual(['steps[1].conditions.segments[1]']);
    expect(cond({ segments: [' '] })).toEqual(['steps[1].conditions.segments[0]']);
  });

  test('checkpoints wait 1 to 720 hours and say what happens on timeout', () => {
    const cp = (checkpoint: unknown) => fields(withStep(2, { checkpoint }));
    expect(cp({ timeoutHours: 1, onTimeout: 'skip' })).toEqual([]);
    expect(cp({ timeoutHours: 720, onTimeout: 'proceed' })).toEqual([]);
    expect(cp({ timeoutHours: 0, onTimeout: 'skip' })).toEqual(['steps[2].checkpoint.timeoutHours']);
    expect(cp({ timeoutHours: 721, onTimeout: 'skip' })).toEqual(['steps[2].checkpoint.timeoutHours']);
    expect(cp({ timeoutHours: 1.5, onTimeout: 'wait' })).toEqual(['steps[2].checkpoint.timeoutHours', 'steps[2].checkpoint.onTimeout']);
  });

  test('reports every problem at once, each field once', () => {
    const errors = validateScenarioDefinition({
      steps: [
        { key: 'A', trigger: { kind: 'after_previous', days: 1 }, action: 'call_task', channels: ['sms'] },
        { key: 'b', trigger: { kind: 'due_date', offsetDays: 999 }, action: 'reminder', channels: [] },
      ],
    } as ScenarioDefinition);
    expect(errors.map((e) => e.field)).toEqual([
      'steps[0].key', 'steps[0].trigger.kind', 'steps[0].channels', 'steps[1].trigger.offsetDays', 'steps[1].channels',
    ]);
    expect(new Set(errors.map((e) => e.field)).size).toBe(errors.length);
  });
});
