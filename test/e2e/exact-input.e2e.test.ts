/**
 * Exact input (docs/api-conventions.md): amounts are decimal strings with no
 * more decimals than their currency, instants carry an offset, dates exist,
 * malformed ids are 404 like unknown ones. Every refusal is a 400
 * VALIDATION_FAILED naming the field, and leaves every table as it was.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { eventually, startPlatform, uniqueId, type HttpResult, type Platform } from '../support/platform.js';

let platform: Platform;
beforeAll(async () => {
  // Refusals never reach a workflow; the accepted controls only start them.
  platform = await startPlatform({ worker: false });
});
afterAll(async () => {
  await platform?.close();
});

let countAll: string | null = null;
/** Row count of every table of the schema (migrations' own bookkeeping aside), in one statement. */
async function tableCounts(): Promise<Record<string, number>> {
  if (!countAll) {
    const tables = (await platform.db.dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'migrations' ORDER BY 1`,
    )) as { table_name: string }[];
    expect(tables.length).toBeGreaterThan(20);
    countAll = `SELECT ${tables.map(({ table_name: t }) => `(SELECT count(*)::int FROM "${t}") AS "${t}"`).join(', ')}`;
  }
  return ((await platform.db.dataSource.query(countAll)) as Record<string, number>[])[0]!;
}

/** Sends the request, expects a 400 naming `field` with a message matching `message`, and no row written anywhere. */
async function refused(method: string, path: string, body: unknown, field: string, message: RegExp): Promise<HttpResult> {
  const before = await tableCounts();
  const res = await platform.request(method, path, body);
  expect({ status: res.status, code: res.body?.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
  const entry = (res.body.errors as { field: string; messages: string[] }[]).find((e) => e.field === field);
  expect(entry).toBeDefined();
  expect(entry!.messages.join(' | ')).toMatch(message);
  expect(await tableCounts()).toEqual(before);
  return res;
}

const customer = { externalId: 'CUST-EXACT', name: 'Exact SA', email: 'ap@exact.example' };
function invoiceBody(overrides: Record<string, unknown> = {}) {
  const externalId = uniqueId('INV');
  return { externalId, number: externalId, issueDate: '2026-11-01', dueDate: '2026-12-01', amount: '100.00', currency: 'EUR', customer, ...overrides };
}

async function createInvoice(amount = '100.00'): Promise<{ id: string; externalId: string }> {
  const body = invoiceBody({ amount });
  const res = await platform.request('POST', '/api/v1/invoices', body);
  expect(res.status).toBe(201);
  return { id: res.body.id as string, externalId: body.externalId };
}

const NUMBER = /must be sent as a JSON string/;

describe('amounts are decimal strings in the currency’s precision', () => {
  test('a JSON number is refused and nothing is stored; the same amount as a string is stored exactly', async () => {
    const body = invoiceBody();
    // Raw JSON: 123456789012345.01 cannot be held by a double (it parses as …345.02).
    const raw = JSON.stringify({ ...body, amount: '§' }).replace('"§"', '123456789012345.01');
    await refused('POST', '/api/v1/invoices', raw, 'amount', NUMBER);

    const ok = await platform.request('POST', '/api/v1/invoices', { ...body, amount: '123456789012345.01' });
    expect(ok.status).toBe(201);
    const stored = (await platform.db.dataSource.query(`SELECT amount_minor::text AS m FROM invoices WHERE id = $1`, [ok.body.id])) as { m: string }[];
    expect(stored[0]!.m).toBe('12345678901234501');
  });

  test.each([
    ['EUR', '10.001', /EUR amounts have at most 2 decimal places/],
    ['JPY', '100.5', /JPY amounts have at most 0 decimal places/],
    ['KWD', '1.0001', /KWD amounts have at most 3 decimal places/],
    ['EUR', '-10.00', /positive decimal string/],
    ['EUR', '1e3', /positive decimal string/],
  ])('an invoice in %s of "%s" is a field error, never a rounding', async (currency, amount, message) => {
    await refused('POST', '/api/v1/invoices', invoiceBody({ currency, amount }), 'amount', message);
  });

  test('the currency’s own precision is accepted: 3 decimals in KWD, none in JPY', async () => {
    expect((await platform.request('POST', '/api/v1/invoices', invoiceBody({ currency: 'KWD', amount: '10.125' }))).status).toBe(201);
    expect((await platform.request('POST', '/api/v1/invoices', invoiceBody({ currency: 'JPY', amount: '12500' }))).status).toBe(201);
  });

  test('payments: numbers and extra decimals in the payment, an allocation or a deduction', async () => {
    const inv = await createInvoice('500.00');
    const payment = (overrides: Record<string, unknown> = {}, allocation: Record<string, unknown> = {}) => ({
      externalId: uniqueId('PAY'), amount: '100.00', currency: 'EUR', receivedAt: '2026-11-20T09:30:00+01:00',
      allocations: [{ invoiceExternalId: inv.externalId, amount: '100.00', ...allocation }], ...overrides,
    });
    await refused('POST', '/api/v1/payments', payment({ amount: 100 }), 'amount', NUMBER);
    await refused('POST', '/api/v1/payments', payment({}, { amount: 100 }), 'allocations[0].amount', NUMBER);
    await refused('POST', '/api/v1/payments', payment({}, { amount: '99.999' }), 'allocations[0].amount', /at most 2 decimal places/);
    await refused('POST', '/api/v1/payments', payment({}, { deduction: { amount: 5 } }), 'allocations[0].deduction.amount', NUMBER);
    await refused('POST', '/api/v1/payments', payment({}, { deduction: { amount: '5.005' } }), 'allocations[0].deduction.amount', /at most 2 decimal places/);
    expect((await platform.request('POST', '/api/v1/payments', payment())).status).toBe(201);
    // The payment's rescoring runs after the response (PaymentsService): let it land before the next test counts rows.
    await eventually(async () => ((await platform.db.dataSource.query(
      `SELECT count(*)::int AS n FROM customer_scores s JOIN customers c ON c.id = s.customer_id WHERE c.external_id = $1`, [customer.externalId],
    )) as { n: number }[])[0]!.n > 0);
  });

  test('disputes, dispute rules, credit limits, order checks, limit requests and policy bands', async () => {
    const inv = await createInvoice('800.00');
    await refused('POST', '/api/v1/disputes', { invoiceIds: [inv.id], amount: 50, reasonCode: 'price', comment: 'x' }, 'amount', NUMBER);
    await refused('POST', '/api/v1/disputes', { invoiceIds: [inv.id], amount: '50.001', reasonCode: 'price', comment: 'x' }, 'amount', /at most 2 decimal places/);

    const rule = { validatorGroup: 'sales-ops', resolutionHours: 48 };
    await refused('POST', '/api/v1/dispute-rules', { ...rule, minAmount: 10 }, 'minAmount', NUMBER);
    await refused('POST', '/api/v1/dispute-rules', { ...rule, maxAmount: '10.001' }, 'maxAmount', /EUR amounts have at most 2/);
    await refused('POST', '/api/v1/dispute-rules', { ...rule, currency: 'JPY', secondLevelFrom: '1000.5' }, 'secondLevelFrom', /JPY amounts have at most 0/);

    const c = `/api/v1/customers/${customer.externalId}`;
    await refused('PUT', `${c}/credit-limit`, { amount: 5000, currency: 'EUR' }, 'amount', NUMBER);
    await refused('PUT', `${c}/credit-limit`, { amount: '5000.001', currency: 'EUR' }, 'amount', /at most 2 decimal places/);
    await refused('POST', `${c}/order-check`, { amount: 10, currency: 'EUR' }, 'amount', NUMBER);
    await refused('PUT', `${c}/open-orders`, { amount: '1.5', currency: 'JPY' }, 'amount', /JPY amounts have at most 0/);

    const request = { customerExternalId: customer.externalId, amount: '9000.00', currency: 'EUR', reason: 'growth' };
    await refused('POST', '/api/v1/credit-limit-requests', { ...request, amount: 9000 }, 'amount', NUMBER);
    await refused('POST', '/api/v1/credit-limit-requests', { ...request, amount: '9000.123' }, 'amount', /at most 2 decimal places/);

    const policy = (await platform.request('GET', '/api/v1/credit-policy')).body as Record<string, any>;
    delete policy.entity;
    delete policy.source;
    const band = { ...policy, orderCheck: { ...policy.orderCheck, disputesAmountThresholds: { EUR: 10000 } } };
    await refused('PUT', '/api/v1/credit-policy', band, 'orderCheck.disputesAmountThresholds.EUR', NUMBER);
    const decimals = { ...policy, orderCheck: { ...policy.orderCheck, disputesAmountThresholds: { EUR: '10000.005' } } };
    await refused('PUT', '/api/v1/credit-policy', decimals, 'orderCheck.disputesAmountThresholds.EUR', /at most 2 decimal places/);
  });

  test('simulation filters and late-payment terms take strings too', async () => {
    const scenario = await platform.request('POST', '/api/v1/scenarios', {
      name: 'Exact', definition: { steps: [{ key: 'call', trigger: { kind: 'due_date', offsetDays: 1 }, action: 'call_task', channels: [] }] },
    });
    expect(scenario.status).toBe(201);
    await refused('POST', `/api/v1/scenarios/${scenario.body.id}/simulate`, { horizonDays: 10, filter: { minOpenAmount: 5 } }, 'filter.minOpenAmount', NUMBER);
    await refused('POST', `/api/v1/scenarios/${scenario.body.id}/simulate`, { horizonDays: 10, filter: { minOpenAmount: '5.5', currency: 'JPY' } }, 'filter.minOpenAmount', /JPY/);
    await refused('PUT', '/api/v1/entities/default/settings', { latePaymentPenalties: { fixedIndemnity: 40 } }, 'latePaymentPenalties.fixedIndemnity', NUMBER);
  });
});

describe('instants carry an offset, dates exist', () => {
  test('receivedAt without an offset is refused; with Z or an offset it is read as given', async () => {
    const inv = await createInvoice('50.00');
    const payment = (receivedAt: string) => ({
      externalId: uniqueId('PAY'), amount: '10.00', currency: 'EUR', receivedAt, allocations: [{ invoiceExternalId: inv.externalId, amount: '10.00' }],
    });
    for (const bad of ['2026-11-20T09:30:00', '2026-11-20', '2026-11-20 09:30:00Z', '2026-02-30T09:30:00Z', '2026-11-20T24:00:00Z']) {
      await refused('POST', '/api/v1/payments', payment(bad), 'receivedAt', /offset or Z/);
    }
    const ok = await platform.request('POST', '/api/v1/payments', payment('2026-11-20T09:30:00.5+05:30'));
    expect(ok.status).toBe(201);
    expect(ok.body.receivedAt).toBe('2026-11-20T04:00:00.500Z');
  });

  test('a pause’s until, open orders’ asOf and dispute statistics’ bounds', async () => {
    const inv = await createInvoice('70.00');
    await refused('POST', `/api/v1/invoices/${inv.id}/pause`, { reason: 'call', until: '2026-12-01T10:00:00' }, 'until', /offset or Z/);
    await refused('POST', `/api/v1/customers/${customer.externalId}/pause`, { reason: 'call', until: '2026-12-01' }, 'until', /offset or Z/);
    await refused('PUT', `/api/v1/customers/${customer.externalId}/open-orders`, { amount: '10.00', currency: 'EUR', asOf: '2026-02-29T10:00:00Z' }, 'asOf', /offset or Z/);
    const stats = await platform.request('GET', '/api/v1/disputes/stats?from=2026-01-01T00:00:00');
    expect(stats.status).toBe(400);
    expect(stats.body.errors).toEqual([{ field: 'from', messages: [expect.stringMatching(/offset or Z/)] }]);
    expect((await platform.request('GET', '/api/v1/disputes/stats?from=2026-01-01&to=2026-02-01T00:00:00%2B01:00')).status).toBe(200);
  });

  test.each([
    ['issueDate', '2026-02-30'],
    ['dueDate', '2026-13-01'],
    ['dueDate', '2026-1-05'],
    ['issueDate', '2026-11-01T00:00:00Z'],
  ])('an invoice with %s %s is refused', async (field, value) => {
    await refused('POST', '/api/v1/invoices', invoiceBody({ [field]: value }), field, /existing calendar date formatted YYYY-MM-DD/);
  });

  test('a credit limit request’s until must be a real date', async () => {
    await refused('POST', '/api/v1/credit-limit-requests', {
      customerExternalId: customer.externalId, amount: '9000.00', currency: 'EUR', reason: 'season', until: '2027-02-29',
    }, 'until', /existing calendar date/);
  });
});

describe('ids in paths: malformed or unknown, both 404 NOT_FOUND', () => {
  const routes: [string, string, unknown?][] = [
    ['GET', '/api/v1/invoices/:id'],
    ['POST', '/api/v1/invoices/:id/pause', { reason: 'call' }],
    ['POST', '/api/v1/invoices/:id/resume'],
    ['POST', '/api/v1/invoices/:id/checkpoints/s1/decision', { decision: 'approve' }],
    ['GET', '/api/v1/disputes/:id'],
    ['POST', '/api/v1/disputes/:id/info', { comment: 'here' }],
    ['POST', '/api/v1/disputes/:id/decisions', { decision: 'reject', comment: 'no' }],
    ['GET', '/api/v1/dispute-rules/:id'],
    ['DELETE', '/api/v1/dispute-rules/:id'],
    ['PUT', '/api/v1/dispute-rules/:id', { validatorGroup: 'sales-ops', resolutionHours: 48 }],
    ['GET', '/api/v1/scenarios/:id'],
    ['POST', '/api/v1/scenarios/:id/publish', { inFlightPolicy: 'keep_version' }],
    ['GET', '/api/v1/scenarios/:id/versions/1'],
    ['POST', '/api/v1/scenarios/:id/simulate', { horizonDays: 5 }],
    ['GET', '/api/v1/erp-events/:id'],
    ['POST', '/api/v1/erp-events/:id/ack'],
    ['GET', '/api/v1/credit-limit-requests/:id'],
    ['POST', '/api/v1/credit-limit-requests/:id/decisions', { decision: 'reject', comment: 'no' }],
    ['POST', '/api/v1/credit-limit-requests/:id/sales-opinion', { opinion: 'favourable', comment: 'yes' }],
    ['GET', '/api/v1/messages/:id/document'],
    ['GET', '/api/v1/users/:id'],
    ['PATCH', '/api/v1/users/:id', { name: 'Someone' }],
    ['POST', '/api/v1/users/:id/token'],
    ['DELETE', '/api/v1/users/:id/token'],
  ];

  test('every route with an id in its path', async () => {
    const before = await tableCounts();
    const answers: string[] = [];
    for (const [method, path, body] of routes) {
      for (const id of ['not-a-uuid', '1234', `${randomUUID()}x`, randomUUID()]) {
        const res = await platform.request(method, path.replace(':id', id), body);
        answers.push(`${method} ${path} ${id.length === 36 ? 'unknown' : id}: ${res.status} ${res.body?.code}`);
      }
    }
    expect(answers.filter((a) => !a.endsWith(': 404 NOT_FOUND'))).toEqual([]);
    expect(answers).toHaveLength(routes.length * 4);
    expect(await tableCounts()).toEqual(before);
  });
});

describe('NUL characters and null optional fields (found by the fuzzer)', () => {
  test('a NUL in a body string, nested or not, is a 400 naming each field; nothing is written', async () => {
    const res = await refused('POST', '/api/v1/invoices', invoiceBody({ number: 'A\u0000B', customer: { ...customer, name: 'Ex\u0000act' } }), 'number', /NUL character/);
    expect((res.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual(['customer.name', 'number']);
    await refused('POST', '/api/v1/users', { name: 'N\u0000', email: 'nul@exact.example', roles: ['collector'] }, 'name', /NUL character/);
  });

  test('a NUL in a query parameter is a 400 naming it; in a path segment it names nothing (404)', async () => {
    const list = await platform.request('GET', `/api/v1/invoices?q=${encodeURIComponent('a\u0000b')}`);
    expect(list.status).toBe(400);
    expect(list.body.errors).toEqual([{ field: 'q', messages: ['q must not contain the NUL character (U+0000)'] }]);
    const worklist = await platform.request('GET', `/api/v1/worklist?entity=${encodeURIComponent('\u0000x')}&asOf=2026-03-01`);
    expect({ status: worklist.status, field: worklist.body.errors?.[0]?.field }).toEqual({ status: 400, field: 'entity' });
    const before = await tableCounts();
    const pause = await platform.request('POST', `/api/v1/customers/${encodeURIComponent('C\u0000')}/pause`, { reason: 'call' });
    expect({ status: pause.status, code: pause.body.code }).toEqual({ status: 404, code: 'NOT_FOUND' });
    expect(await tableCounts()).toEqual(before);
  });

  test('on the emailed decision pages, a NUL in the comment or the token is refused as a page (HTML), not JSON', async () => {
    const before = await tableCounts();
    const form = await fetch(`${platform.baseUrl}/decisions/not-a-token`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'comment=a%00b',
    });
    expect({ status: form.status, type: form.headers.get('content-type') }).toEqual({ status: 400, type: 'text/html; charset=utf-8' });
    expect(await form.text()).toContain('This comment is not valid');
    const page = await fetch(`${platform.baseUrl}/decisions/a%00b`);
    expect({ status: page.status, type: page.headers.get('content-type') }).toEqual({ status: 404, type: 'text/html; charset=utf-8' });
    expect(await tableCounts()).toEqual(before);
  });

  test('null on an optional field means absent: an invoice with `entity: null` goes to the default entity', async () => {
    const body = invoiceBody({ entity: null });
    const res = await platform.request('POST', '/api/v1/invoices', body);
    expect(res.status).toBe(201);
    const read = await platform.request('GET', `/api/v1/invoices/${res.body.id as string}`);
    expect(read.body.entity).toBe('default');
  });

});
