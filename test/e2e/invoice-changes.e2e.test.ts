import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { eventually, isoDateDaysFromToday, startPlatform, uniqueId, type Platform } from '../support/platform.js';

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(async () => {
  await platform?.close();
});

function invoicePayload(overrides: Record<string, unknown> = {}) {
  return {
    externalId: uniqueId('INV'),
    number: 'F2026-0100',
    customer: { externalId: uniqueId('CUST'), name: 'Durand Industrie', email: 'compta@durand.example', language: 'fr' },
    issueDate: isoDateDaysFromToday(-10),
    dueDate: isoDateDaysFromToday(20),
    amount: '500.00',
    currency: 'EUR',
    ...overrides,
  };
}

async function count(table: string): Promise<number> {
  const [{ n }] = await platform.db.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`);
  return n;
}

describe('validation', () => {
  test('a malformed invoice gets 400 with field-level messages and nothing is written', async () => {
    const before = await Promise.all(['invoices', 'customers', 'customer_contacts', 'invoice_events'].map(count));
    const res = await platform.request('POST', '/api/v1/invoices', {
      externalId: 'X', number: 'N', customer: { externalId: 'C', name: 'C', email: 'not-an-email', phone: '0612' },
      issueDate: '2026-02-30', dueDate: 'tomorrow', amount: 'ten', currency: 'EURO', colour: 'blue',
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    const fields = res.body.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['amount', 'colour', 'currency', 'customer.email', 'customer.phone', 'dueDate', 'issueDate']);
    expect(await Promise.all(['invoices', 'customers', 'customer_contacts', 'invoice_events'].map(count))).toEqual(before);
  });

  test('business checks are field-level too: decimals per currency, due before issue, unknown entity', async () => {
    const decimals = await platform.request('POST', '/api/v1/invoices', invoicePayload({ amount: '10.005' }));
    expect(decimals.status).toBe(400);
    expect(decimals.body.errors).toEqual([{ field: 'amount', messages: ['EUR amounts have at most 2 decimal places'] }]);

    const dates = await platform.request('POST', '/api/v1/invoices', invoicePayload({ issueDate: '2026-05-02', dueDate: '2026-05-01' }));
    expect(dates.status).toBe(400);
    expect(dates.body.errors[0].field).toBe('dueDate');

    const entity = await platform.request('POST', '/api/v1/invoices', invoicePayload({ entity: 'nowhere' }));
    expect(entity.status).toBe(400);
    expect(entity.body.errors[0].field).toBe('entity');

    const zero = await platform.request('POST', '/api/v1/invoices', invoicePayload({ amount: '0.00' }));
    expect(zero.status).toBe(400);
    expect(await count('invoices')).toBe(0);
  });

  test('a body that is not JSON is a 400', async () => {
    const res = await platform.request('POST', '/api/v1/invoices', '{"externalId":');
    expect(res.status).toBe(400);
  });

  test('unknown and malformed invoice ids are 404', async () => {
    expect((await platform.request('GET', '/api/v1/invoices/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await platform.request('GET', '/api/v1/invoices/not-a-uuid')).status).toBe(404);
    expect((await platform.request('GET', '/api/v1/messages?invoiceId=00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const bad = await platform.request('GET', '/api/v1/messages?invoiceId=nope');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('invoiceId');
  });
});

describe('amounts', () => {
  test('strings are kept exact, numbers are refused; zero-decimal currencies work', async () => {
    const number = await platform.request('POST', '/api/v1/invoices', invoicePayload({ amount: 1250.5 }));
    expect(number.status).toBe(400);
    expect(number.body.errors).toEqual([{ field: 'amount', messages: [expect.stringMatching(/JSON string/)] }]);
    const eur = await platform.request('POST', '/api/v1/invoices', invoicePayload({ amount: '1250.5' }));
    expect(eur.status).toBe(201);
    expect((await platform.request('GET', `/api/v1/invoices/${eur.body.id}`)).body).toMatchObject({ amount: '1250.50', openAmount: '1250.50' });
    const jpy = await platform.request('POST', '/api/v1/invoices', invoicePayload({ amount: '150000', currency: 'JPY' }));
    expect((await platform.request('GET', `/api/v1/invoices/${jpy.body.id}`)).body).toMatchObject({ amount: '150000', currency: 'JPY' });
    const float = await platform.request('POST', '/api/v1/invoices', invoicePayload({ amount: 0.1 + 0.2 }));
    expect(float.status).toBe(400);
  });
});

describe('changes from the ERP', () => {
  test('a new due date updates the invoice and reschedules its workflow', async () => {
    const payload = invoicePayload();
    const created = await platform.request('POST', '/api/v1/invoices', payload);
    expect(created.status).toBe(201);
    const first = await eventually(async () => (await platform.request('GET', `/api/v1/invoices/${created.body.id}`)).body.nextAction);
    expect(first.step).toBe('courtesy_notice');

    const newDue = isoDateDaysFromToday(40);
    const changed = await platform.request('POST', '/api/v1/invoices', { ...payload, dueDate: newDue, amount: '450.00' });
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual(created.body);

    const view = await eventually(async () => {
      const body = (await platform.request('GET', `/api/v1/invoices/${created.body.id}`)).body;
      return body.nextAction && body.nextAction.at !== first.at ? body : null;
    });
    expect(view).toMatchObject({ dueDate: newDue, amount: '450.00', openAmount: '450.00' });
    expect(Date.parse(view.nextAction.at) - Date.parse(first.at)).toBe(20 * 86_400_000);
    const update = view.timeline.find((e: any) => e.type === 'invoice_updated');
    expect(update.changes).toEqual({
      amount: { from: '500.00', to: '450.00' },
      dueDate: { from: payload.dueDate, to: newDue },
    });
    const state = await platform.temporal.workflow.getHandle(created.body.workflowId).query('dunningState');
    expect(state).toMatchObject({ dueDate: newDue, openAmountMinor: '45000' });
  });

  test('the same invoice sent again changes nothing and starts no second workflow', async () => {
    const payload = invoicePayload();
    const created = await platform.request('POST', '/api/v1/invoices', payload);
    const again = await Promise.all([1, 2, 3].map(() => platform.request('POST', '/api/v1/invoices', payload)));
    expect(again.map((r) => r.status)).toEqual([200, 200, 200]);
    for (const r of again) expect(r.body).toEqual(created.body);
    const rows = await platform.db.dataSource.query('SELECT count(*)::int AS n FROM invoices WHERE external_id = $1', [payload.externalId]);
    expect(rows[0].n).toBe(1);
    const events = await platform.db.dataSource.query(
      `SELECT type FROM invoice_events WHERE invoice_id = $1 AND type IN ('invoice_created', 'invoice_updated')`, [created.body.id]);
    expect(events).toEqual([{ type: 'invoice_created' }]);
    const runs = [];
    for await (const wf of platform.temporal.workflow.list({ query: `WorkflowId = '${created.body.workflowId}'` })) runs.push(wf);
    expect(runs).toHaveLength(1);
  });

  test('concurrent first deliveries of one invoice create it once', async () => {
    const payload = invoicePayload();
    const results = await Promise.all([1, 2, 3, 4].map(() => platform.request('POST', '/api/v1/invoices', payload)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 201]);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
  });

  test('a change of currency or customer is a conflict', async () => {
    const payload = invoicePayload();
    await platform.request('POST', '/api/v1/invoices', payload);
    const currency = await platform.request('POST', '/api/v1/invoices', { ...payload, currency: 'USD' });
    expect(currency.status).toBe(409);
    expect(currency.body.code).toBe('INVOICE_CURRENCY_MISMATCH');
    const customer = await platform.request('POST', '/api/v1/invoices', {
      ...payload, customer: { ...payload.customer, externalId: uniqueId('OTHER') },
    });
    expect(customer.status).toBe(409);
  });
});
