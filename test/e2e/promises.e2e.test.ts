/**
 * Promises to pay end to end: the real API, worker, Temporal dev server and
 * PostgreSQL. Bad input gets field-level 400s and writes nothing; a promise
 * holds its invoice's dunning; a payment through POST /api/v1/payments keeps
 * it at once; list, stats and roles.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createUsers, eventually, isoDateDaysFromToday, startPlatform, uniqueId, type Platform } from '../support/platform.js';

describe('promises to pay', () => {
  let platform: Platform;
  let tokens: Record<string, string>;
  const customer = uniqueId('CUST');

  beforeAll(async () => {
    platform = await startPlatform();
    ({ tokens } = await createUsers(platform, { collector: ['collector'], sales: ['sales'], validator: ['dispute_validator'] }));
  });
  afterAll(async () => {
    await platform?.close();
  });

  async function invoice(amount: string, customerExternalId = customer) {
    const externalId = uniqueId('INV');
    const res = await platform.request('POST', '/api/v1/invoices', {
      externalId, number: externalId, issueDate: isoDateDaysFromToday(-40), dueDate: isoDateDaysFromToday(-10), amount, currency: 'EUR',
      customer: { externalId: customerExternalId, name: 'Acme SARL', email: 'ap@acme.example', language: 'fr' },
    });
    expect(res.status).toBe(201);
    return { id: res.body.id as string, externalId };
  }
  const promises = async () => (await platform.db.dataSource.query('SELECT count(*)::int AS n FROM payment_promises'))[0].n as number;
  const fields = (body: { errors: { field: string }[] }) => body.errors.map((e) => e.field).sort();

  test('bad input: 400 with one message per field, nothing written', async () => {
    const inv = await invoice('1000.00');
    const other = await invoice('10.00', uniqueId('CUST'));
    const before = await promises();
    const shape = await platform.request('POST', '/api/v1/promises', {
      customerExternalId: customer, invoiceExternalIds: [], amount: 500, currency: 'euro', promisedFor: '2026-02-30', channel: 'pigeon',
    }, { apiKey: tokens.collector });
    expect(shape.status).toBe(400);
    expect(fields(shape.body)).toEqual(['amount', 'channel', 'currency', 'invoiceExternalIds', 'promisedFor']);
    expect(shape.body.errors.find((e: { field: string }) => e.field === 'amount').messages.join(' ')).toMatch(/string/);

    const valid = { customerExternalId: customer, invoiceExternalIds: [inv.externalId], amount: '400.00', currency: 'EUR', promisedFor: isoDateDaysFromToday(5), channel: 'phone' };
    const unknownCustomer = await platform.request('POST', '/api/v1/promises', { ...valid, customerExternalId: 'NOPE' });
    expect(unknownCustomer.status).toBe(400);
    expect(unknownCustomer.body.errors).toEqual([{ field: 'customerExternalId', messages: ['unknown customer "NOPE"'] }]);

    const rules = await platform.request('POST', '/api/v1/promises', {
      ...valid, invoiceExternalIds: [inv.externalId, other.externalId, 'INV-NOPE'], promisedFor: isoDateDaysFromToday(-1),
    });
    expect(rules.status).toBe(400);
    expect(fields(rules.body)).toEqual(['invoiceExternalIds[1]', 'invoiceExternalIds[2]', 'promisedFor']);

    const tooMuch = await platform.request('POST', '/api/v1/promises', { ...valid, amount: '1000.01' });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.errors).toEqual([{ field: 'amount', messages: ['exceeds the open amount of the invoices, 1000.00'] }]);
    const decimals = await platform.request('POST', '/api/v1/promises', { ...valid, amount: '1.001' });
    expect(decimals.status).toBe(400);
    expect(fields(decimals.body)).toEqual(['amount']);
    expect(await promises()).toBe(before);
  });

  test('a promise holds dunning; a payment keeps it at once; list, stats, retry, one open promise per invoice', async () => {
    const inv = await invoice('1000.00');
    const body = {
      customerExternalId: customer, invoiceExternalIds: [inv.externalId], amount: '600.00', currency: 'EUR',
      promisedFor: isoDateDaysFromToday(7), channel: 'phone', note: 'Transfer on Friday', externalId: uniqueId('call'),
    };
    const made = await platform.request('POST', '/api/v1/promises', body, { apiKey: tokens.collector });
    expect(made.status).toBe(201);
    expect(made.body).toEqual({ id: expect.any(String), status: 'open' });
    const again = await platform.request('POST', '/api/v1/promises', body, { apiKey: tokens.collector });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(made.body.id);

    const view = await platform.request('GET', `/api/v1/promises/${made.body.id}`, undefined, { apiKey: tokens.collector });
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({
      status: 'open', amount: '600.00', received: '0.00', currency: 'EUR', promisedFor: body.promisedFor, graceBusinessDays: 2,
      channel: 'phone', note: 'Transfer on Friday', invoices: [{ id: inv.id, externalId: inv.externalId }], customer: { externalId: customer },
    });
    await eventually(async () => {
      const i = await platform.request('GET', `/api/v1/invoices/${inv.id}`);
      return i.body.pauses?.some((p: { reason: string }) => p.reason === `promise:${made.body.id}`);
    });

    const second = await platform.request('POST', '/api/v1/promises', { ...body, externalId: undefined, amount: '100.00' });
    expect(second.status).toBe(400);
    expect(second.body.errors).toEqual([{ field: 'invoiceExternalIds[0]', messages: [`invoice "${inv.externalId}" is already under open promise ${made.body.id}`] }]);

    const paid = await platform.request('POST', '/api/v1/payments', {
      externalId: uniqueId('PAY'), amount: '600.00', currency: 'EUR', receivedAt: new Date().toISOString(),
      allocations: [{ invoiceExternalId: inv.externalId, amount: '600.00' }],
    });
    expect(paid.status).toBe(201);
    const kept = await eventually(async () => {
      const p = await platform.request('GET', `/api/v1/promises/${made.body.id}`);
      return p.body.status === 'kept' && p.body;
    });
    expect(kept).toMatchObject({ received: '600.00', keptLate: false, closedAt: expect.any(String) });
    // Dunning resumes on the remaining 400.00.
    await eventually(async () => {
      const i = await platform.request('GET', `/api/v1/invoices/${inv.id}`);
      return i.body.openAmount === '400.00' && i.body.pauses.length === 0;
    });

    const list = await platform.request('GET', `/api/v1/promises?status=kept&customer=${customer}`, undefined, { apiKey: tokens.collector });
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ total: 1, items: [{ id: made.body.id, status: 'kept' }], nextCursor: null });
    const badFilter = await platform.request('GET', '/api/v1/promises?status=maybe&sort=colour');
    expect(badFilter.status).toBe(400);
    expect(fields(badFilter.body)).toEqual(['sort', 'status']);
    const csv = await fetch(`${platform.baseUrl}/api/v1/promises?status=kept&customer=${customer}`, {
      headers: { authorization: `Bearer ${tokens.collector}`, accept: 'text/csv' },
    });
    expect(csv.status).toBe(200);
    expect((await csv.text()).split('\r\n')[1]).toContain(made.body.id);

    const stats = await platform.request('GET', `/api/v1/promises/stats?from=${isoDateDaysFromToday(-1)}&to=${isoDateDaysFromToday(1)}`);
    expect(stats.status).toBe(200);
    const eur = stats.body.currencies.find((c: { currency: string }) => c.currency === 'EUR');
    expect(eur).toMatchObject({ made: 1, kept: 1, keptLate: 0, broken: 0, open: 0, keptRatePercent: '100.0', amountPromised: '600.00', amountReceived: '600.00' });
    const badStats = await platform.request('GET', '/api/v1/promises/stats?from=2026-12-10&to=2026-12-01');
    expect(badStats.status).toBe(400);
    expect(fields(badStats.body)).toEqual(['to']);
  });

  test('roles: collectors and credit managers only; unknown id 404', async () => {
    for (const who of ['sales', 'validator']) {
      expect((await platform.request('GET', '/api/v1/promises', undefined, { apiKey: tokens[who] })).status).toBe(403);
      expect((await platform.request('POST', '/api/v1/promises', {}, { apiKey: tokens[who] })).status).toBe(403);
    }
    expect((await platform.request('GET', '/api/v1/promises', undefined, { apiKey: null })).status).toBe(401);
    expect((await platform.request('GET', '/api/v1/promises/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await platform.request('GET', '/api/v1/promises/nope')).status).toBe(404);
  });
});
