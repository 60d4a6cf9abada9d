/**
 * Scenario simulation and the collections calendar over HTTP, on a small
 * portfolio posted through the API (the e2e platform runs without a sending
 * window: steps go out on their raw dates at 09:00 Paris). T is today in Paris.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createUsers, eventually, startPlatform, uniqueId, type Platform } from '../support/platform.js';
import { parisDate, parisSendInstant, shiftDate } from '../support/time-skipping.js';

let platform: Platform;
let T: string;
const day = (offset: number) => shiftDate(T, offset);

/** Scenario S, for the smb segment: what A follows. */
const S = {
  steps: [
    { key: 'first', trigger: { kind: 'due_date', offsetDays: 1 }, action: 'reminder', channels: ['email'] },
    { key: 'sms_smb', trigger: { kind: 'due_date', offsetDays: 3 }, action: 'reminder', channels: ['sms'], conditions: { segments: ['smb'] } },
    { key: 'call', trigger: { kind: 'after_previous', days: 2 }, action: 'call_task', channels: [] },
    {
      key: 'final', trigger: { kind: 'due_date', offsetDays: 10 }, action: 'formal_notice', channels: ['email', 'letter'],
      checkpoint: { timeoutHours: 48, onTimeout: 'skip' },
    },
    { key: 'handover', trigger: { kind: 'after_previous', days: 3 }, action: 'litigation_handover', channels: [] },
  ],
};

/** Scenario S2, simulated on everyone; its `reminder_2` key is one the built-in scenario uses too. */
const S2 = (statementDay = 9) => ({
  steps: [
    { key: 'reminder_2', trigger: { kind: 'due_date', offsetDays: 2 }, action: 'reminder', channels: ['sms'], conditions: { minOverdueAmount: '1000.00' } },
    { key: 'statement', trigger: { kind: 'due_date', offsetDays: statementDay }, action: 'account_statement', channels: ['email'] },
    { key: 'notice', trigger: { kind: 'due_date', offsetDays: 20 }, action: 'formal_notice', channels: ['letter'] },
  ],
});

const invoices: Record<'A' | 'B' | 'C' | 'D', { id: string; number: string; workflowId: string; customer: string }> = {} as never;
let s2Id: string;

async function post(label: keyof typeof invoices, dueIn: number, amount: string, customer: Record<string, unknown>) {
  const number = uniqueId(`F-${label}`);
  const externalId = uniqueId('CUST');
  const res = await platform.request('POST', '/api/v1/invoices', {
    externalId: number, number, issueDate: day(dueIn - 30), dueDate: day(dueIn), amount, currency: 'EUR',
    customer: { externalId, name: `Customer ${label}`, email: `${label.toLowerCase()}@customer.example`, ...customer },
  });
  expect(res.status).toBe(201);
  invoices[label] = { id: res.body.id, number, workflowId: res.body.workflowId, customer: externalId };
}

const view = async (id: string) => (await platform.request('GET', `/api/v1/invoices/${id}`)).body;
const stepEvents = async (id: string) => (await view(id)).timeline.filter((e: any) => /^reminder_/.test(e.type)).length;

beforeAll(async () => {
  platform = await startPlatform();
  T = parisDate(Date.now());
  const created = await platform.request('POST', '/api/v1/scenarios', { name: uniqueId('S'), definition: S });
  expect((await platform.request('POST', `/api/v1/scenarios/${created.body.id}/publish`, { inFlightPolicy: 'keep_version' })).status).toBe(201);
  expect((await platform.request('PUT', '/api/v1/scenario-assignments/segments', { segment: 'smb', scenarioId: created.body.id })).status).toBe(200);
  s2Id = (await platform.request('POST', '/api/v1/scenarios', { name: uniqueId('S2'), definition: S2() })).body.id;

  await post('A', 2, '1500.00', { segment: 'smb', phone: '+33611111111' }); // on S
  await post('B', 1, '400.00', {}); // built-in, no phone
  await post('C', -8, '2500.00', { segment: 'key_account', phone: '+33622222222' }); // built-in, 8 days overdue
  await post('D', 1, '700.00', {}); // built-in, paused below
  // Catch-ups at intake: B and D send their courtesy notice (T − 2), C its +7 reminder superseding the two before.
  await eventually(async () => (await stepEvents(invoices.B.id)) === 1 && (await stepEvents(invoices.D.id)) === 1 && (await stepEvents(invoices.C.id)) === 3);
  expect((await platform.request('POST', `/api/v1/invoices/${invoices.D.id}/pause`, { reason: 'Disputed delivery' })).status).toBe(200);
  await eventually(async () => (await view(invoices.A.id)).nextAction && (await view(invoices.B.id)).nextAction && (await view(invoices.C.id)).nextAction);
  await eventually(async () => (await view(invoices.D.id)).nextAction === null);
});
afterAll(async () => {
  await platform?.close();
});

type Line = string;
/** `date label stepKey outcome channels` per action, to compare with the hand-made list. */
function lines(body: any): Line[] {
  const label = Object.fromEntries(Object.entries(invoices).map(([k, v]) => [v.id, k]));
  return body.days.flatMap((d: any) => d.actions.map((a: any) => `${d.date} ${label[a.invoiceId]} ${a.stepKey} ${a.outcome} ${a.channels.join('+')}`));
}
const totalsOn = (body: any, date: string) => body.days.find((d: any) => d.date === date).totals;
const zero = { email: 0, sms: 0, letter: 0, call_task: 0, checkpoint: 0, litigation_handover: 0, internal_notification: 0, account_statement: 0, formal_notice: 0, skipped: 0 };

describe('GET /api/v1/calendar', () => {
  test('the coming 15 days, each invoice on its own scenario version, from its progress', async () => {
    const res = await platform.request('GET', '/api/v1/calendar');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ from: T, to: day(14), invoices: 4 });
    expect(res.body.days.map((d: any) => d.date)).toEqual(Array.from({ length: 15 }, (_, i) => day(i)));
    expect(lines(res.body)).toEqual([
      `${day(2)} B reminder_1 run email`, // due T + 1, + 1
      `${day(3)} A first run email`, // due T + 2, + 1
      `${day(5)} A sms_smb run sms`, // due + 3; A is smb
      `${day(7)} A call run `, // 2 days after sms_smb
      `${day(7)} C final_notice run email+sms`, // due T − 8, + 15
      `${day(8)} B reminder_2 run email`, // + 7; B has no phone: no SMS
      `${day(12)} A final awaits_approval email+letter`, // due + 10, checkpoint
      // A's handover (approval + 3 = T + 15) and B's final notice (T + 16) fall after the period; D is paused.
    ]);
    const a = res.body.days.find((d: any) => d.date === day(3)).actions[0];
    expect(a).toMatchObject({ invoiceId: invoices.A.id, invoiceNumber: invoices.A.number, customerName: 'Customer A', action: 'reminder' });
    expect(a.at).toBe(new Date(parisSendInstant(day(3))).toISOString());
    expect(totalsOn(res.body, day(7))).toEqual({ ...zero, email: 1, sms: 1, call_task: 1 });
    expect(totalsOn(res.body, day(12))).toEqual({ ...zero, checkpoint: 1 });
    expect(totalsOn(res.body, day(0))).toEqual(zero);
    expect(res.body.totals).toEqual({ ...zero, email: 4, sms: 2, call_task: 1, checkpoint: 1 });
    expect(res.body.assumptions[0]).toMatch(/Checkpoints are approved as soon as they open/);
  });

  test('a chosen period; at most 92 days; field-level errors', async () => {
    const res = await platform.request('GET', `/api/v1/calendar?from=${day(7)}&to=${day(16)}`);
    expect(res.status).toBe(200);
    expect(lines(res.body)).toEqual([
      `${day(7)} A call run `,
      `${day(7)} C final_notice run email+sms`,
      `${day(8)} B reminder_2 run email`,
      `${day(12)} A final awaits_approval email+letter`,
      `${day(15)} A handover run `,
      `${day(16)} B final_notice run email`,
    ]);
    expect(res.body.totals).toEqual({ ...zero, email: 3, sms: 1, call_task: 1, checkpoint: 1, litigation_handover: 1 });
    expect((await platform.request('GET', `/api/v1/calendar?from=${day(0)}&to=${day(91)}`)).status).toBe(200);

    const tooLong = await platform.request('GET', `/api/v1/calendar?from=${day(0)}&to=${day(92)}`);
    expect(tooLong.status).toBe(400);
    expect(tooLong.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'to', messages: ['the calendar spans at most 92 days'] }] });
    const backwards = await platform.request('GET', `/api/v1/calendar?from=${day(3)}&to=${day(1)}`);
    expect(backwards.body.errors).toEqual([{ field: 'to', messages: ['to must not be before from'] }]);
    const malformed = await platform.request('GET', '/api/v1/calendar?from=2026-02-30&to=tomorrow');
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors.map((e: any) => e.field).sort()).toEqual(['from', 'to']);
  });
});

describe('POST /api/v1/scenarios/:id/simulate', () => {
  test('every open invoice on the draft, from its progress: handled step keys are kept', async () => {
    const res = await platform.request('POST', `/api/v1/scenarios/${s2Id}/simulate`, { horizonDays: 15 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ scenarioId: s2Id, version: 'draft', from: T, to: day(14), invoices: 4 });
    expect(lines(res.body)).toEqual([
      `${day(1)} C statement run email`, // due T − 8, + 9; C's reminder_2 already went out under the built-in scenario
      `${day(3)} B reminder_2 skipped_condition `, // due T + 1, + 2; 400.00 is below 1000.00 (and B has no phone)
      `${day(4)} A reminder_2 run sms`, // due T + 2, + 2
      `${day(10)} B statement run email`,
      `${day(11)} A statement run email`,
      `${day(12)} C notice run letter`, // due + 20
      // D is paused.
    ]);
    expect(res.body.totals).toEqual({ ...zero, sms: 1, email: 3, letter: 1, account_statement: 3, formal_notice: 1, skipped: 1 });
    expect(totalsOn(res.body, day(3))).toEqual({ ...zero, skipped: 1 });
  });

  test('filters and a published version', async () => {
    const simulate = (body: unknown) => platform.request('POST', `/api/v1/scenarios/${s2Id}/simulate`, body);
    expect(lines((await simulate({ horizonDays: 15, filter: { segments: ['smb'] } })).body)).toEqual([
      `${day(4)} A reminder_2 run sms`, `${day(11)} A statement run email`,
    ]);
    const rich = (await simulate({ horizonDays: 15, filter: { minOpenAmount: '1500.00', currency: 'EUR' } })).body;
    expect(rich.invoices).toBe(2); // A and C
    expect((await simulate({ horizonDays: 15, filter: { customerExternalIds: [invoices.B.customer], riskClasses: ['A'] } })).body.invoices).toBe(0);
    expect((await simulate({ horizonDays: 2, filter: { customerExternalIds: [invoices.C.customer] } })).body.days.map((d: any) => d.totals.email))
      .toEqual([0, 1]);

    // Publish the draft as version 1, then move the statement to due + 4 in the draft.
    expect((await platform.request('POST', `/api/v1/scenarios/${s2Id}/publish`, { inFlightPolicy: 'keep_version' })).status).toBe(201);
    expect((await platform.request('PUT', `/api/v1/scenarios/${s2Id}`, { definition: S2(4), draftRevision: 1 })).status).toBe(200);
    const filter = { customerExternalIds: [invoices.A.customer] };
    const v1 = (await simulate({ horizonDays: 15, version: 1, filter })).body;
    expect(v1.version).toBe(1);
    expect(lines(v1)).toEqual([`${day(4)} A reminder_2 run sms`, `${day(11)} A statement run email`]);
    expect(lines((await simulate({ horizonDays: 15, filter })).body)).toEqual([`${day(4)} A reminder_2 run sms`, `${day(6)} A statement run email`]);
  });

  test('404 for an unknown scenario or version; 400 with the offending fields', async () => {
    expect((await platform.request('POST', '/api/v1/scenarios/00000000-0000-4000-8000-000000000000/simulate', { horizonDays: 5 })).status).toBe(404);
    expect((await platform.request('POST', '/api/v1/scenarios/not-a-uuid/simulate', { horizonDays: 5 })).status).toBe(404);
    expect((await platform.request('POST', `/api/v1/scenarios/${s2Id}/simulate`, { horizonDays: 5, version: 99 })).status).toBe(404);

    const bad = await platform.request('POST', `/api/v1/scenarios/${s2Id}/simulate`, {
      horizonDays: 367, version: 0, filter: { riskClasses: ['Z'], minOpenAmount: 'lots', currency: 'EURO', colour: 'red' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(bad.body.errors.map((e: any) => e.field).sort()).toEqual([
      'filter.colour', 'filter.currency', 'filter.minOpenAmount', 'filter.riskClasses', 'horizonDays', 'version',
    ]);
    const missing = await platform.request('POST', `/api/v1/scenarios/${s2Id}/simulate`, {});
    expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'horizonDays' })]);
  });

  test('nothing is written and no workflow is started or signalled', async () => {
    const tables = ['invoices', 'invoice_events', 'outbound_messages', 'collector_tasks', 'dunning_pauses', 'customers', 'scenarios', 'scenario_versions'];
    const snapshot = async () => ({
      rows: await Promise.all(tables.map(async (t) => (await platform.db.dataSource.query(`SELECT count(*)::int AS n FROM ${t}`))[0].n)),
      invoices: await platform.db.dataSource.query('SELECT id, version, updated_at, next_action_at, scenario_version FROM invoices ORDER BY id'),
      histories: await Promise.all(Object.values(invoices).map(async (i) => (await platform.temporal.workflow.getHandle(i.workflowId).fetchHistory()).events?.length)),
      workflows: (await listWorkflows()).length,
    });
    const before = await snapshot();
    expect((await platform.request('POST', `/api/v1/scenarios/${s2Id}/simulate`, { horizonDays: 366 })).status).toBe(200);
    expect((await platform.request('GET', `/api/v1/calendar?from=${day(0)}&to=${day(91)}`)).status).toBe(200);
    expect(await snapshot()).toEqual(before);
  });
});

describe('GET /api/v1/calendar?entity=&collector=', () => {
  const ids = (body: any) => [...new Set<string>(body.days.flatMap((d: any) => d.actions.map((a: any) => a.invoiceId)))].sort();
  test("one legal entity's invoices, one collector's portfolio, both; unknown ones are field errors and a collector names only themselves", async () => {
    // A second entity with one invoice; A's customer in Léa's portfolio.
    await platform.db.dataSource.query(`INSERT INTO legal_entities (code, name, time_zone) VALUES ('CAL2', 'Calendar Two', 'Europe/Paris')`);
    const e = await platform.request('POST', '/api/v1/invoices', {
      entity: 'CAL2', externalId: uniqueId('F-E'), number: uniqueId('F-E'), issueDate: day(-28), dueDate: day(2), amount: '900.00', currency: 'EUR',
      customer: { externalId: uniqueId('CUST'), name: 'Customer E', email: 'e@customer.example' },
    });
    expect(e.status).toBe(201);
    await eventually(async () => (await view(e.body.id)).nextAction);
    const { tokens, ids: users } = await createUsers(platform, { lea: ['collector'], max: ['collector'] });
    expect((await platform.request('PUT', `/api/v1/customers/${invoices.A.customer}/collector`, { collectorUserId: users.lea })).status).toBe(200);

    const everything = await platform.request('GET', '/api/v1/calendar');
    expect(everything.body.invoices).toBe(5);
    const cal2 = await platform.request('GET', '/api/v1/calendar?entity=CAL2');
    expect([cal2.status, cal2.body.invoices, ids(cal2.body)]).toEqual([200, 1, [e.body.id]]);
    const byDefault = await platform.request('GET', '/api/v1/calendar?entity=default');
    expect(byDefault.body.invoices).toBe(4);
    expect(ids(byDefault.body)).not.toContain(e.body.id);

    const leas = await platform.request('GET', `/api/v1/calendar?collector=${users.lea}`);
    expect([leas.status, leas.body.invoices, ids(leas.body)]).toEqual([200, 1, [invoices.A.id]]);
    expect(lines(leas.body)).toEqual(lines(everything.body).filter((l) => / A /.test(l)));
    const both = await platform.request('GET', `/api/v1/calendar?entity=CAL2&collector=${users.lea}`);
    expect([both.status, both.body.invoices]).toEqual([200, 0]);

    // Léa: her own portfolio by `me`; the whole calendar without the parameter, as before; not Max's portfolio.
    const asLea = { apiKey: tokens.lea! };
    const mine = await platform.request('GET', '/api/v1/calendar?collector=me', undefined, asLea);
    expect([mine.status, ids(mine.body)]).toEqual([200, [invoices.A.id]]);
    expect((await platform.request('GET', '/api/v1/calendar', undefined, asLea)).body.invoices).toBe(5);
    const others = await platform.request('GET', `/api/v1/calendar?collector=${users.max}`, undefined, asLea);
    expect(others.status).toBe(403);

    const unknown = await platform.request('GET', '/api/v1/calendar?entity=NOPE&collector=00000000-0000-4000-8000-000000000000');
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [
      { field: 'entity', messages: ['unknown entity "NOPE"'] }, { field: 'collector', messages: ['unknown user "00000000-0000-4000-8000-000000000000"'] },
    ] });
    const malformed = await platform.request('GET', `/api/v1/calendar?collector=someone&entity=${'x'.repeat(65)}`);
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors.map((err: any) => err.field).sort()).toEqual(['collector', 'entity']);
  });
});

async function listWorkflows(): Promise<string[]> {
  const ids: string[] = [];
  for await (const w of platform.temporal.workflow.list({ query: `TaskQueue = "${platform.config.TEMPORAL_TASK_QUEUE}"` })) ids.push(w.workflowId);
  return ids;
}
