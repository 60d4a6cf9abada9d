/**
 * The rules a dunning scenario must satisfy before it is saved or published
 * (so before any workflow runs it). Pure and Node-free; only the API uses it,
 * so it lives with the scenarios capability. Tolerates malformed input (it reports
 * instead of throwing): definitions may come from JSON that no DTO checked.
 */
import {
  CHECKPOINT_TIMEOUT_OUTCOMES,
  CONTACT_ROLES,
  RISK_CLASSES,
  SCENARIO_ACTIONS,
  SCENARIO_CHANNELS,
  SCENARIO_LANGUAGES,
  STEP_TRIGGER_KINDS,
  type ScenarioAction,
  type ScenarioDefinition,
  type ScenarioStepDefinition,
} from '../../workflows/domain/scenario.js';

/** Same shape as the API's field errors: a path such as `steps[2].trigger.offsetDays`. */
export interface FieldError {
  field: string;
  messages: string[];
}

export const STEP_KEY_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;
export const MAX_SCENARIO_STEPS = 50;
export const MAX_OFFSET_DAYS = 365;
export const MAX_CHECKPOINT_HOURS = 720;
export const MAX_SEGMENT_LENGTH = 64;
export const MAX_TEMPLATE_BODY_LENGTH = 10_000;
export const MAX_TEMPLATE_SUBJECT_LENGTH = 300;

/** Actions that write to the customer, so they need a channel to write on. */
export const MESSAGE_ACTIONS: readonly ScenarioAction[] = ['reminder', 'account_statement', 'formal_notice'];
/** Actions that never message the customer: a channel on them would be ignored, so it is refused. */
export const CHANNEL_FREE_ACTIONS: readonly ScenarioAction[] = ['call_task', 'internal_notification', 'litigation_handover'];

/** The currency is the invoice's, unknown here: up to 4 decimals, the most any ISO 4217 currency has. */
const DECIMAL_AMOUNT = /^\d{1,15}(\.\d{1,4})?$/;
const SUBJECT_CHANNELS = new Set(['email', 'letter']);

class Problems {
  private readonly byField = new Map<string, string[]>();
  add(field: string, message: string): void {
    const list = this.byField.get(field) ?? [];
    list.push(message);
    this.byField.set(field, list);
  }
  list(): FieldError[] {
    return [...this.byField].map(([field, messages]) => ({ field, messages }));
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const oneOf = (values: readonly string[]) => values.join(', ');

export function validateScenarioDefinition(def: ScenarioDefinition): FieldError[] {
  const problems = new Problems();
  const steps: unknown = isObject(def) ? def.steps : undefined;
  if (!Array.isArray(steps)) {
    problems.add('steps', 'steps must be a list of steps');
    return problems.list();
  }
  if (steps.length === 0) problems.add('steps', 'a scenario needs at least one step');
  if (steps.length > MAX_SCENARIO_STEPS) problems.add('steps', `a scenario has at most ${MAX_SCENARIO_STEPS} steps`);

  const keys = new Map<string, number>();
  // Offsets from the due date, known only when every trigger up to the step is valid.
  const offsets: (number | null)[] = [];
  let floor: { offset: number; index: number } | null = null;
  steps.forEach((raw: unknown, i) => {
    const at = `steps[${i}]`;
    if (!isObject(raw)) {
      problems.add(at, 'each step must be an object');
      offsets.push(null);
      return;
    }
    const step = raw as unknown as ScenarioStepDefinition;
    checkKey(step, i, keys, problems);
    const offset = checkTrigger(step, i, offsets[i - 1] ?? null, problems);
    offsets.push(offset);
    if (offset !== null) {
      // Steps run in list order: a step due before an earlier one would never run on time.
      // (An after_previous step is never earlier than its predecessor, which was checked.)
      if (floor && offset < floor.offset && step.trigger.kind === 'due_date') {
        problems.add(`${at}.trigger.offsetDays`,
          `day ${offset} comes before steps[${floor.index}] at day ${floor.offset}: steps must be in chronological order`);
      }
      if (!floor || offset >= floor.offset) floor = { offset, index: i };
    }
    checkActionAndChannels(step, at, problems);
    checkRecipients(step, at, problems);
    checkTemplates(step, at, problems);
    checkConditions(step.conditions, `${at}.conditions`, problems);
    checkCheckpoint(step.checkpoint, `${at}.checkpoint`, problems);
  });
  return problems.list();
}

function checkKey(step: ScenarioStepDefinition, i: number, keys: Map<string, number>, problems: Problems): void {
  const field = `steps[${i}].key`;
  if (typeof step.key !== 'string' || !STEP_KEY_PATTERN.test(step.key)) {
    problems.add(field, 'key must start with a lowercase letter and use only a-z, 0-9 and _ (at most 64 characters)');
    return;
  }
  const first = keys.get(step.key);
  if (first !== undefined) problems.add(field, `key "${step.key}" is already used by steps[${first}]`);
  else keys.set(step.key, i);
}

/** Returns the step's offset from the due date when determinable. */
function checkTrigger(step: ScenarioStepDefinition, i: number, previous: number | null, problems: Problems): number | null {
  const at = `steps[${i}].trigger`;
  const trigger: unknown = step.trigger;
  if (!isObject(trigger)) {
    problems.add(at, 'trigger must be an object such as { "kind": "due_date", "offsetDays": -3 }');
    return null;
  }
  if (!STEP_TRIGGER_KINDS.includes(trigger.kind as never)) {
    problems.add(`${at}.kind`, `trigger kind must be one of ${oneOf(STEP_TRIGGER_KINDS)}`);
    return null;
  }
  if (trigger.kind === 'due_date') {
    if (trigger.days !== undefined) problems.add(`${at}.days`, 'days belongs to after_previous triggers; use offsetDays');
    return days(trigger.offsetDays, `${at}.offsetDays`, -MAX_OFFSET_DAYS, problems);
  }
  if (i === 0) problems.add(`${at}.kind`, 'the first step has no previous step: use a due_date trigger');
  if (trigger.offsetDays !== undefined) problems.add(`${at}.offsetDays`, 'offsetDays belongs to due_date triggers; use days');
  // Never negative: "after" the previous step.
  const d = days(trigger.days, `${at}.days`, 0, problems);
  return d === null || previous === null || i === 0 ? null : previous + d;
}

function days(value: unknown, field: string, min: number, problems: Problems): number | null {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    problems.add(field, `${lastSegment(field)} must be a whole number of days`);
    return null;
  }
  if (value < min || value > MAX_OFFSET_DAYS) {
    problems.add(field, `${lastSegment(field)} must be between ${min} and ${MAX_OFFSET_DAYS}`);
    return null;
  }
  return value;
}

function checkActionAndChannels(step: ScenarioStepDefinition, at: string, problems: Problems): void {
  const action = step.action;
  const knownAction = SCENARIO_ACTIONS.includes(action);
  if (!knownAction) problems.add(`${at}.action`, `action must be one of ${oneOf(SCENARIO_ACTIONS)}`);
  const channels: unknown = step.channels ?? [];
  if (!Array.isArray(channels)) {
    problems.add(`${at}.channels`, 'channels must be a list');
    return;
  }
  const seen = new Set<unknown>();
  channels.forEach((c: unknown, j) => {
    if (!SCENARIO_CHANNELS.includes(c as never)) problems.add(`${at}.channels[${j}]`, `channel must be one of ${oneOf(SCENARIO_CHANNELS)}`);
    else if (seen.has(c)) problems.add(`${at}.channels[${j}]`, `channel ${String(c)} is listed twice`);
    seen.add(c);
  });
  if (!knownAction) return;
  if (MESSAGE_ACTIONS.includes(action) && channels.length === 0) {
    problems.add(`${at}.channels`, `a ${action} step needs at least one channel (${oneOf(SCENARIO_CHANNELS)})`);
  }
  if (CHANNEL_FREE_ACTIONS.includes(action) && channels.length > 0) {
    problems.add(`${at}.channels`, `a ${action} step sends no customer message: channels must be empty`);
  }
}

function checkRecipients(step: ScenarioStepDefinition, at: string, problems: Problems): void {
  const recipients: unknown = step.recipients;
  if (recipients === undefined) return;
  if (SCENARIO_ACTIONS.includes(step.action) && !MESSAGE_ACTIONS.includes(step.action)) {
    problems.add(`${at}.recipients`, `a ${step.action} step sends no customer message: recipients must be left out`);
    return;
  }
  checkList(recipients, `${at}.recipients`, problems, (r) =>
    CONTACT_ROLES.includes(r as never) ? null : `recipient role must be one of ${oneOf(CONTACT_ROLES)}`);
}

function checkTemplates(step: ScenarioStepDefinition, at: string, problems: Problems): void {
  const templates: unknown = step.templates;
  if (templates === undefined) return;
  if (!isObject(templates)) {
    problems.add(`${at}.templates`, 'templates must be an object keyed by language, then channel');
    return;
  }
  const used = new Set<unknown>(Array.isArray(step.channels) ? step.channels : []);
  // Entries set to undefined are absent (DTO instances carry every declared field).
  for (const [language, byChannel] of definedEntries(templates)) {
    const lf = `${at}.templates.${language}`;
    if (!SCENARIO_LANGUAGES.includes(language as never)) {
      problems.add(lf, `templates exist for ${oneOf(SCENARIO_LANGUAGES)} only`);
      continue;
    }
    if (!isObject(byChannel)) {
      problems.add(lf, 'must be an object keyed by channel');
      continue;
    }
    for (const [channel, template] of definedEntries(byChannel)) {
      const cf = `${lf}.${channel}`;
      if (!SCENARIO_CHANNELS.includes(channel as never)) problems.add(cf, `channel must be one of ${oneOf(SCENARIO_CHANNELS)}`);
      else if (!used.has(channel)) problems.add(cf, `the step does not use the ${channel} channel`);
      else checkTemplate(template, channel, cf, problems);
    }
  }
}

function checkTemplate(template: unknown, channel: string, field: string, problems: Problems): void {
  if (!isObject(template)) {
    problems.add(field, 'a template is an object { subject?, body }');
    return;
  }
  const { body, subject } = template;
  if (typeof body !== 'string' || body.trim() === '') problems.add(`${field}.body`, 'body must be a non-empty text');
  else if (body.length > MAX_TEMPLATE_BODY_LENGTH) problems.add(`${field}.body`, `body has at most ${MAX_TEMPLATE_BODY_LENGTH} characters`);
  if (subject === undefined) return;
  if (!SUBJECT_CHANNELS.has(channel)) problems.add(`${field}.subject`, `${channel} messages have no subject`);
  else if (typeof subject !== 'string' || subject.trim() === '' || subject.length > MAX_TEMPLATE_SUBJECT_LENGTH) {
    problems.add(`${field}.subject`, `subject must be a non-empty text of at most ${MAX_TEMPLATE_SUBJECT_LENGTH} characters`);
  }
}

function checkConditions(conditions: unknown, at: string, problems: Problems): void {
  if (conditions === undefined) return;
  if (!isObject(conditions)) {
    problems.add(at, 'conditions must be an object');
    return;
  }
  const { minOverdueAmount, segments, riskClasses } = conditions;
  if (minOverdueAmount !== undefined && (typeof minOverdueAmount !== 'string' || !DECIMAL_AMOUNT.test(minOverdueAmount))) {
    problems.add(`${at}.minOverdueAmount`, 'minOverdueAmount must be a decimal string such as "50.00" (at most 4 decimals)');
  }
  if (segments !== undefined) {
    checkList(segments, `${at}.segments`, problems, (s) =>
      typeof s === 'string' && s.trim() !== '' && s.length <= MAX_SEGMENT_LENGTH ? null : `a segment is a non-empty text of at most ${MAX_SEGMENT_LENGTH} characters`);
  }
  if (riskClasses !== undefined) {
    checkList(riskClasses, `${at}.riskClasses`, problems, (r) =>
      RISK_CLASSES.includes(r as never) ? null : `risk class must be one of ${oneOf(RISK_CLASSES)}`);
  }
}

/** A non-empty list of unique, individually valid items (an empty list would silently disable the step). */
function checkList(value: unknown, at: string, problems: Problems, item: (v: unknown) => string | null): void {
  if (!Array.isArray(value) || value.length === 0) {
    problems.add(at, `${lastSegment(at)} must be a non-empty list (omit it to match everyone)`);
    return;
  }
  const seen = new Set<unknown>();
  value.forEach((v: unknown, j) => {
    const message = item(v) ?? (seen.has(v) ? `${String(v)} is listed twice` : null);
    if (message) problems.add(`${at}[${j}]`, message);
    seen.add(v);
  });
}

function checkCheckpoint(checkpoint: unknown, at: string, problems: Problems): void {
  if (checkpoint === undefined) return;
  if (!isObject(checkpoint)) {
    problems.add(at, 'checkpoint must be an object { timeoutHours, onTimeout }');
    return;
  }
  const { timeoutHours, onTimeout } = checkpoint;
  if (typeof timeoutHours !== 'number' || !Number.isInteger(timeoutHours) || timeoutHours < 1 || timeoutHours > MAX_CHECKPOINT_HOURS) {
    problems.add(`${at}.timeoutHours`, `timeoutHours must be a whole number between 1 and ${MAX_CHECKPOINT_HOURS}`);
  }
  if (!CHECKPOINT_TIMEOUT_OUTCOMES.includes(onTimeout as never)) {
    problems.add(`${at}.onTimeout`, `onTimeout must be one of ${oneOf(CHECKPOINT_TIMEOUT_OUTCOMES)}`);
  }
}

function definedEntries(o: Record<string, unknown>): [string, unknown][] {
  return Object.entries(o).filter(([, v]) => v !== undefined);
}

function lastSegment(field: string): string {
  return field.slice(field.lastIndexOf('.') + 1);
}
