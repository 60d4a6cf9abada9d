/**
 * The collector's day against the real API, worker, Temporal dev server and PostgreSQL: portfolios by
 * rules and explicit assignment (open tasks move along), the ranked worklist with its reasons, the
 * task lifecycle (assign, complete with outcomes, call back, snooze, overdue at an injected "now"),
 * calls logged, notes in the customer's timeline, and need-to-know between collectors.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { Clock } from '../../src/clock/clock.js';
import { addDays, dateInZone, zonedDateHourToEpoch } from '../../workflows/domain/calendar.js';
import { createUsers, eventually, startPlatform, uniqueId, type Platform } from '../support/platform.js';
import { withContractChecks } from '../support/openapi-contract.js';

class SettableClock extends Clock {
  constructor(public at: number) {
    super();
  }

  nowMs(): number {
    return this.at;
  }
}

const ZONE = 'Europe/Paris';
const START = Date.now();
const clock = new SettableClock(START);
const TODAY = dateInZone(START, ZONE);
const parisAt = (date: string, hour: number) => zonedDateHourToEpoch(date, hour, ZONE);

let platform: Platform;
let tokens: Record<string, string>;
let ids: Record<string, string>;
let emails: Record<string, string>;
const C = { smb: uniqueId('SMB'), key: uniqueId('KEY'), bigSmb: uniqueId('BIG'), misc: uniqueId('MISC') };
const invoices: Record<string, { id: string; externalId: string }> = {};
const rules: Record<string, string> = {};
const as = (who: string) => ({ apiKey: tokens[who]! });

async function push(customer: Record<string, unknown>, amount: string, dueInDays: number) {
  const externalId = uniqueId('INV');
  const res = await platform.request('POST', '/api/v1/invoices', {
    externalId, number: externalId, amount, currency: 'EUR', issueDate: addDays(TODAY, dueInDays - 30), dueDate: addDays(TODAY, dueInDays),
    customer: { name: `${customer.externalId as string} SARL`, email: 'ap@customer.example', phone: '+33612345678', ...customer },
  });
  expect(res.status).toBe(201);
  return { id: res.body.id as string, externalId };
}

beforeAll(async () => {
  platform = withContractChecks(await startPlatform({ clock }));
  ({ tokens, ids, emails } = await createUsers(platform, {
    cm: ['credit_manager'], alice: ['collector'], bob: ['collector'], carol: ['collector'], sam: ['sales'],
  }));
  // The SMB customer's scenario opens a call task the day after due: a task dunning raises, with no assignee.
  const scenario = await platform.request('POST', '/api/v1/scenarios', {
    name: uniqueId('Calls'), definition: { steps: [{ key: 'call', trigger: { kind: 'due_date', offsetDays: 1 }, action: 'call_task', channels: [] }] },
  });
  expect(scenario.status).toBe(201);
  expect((await platform.request('POST', `/api/v1/scenarios/${scenario.body.id}/publish`, { inFlightPolicy: 'keep_version' })).status).toBe(201);
  expect((await platform.request('PUT', `/api/v1/scenario-assignments/customers/${C.smb}`, { scenarioId: scenario.body.id })).status).toBe(200);

  for (const [name, rule] of Object.entries({
    smb: { segment: 'smb', collectorUserId: ids.alice },
    band: { currency: 'EUR', minAmount: '5000.00', collectorUserId: ids.bob },
    samE: { salespersonEmail: emails.sam, riskClass: 'E', collectorUserId: ids.bob },
    fallback: { collectorUserId: ids.carol },
  })) {
    const res = await platform.request('POST', '/api/v1/collector-rules', rule, as('cm'));
    expect(res.status).toBe(201);
    rules[name] = res.body.id;
  }
  invoices.smb = await push({ externalId: C.smb, segment: 'smb', riskClass: 'C' }, '1000.00', -10);
  invoices.key = await push({ externalId: C.key, segment: 'key_account', riskClass: 'E', salespersonEmail: emails.sam }, '9999.00', -30);
  invoices.bigSmb = await push({ externalId: C.bigSmb, segment: 'smb', riskClass: 'A' }, '20000.00', 5);
  invoices.misc = await push({ externalId: C.misc, riskClass: 'B' }, '100.00', -3);
}, 90_000);
afterAll(async () => {
  await platform?.close();
});

describe('portfolios', () => {
  test('each customer’s collector: the most specific rule, ties to the oldest, else the fallback; with the reason', async () => {
    const who = async (externalId: string) => (await platform.request('GET', `/api/v1/customers/${externalId}/collector`, undefined, as('cm'))).body;
    expect(await who(C.smb)).toMatchObject({ collector: { id: ids.alice, name: 'alice' }, source: 'rule', ruleId: rules.smb, reason: 'rule: segment smb' });
    expect(await who(C.key)).toMatchObject({ collector: { id: ids.bob }, source: 'rule', ruleId: rules.samE, reason: `rule: salesperson ${emails.sam}, risk class E` });
    // Segment smb and the 5000.00 band are equally specific: the older rule (smb) wins.
    expect(await who(C.bigSmb)).toMatchObject({ collector: { id: ids.alice }, ruleId: rules.smb });
    expect(await who(C.misc)).toMatchObject({ collector: { id: ids.carol }, source: 'fallback', reason: 'fallback collector' });

    const mine = await platform.request('GET', '/api/v1/portfolio?collector=me', undefined, as('alice'));
    expect(mine.status).toBe(200);
    expect(mine.body.customers.map((c: { externalId: string }) => c.externalId).sort()).toEqual([C.bigSmb, C.smb].sort());
    // Need-to-know: a collector sees their own portfolio and customers only.
    expect((await platform.request('GET', `/api/v1/portfolio?collector=${ids.bob}`, undefined, as('alice'))).status).toBe(403);
    expect((await platform.request('GET', `/api/v1/customers/${C.key}/collector`, undefined, as('alice'))).status).toBe(404);
    expect((await platform.request('GET', `/api/v1/portfolio?collector=${ids.bob}`, undefined, as('cm'))).body.customers)
      .toEqual([expect.objectContaining({ externalId: C.key, source: 'rule' })]);
  });

  test('rules are edited by credit managers only; bad input is a 400 naming each field and changes nothing', async () => {
    const before = (await platform.request('GET', '/api/v1/collector-rules', undefined, as('alice'))).body;
    expect(before).toHaveLength(4);
    expect((await platform.request('POST', '/api/v1/collector-rules', { collectorUserId: ids.alice }, as('alice'))).status).toBe(403);
    const bad = await platform.request('POST', '/api/v1/collector-rules', { riskClass: 'Z', minAmount: 12.5, collectorUserId: 'x' }, as('cm'));
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['collectorUserId', 'minAmount', 'riskClass']);
    const noCurrency = await platform.request('POST', '/api/v1/collector-rules', { minAmount: '10.00', collectorUserId: ids.bob }, as('cm'));
    expect(noCurrency.body.errors).toEqual([{ field: 'minAmount', messages: [expect.stringContaining('needs currency')] }]);
    const notCollector = await platform.request('POST', '/api/v1/collector-rules', { segment: 'x', collectorUserId: ids.sam }, as('cm'));
    expect(notCollector.status).toBe(400);
    expect(notCollector.body.errors[0]).toMatchObject({ field: 'collectorUserId', messages: [expect.stringContaining('is not a collector')] });
    expect((await platform.request('GET', '/api/v1/collector-rules', undefined, as('cm'))).body).toEqual(before);
  });
});

describe('worklist', () => {
  test('collector=me: their customers by risk × amount × lateness, with the factors as reasons, and their tasks', async () => {
    // Wait for the dunning call task on the SMB customer (it counts in its score when overdue).
    await eventually(async () => (await platform.request('GET', `/api/v1/tasks?customer=${C.smb}&kind=call&status=open`)).body.items[0]);
    const res = await platform.request('GET', '/api/v1/worklist?collector=me', undefined, as('alice'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ entity: 'default', asOf: TODAY, collector: { id: ids.alice, name: 'alice' } });
    const [first, second] = res.body.customers;
    expect(res.body.customers).toHaveLength(2);
    // SMB: C 1.5 × (1 + log10(1001)) 4.0 × (1 + 10/30) 1.33 = 8.0 (× 1.2 while its call task is overdue).
    expect(first.customer.externalId).toBe(C.smb);
    expect(first.reasons.slice(0, 3)).toEqual([
      { code: 'RISK_CLASS', factor: 1.5, params: { riskClass: 'C' }, detail: 'risk class C' },
      { code: 'OPEN_AMOUNT', factor: 4, params: { invoices: 1, amount: '1000.00', currency: 'EUR' }, detail: '1000.00 EUR open in 1 invoice(s)' },
      {
        code: 'LATENESS', factor: 1.33, params: { basis: 'overdue', invoice: invoices.smb.externalId, days: 10 },
        detail: `${invoices.smb.externalId} is 10 days past due`,
      },
    ]);
    expect(first.score).toBe(first.tasks.some((t: { overdue: boolean }) => t.overdue) ? 9.6 : 8);
    // The task's title as a code with params (the console writes it in the reader's language), and in English.
    expect(first.tasks).toEqual([expect.objectContaining({
      kind: 'call', titleCode: 'CALL_ABOUT_INVOICE', titleParams: { customer: `${C.smb} SARL`, invoice: invoices.smb.externalId },
      title: `Call ${C.smb} SARL about invoice ${invoices.smb.externalId}`,
    })]);
    expect(first.openAmounts).toEqual([{ currency: 'EUR', amount: '1000.00' }]);
    // BIG: A 1 × (1 + log10(20 001)) 5.3 × not late 1 = 5.3.
    expect(second).toMatchObject({ rank: 2, score: 5.3, customer: { externalId: C.bigSmb, riskClass: 'A' } });
    expect(res.body.tasks.map((t: { customer: { externalId: string } }) => t.customer.externalId)).toEqual([C.smb]);
    // The invoices by priority are narrowed to the portfolio too.
    expect(res.body.items.map((i: { customer: { externalId: string } }) => i.customer.externalId).sort()).toEqual([C.bigSmb, C.smb].sort());

    const bob = await platform.request('GET', '/api/v1/worklist', undefined, as('bob'));
    // KEY: E 3 × (1 + log10(10 000)) 5 × (1 + 30/30) 2 = 30.
    expect(bob.body.customers.map((c: { customer: { externalId: string }; score: number }) => [c.customer.externalId, c.score])).toEqual([[C.key, 30]]);
    expect((await platform.request('GET', `/api/v1/worklist?collector=${ids.bob}`, undefined, as('alice'))).status).toBe(403);
    const byManager = await platform.request('GET', `/api/v1/worklist?collector=${ids.bob}`, undefined, as('cm'));
    expect(byManager.body.customers.map((c: { customer: { externalId: string } }) => c.customer.externalId)).toEqual([C.key]);
    expect((await platform.request('GET', '/api/v1/worklist?collector=nobody', undefined, as('cm'))).status).toBe(400);
  });
});

describe('tasks', () => {
  let callTask: string;

  test('a dunning task follows the portfolio; reassigning the customer or changing a rule moves its open tasks', async () => {
    const task = (await platform.request('GET', `/api/v1/tasks?customer=${C.smb}&kind=call&status=open`)).body.items[0];
    callTask = task.id;
    expect(task).toMatchObject({ assignee: { id: ids.alice, name: 'alice' }, assigneeSource: 'portfolio', customerExternalId: C.smb });
    const seen = async (who: string) => (await platform.request('GET', '/api/v1/tasks?status=open', undefined, as(who))).body.items.map((t: { id: string }) => t.id);
    expect(await seen('alice')).toContain(callTask);
    expect(await seen('bob')).not.toContain(callTask);

    const taken = await platform.request('POST', `/api/v1/tasks/${callTask}/assignment`, { assignee: 'me' }, as('alice'));
    expect(taken.status).toBe(200);
    expect(taken.body).toMatchObject({ assignee: { id: ids.alice }, assigneeSource: 'task' });
    const notHolder = await platform.request('POST', `/api/v1/tasks/${callTask}/assignment`, { assignee: ids.sam }, as('alice'));
    expect(notHolder.status).toBe(400);
    expect(notHolder.body.errors[0].field).toBe('assignee');

    const reassigned = await platform.request('PUT', `/api/v1/customers/${C.smb}/collector`, { collectorUserId: ids.bob }, as('cm'));
    expect(reassigned.status).toBe(200);
    expect(reassigned.body).toMatchObject({ collector: { id: ids.bob }, source: 'explicit', tasksMoved: 1 });
    expect((await platform.request('GET', `/api/v1/tasks/${callTask}`, undefined, as('bob'))).body).toMatchObject({ assignee: { id: ids.bob }, assigneeSource: 'task' });
    expect((await platform.request('GET', `/api/v1/tasks/${callTask}`, undefined, as('alice'))).status).toBe(404);
    const ofBob = await platform.request('GET', `/api/v1/tasks?assignee=${ids.bob}&status=open`, undefined, as('cm'));
    expect(ofBob.body.items.map((t: { id: string }) => t.id)).toContain(callTask);
    expect((await platform.request('GET', `/api/v1/tasks?assignee=${ids.alice}&status=open`, undefined, as('cm'))).body.items.map((t: { id: string }) => t.id)).not.toContain(callTask);

    // Dropping the explicit assignment gives the customer back to the rules (alice), tasks included.
    const back = await platform.request('DELETE', `/api/v1/customers/${C.smb}/collector`, undefined, as('cm'));
    expect(back.body).toMatchObject({ collector: { id: ids.alice }, source: 'rule', tasksMoved: 1 });
    // Changing the smb rule's collector moves the smb customers, and their open tasks, to carol.
    const rule = await platform.request('PUT', `/api/v1/collector-rules/${rules.smb}`, { segment: 'smb', collectorUserId: ids.carol }, as('cm'));
    expect(rule.status).toBe(200);
    expect(rule.body.tasksMoved).toBe(1);
    expect((await platform.request('GET', `/api/v1/tasks/${callTask}`, undefined, as('carol'))).body).toMatchObject({ assignee: { id: ids.carol }, status: 'open' });
  });

  test('completion: outcomes by kind, call back on a day, a closed task stays closed', async () => {
    const complete = (body: unknown) => platform.request('POST', `/api/v1/tasks/${callTask}/completion`, body, as('carol'));
    const wrongKind = await complete({ outcome: 'approved' });
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.body.errors[0]).toMatchObject({ field: 'outcome', messages: [expect.stringContaining('no_answer')] });
    expect((await complete({ outcome: 'call_back_on' })).body.errors).toEqual([{ field: 'callBackOn', messages: ['call_back_on needs callBackOn (YYYY-MM-DD)'] }]);
    expect((await complete({ outcome: 'teleport' })).status).toBe(400);
    expect((await platform.request('GET', `/api/v1/tasks/${callTask}`, undefined, as('carol'))).body.status).toBe('open');

    const done = await complete({ outcome: 'call_back_on', callBackOn: addDays(TODAY, 2), note: 'Accountant back on Thursday' });
    expect(done.status).toBe(200);
    expect(done.body.task).toMatchObject({
      status: 'done', outcome: 'call_back_on', note: 'Accountant back on Thursday', closedBy: 'carol', closedAt: new Date(START).toISOString(),
      overdue: false, data: expect.objectContaining({ callBackOn: addDays(TODAY, 2) }),
    });
    expect(done.body.promiseId).toBeNull();
    const again = await complete({ outcome: 'reached' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('TASK_CLOSED');

    const followUp = (await platform.request('GET', `/api/v1/tasks/${done.body.followUpTaskId}`, undefined, as('carol'))).body;
    expect(followUp).toMatchObject({
      kind: 'call', status: 'open', step: 'call_back', dueAt: new Date(parisAt(addDays(TODAY, 2), 9)).toISOString(), overdue: false,
      titleCode: 'CALL_BACK', titleParams: { customer: `${C.smb} SARL` }, title: `Call back ${C.smb} SARL`,
      assignee: { id: ids.carol }, assigneeSource: 'task', customerExternalId: C.smb, data: { previousTaskId: callTask },
    });
  });

  test('overdue from the injected now; snoozing lifts it and hides the task from the worklist until then', async () => {
    const followUpId = (await platform.request('GET', `/api/v1/tasks?customer=${C.smb}&status=open`, undefined, as('carol'))).body.items
      .find((t: { step: string }) => t.step === 'call_back').id;
    const view = async () => (await platform.request('GET', `/api/v1/tasks/${followUpId}`, undefined, as('carol'))).body;
    const overdueIds = async () => (await platform.request('GET', '/api/v1/tasks?assignee=me&overdue=true', undefined, as('carol'))).body.items.map((t: { id: string }) => t.id);
    try {
      expect(await overdueIds()).not.toContain(followUpId);
      clock.at = parisAt(addDays(TODAY, 3), 12);
      expect(await view()).toMatchObject({ overdue: true, snoozed: false });
      expect(await overdueIds()).toContain(followUpId);

      const past = await platform.request('POST', `/api/v1/tasks/${followUpId}/snooze`, { until: new Date(parisAt(addDays(TODAY, 3), 8)).toISOString() }, as('carol'));
      expect(past.status).toBe(400);
      expect(past.body.errors[0]).toEqual({ field: 'until', messages: ['until must be in the future'] });
      expect((await platform.request('POST', `/api/v1/tasks/${followUpId}/snooze`, { until: '2030-01-01T09:00:00' }, as('carol'))).status).toBe(400);
      const until = new Date(parisAt(addDays(TODAY, 5), 9)).toISOString();
      const snoozed = await platform.request('POST', `/api/v1/tasks/${followUpId}/snooze`, { until }, as('carol'));
      expect(snoozed.status).toBe(200);
      expect(snoozed.body).toMatchObject({ overdue: false, snoozed: true, snoozedUntil: until, effectiveDueAt: until });
      expect(await overdueIds()).not.toContain(followUpId);
      const worklist = (await platform.request('GET', '/api/v1/worklist?collector=me', undefined, as('carol'))).body;
      expect(worklist.tasks.map((t: { id: string }) => t.id)).not.toContain(followUpId);
      expect(worklist.snoozedTasks).toBe(1);

      clock.at = parisAt(addDays(TODAY, 6), 9);
      expect(await view()).toMatchObject({ overdue: true, snoozed: false });
      expect((await platform.request('GET', '/api/v1/worklist?collector=me', undefined, as('carol'))).body.tasks.map((t: { id: string }) => t.id)).toContain(followUpId);
    } finally {
      clock.at = START;
    }
  });

  test('the list pages by cursor with a total and exports CSV', async () => {
    const first = await platform.request('GET', '/api/v1/tasks?limit=1&sort=createdAt', undefined, as('cm'));
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ limit: 1, total: expect.any(Number) });
    expect(first.body.total).toBeGreaterThanOrEqual(2);
    const second = await platform.request('GET', `/api/v1/tasks?limit=1&sort=createdAt&cursor=${first.body.nextCursor}`, undefined, as('cm'));
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
    expect((await platform.request('GET', '/api/v1/tasks?cursor=garbage', undefined, as('cm'))).status).toBe(400);
    expect((await platform.request('GET', '/api/v1/tasks?kind=nap', undefined, as('cm'))).status).toBe(400);
    const csv = await fetch(`${platform.baseUrl}/api/v1/tasks?status=done`, { headers: { authorization: `Bearer ${tokens.cm}`, accept: 'text/csv' } });
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe('id,kind,status,title,dueAt,effectiveDueAt,overdue,assigneeEmail,customerExternalId,customerName,invoiceNumber,outcome,note,closedAt,closedBy');
    expect(lines.some((l) => l.includes('call_back_on') && l.includes('Accountant back on Thursday'))).toBe(true);
  });
});

describe('calls and notes', () => {
  test('a call is logged as a completed call task; the outcome promise opens the promise to pay', async () => {
    const log = (body: unknown, who = 'bob') => platform.request('POST', `/api/v1/customers/${C.key}/calls`, body, as(who));
    const missing = await log({ outcome: 'promise' });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([{ field: 'promise', messages: [expect.stringContaining('promisedFor')] }]);
    const unknownInvoice = await log({ outcome: 'reached', invoiceExternalIds: ['NOPE'] });
    expect(unknownInvoice.body.errors).toEqual([{ field: 'invoiceExternalIds', messages: [`not invoices of customer ${C.key}: NOPE`] }]);
    expect((await log({ outcome: 'promise', promise: { amount: 9999, currency: 'EUR', promisedFor: addDays(TODAY, 7) } })).status).toBe(400);
    expect((await log({ outcome: 'reached' }, 'alice')).status).toBe(404);

    // The promises capability's own checks come back under promise.*, and nothing is recorded.
    const tooMuch = await log({ outcome: 'promise', invoiceExternalIds: [invoices.key.externalId], promise: { amount: '10000.00', currency: 'EUR', promisedFor: addDays(TODAY, 7) } });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.errors).toEqual([{ field: 'promise.amount', messages: ['exceeds the open amount of the invoices, 9999.00'] }]);
    expect((await platform.request('GET', `/api/v1/tasks?customer=${C.key}&kind=call`, undefined, as('bob'))).body.items).toEqual([]);

    const promise = { amount: '9999.00', currency: 'EUR', promisedFor: addDays(TODAY, 7) };
    const res = await log({ outcome: 'promise', note: 'Will pay by transfer next week', invoiceExternalIds: [invoices.key.externalId], promise });
    expect(res.status).toBe(201);
    expect(res.body.promiseId).toEqual(expect.any(String));
    expect(res.body.task).toMatchObject({
      kind: 'call', status: 'done', outcome: 'promise', note: 'Will pay by transfer next week', closedBy: 'bob', step: 'call_logged', titleCode: 'CALL_LOGGED',
      assignee: { id: ids.bob }, invoiceId: invoices.key.id, closedAt: new Date(START).toISOString(),
      data: { invoiceIds: [invoices.key.id], promiseTerms: promise, promiseId: res.body.promiseId },
    });
    const opened = await platform.request('GET', `/api/v1/promises/${res.body.promiseId}`, undefined, as('cm'));
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({
      status: 'open', channel: 'phone', amount: '9999.00', currency: 'EUR', promisedFor: addDays(TODAY, 7), note: 'Will pay by transfer next week',
      createdBy: 'bob', invoices: [{ id: invoices.key.id, externalId: invoices.key.externalId }],
    });
  });

  test('notes on the customer and its invoices, with author and time, in the customer’s timeline', async () => {
    const onCustomer = await platform.request('POST', `/api/v1/customers/${C.key}/notes`, { body: 'AP contact changes in January' }, as('bob'));
    expect(onCustomer.status).toBe(201);
    expect(onCustomer.body).toMatchObject({ author: { userId: ids.bob, name: 'bob' }, createdAt: new Date(START).toISOString(), invoiceId: null });
    clock.at = START + 60_000;
    const onInvoice = await platform.request('POST', `/api/v1/invoices/${invoices.key.id}/notes`, { body: 'PO number missing on this one' }, as('bob'));
    clock.at = START;
    expect(onInvoice.status).toBe(201);
    expect(onInvoice.body).toMatchObject({ invoiceId: invoices.key.id, invoiceNumber: invoices.key.externalId, createdAt: new Date(START + 60_000).toISOString() });

    expect((await platform.request('POST', `/api/v1/customers/${C.key}/notes`, { body: '   ' }, as('bob'))).status).toBe(400);
    expect((await platform.request('POST', `/api/v1/customers/${C.key}/notes`, {}, as('bob'))).body.errors[0].field).toBe('body');
    expect((await platform.request('POST', `/api/v1/customers/${C.key}/notes`, { body: 'x' }, as('alice'))).status).toBe(404);
    expect((await platform.request('GET', `/api/v1/invoices/${invoices.key.id}/notes`, undefined, as('alice'))).status).toBe(404);

    const listed = await platform.request('GET', `/api/v1/customers/${C.key}/notes`, undefined, as('bob'));
    expect(listed.body.map((n: { body: string }) => n.body)).toEqual(['PO number missing on this one', 'AP contact changes in January']);
    expect((await platform.request('GET', `/api/v1/invoices/${invoices.key.id}/notes`, undefined, as('bob'))).body).toHaveLength(1);

    const account = await platform.request('GET', `/api/v1/customers/${C.key}`);
    const timeline = account.body.timeline as { source: string; type: string; summary: string; invoiceIds: string[]; at: string }[];
    expect(timeline.filter((e) => e.source === 'note')).toEqual([
      expect.objectContaining({ type: 'note', invoiceIds: [invoices.key.id], summary: `Note by bob on ${invoices.key.externalId}: PO number missing on this one` }),
      expect.objectContaining({ type: 'note', invoiceIds: [], summary: 'Note by bob: AP contact changes in January', at: new Date(START).toISOString() }),
    ]);
    expect(timeline.filter((e) => e.source === 'task')).toEqual([
      expect.objectContaining({ type: 'call_promise', invoiceIds: [invoices.key.id], summary: 'Call by bob: promise — Will pay by transfer next week' }),
    ]);
  });
});
