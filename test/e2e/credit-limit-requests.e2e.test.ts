/**
 * Credit-limit requests end to end: the real API, worker, Temporal dev server
 * and PostgreSQL. A salesperson asks, a credit manager counter-offers, a
 * finance director approves, both through the API with their own tokens; the
 * customer's limit changes, the ERP gets its event and the order check that
 * blocked an order now allows it.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createUsers, eventually, isoDateDaysFromToday, startPlatform, TEST_API_KEY, uniqueId, type Platform } from '../support/platform.js';

describe('credit-limit requests', () => {
  let platform: Platform;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const emails: Record<string, string> = {};

  beforeAll(async () => {
    platform = await startPlatform();
    const created = await createUsers(platform, { sales: ['sales'], cm: ['credit_manager'], fd: ['finance_director'], admin: ['admin'] });
    Object.assign(tokens, created.tokens);
    Object.assign(ids, created.ids);
    Object.assign(emails, created.emails);
  });
  afterAll(async () => {
    await platform?.close();
  });

  async function customer(): Promise<string> {
    const externalId = uniqueId('C');
    const invoice = await platform.request('POST', '/api/v1/invoices', {
      externalId: uniqueId('INV'), number: uniqueId('F'),
      // The salesperson's own customer: `sales` checks orders of its own customers only.
      customer: { externalId, name: 'Acme SARL', email: 'ap@acme.example', language: 'fr', salespersonEmail: emails.sales },
      issueDate: isoDateDaysFromToday(-30), dueDate: isoDateDaysFromToday(30), amount: '1000.00', currency: 'EUR',
    });
    expect(invoice.status).toBe(201);
    return externalId;
  }

  const ask = (body: unknown, token: string | null = tokens.sales!) =>
    platform.request('POST', '/api/v1/credit-limit-requests', body, { apiKey: token });
  const decide = (id: string, body: unknown, token: string | null) =>
    platform.request('POST', `/api/v1/credit-limit-requests/${id}/decisions`, body, { apiKey: token });

  const orderCheck = async (customerExternalId: string, amount: string) => {
    const res = await platform.request('POST', `/api/v1/customers/${customerExternalId}/order-check`, { amount, currency: 'EUR' }, { apiKey: tokens.sales! });
    expect(res.status).toBe(200);
    return res.body as { decision: string; limit: string };
  };

  test('request → credit manager counter-offers → finance director approves → limit updated → the order check flips from block to allow', async () => {
    const customerExternalId = await customer();
    // 1 000.00 open against a 500.00 limit: an order of 2 000.00 is blocked.
    expect((await platform.request('PUT', `/api/v1/customers/${customerExternalId}/credit-limit`, { amount: '500.00', currency: 'EUR' })).status).toBe(200);
    expect(await orderCheck(customerExternalId, '2000.00')).toMatchObject({ decision: 'block', limit: '500.00' });

    const created = await ask({ customerExternalId, amount: '50000.00', currency: 'EUR', reason: 'Seasonal orders' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: expect.any(String), status: 'pending', requested: { amount: '50000.00', currency: 'EUR' },
      levels: [
        { level: 1, role: 'credit_manager', state: 'pending' },
        { level: 2, role: 'finance_director', state: 'waiting' },
      ],
      pendingRoles: ['credit_manager'], requester: { userId: ids.sales },
      customerLimit: { amount: '500.00', currency: 'EUR', setByRequestId: null },
    });
    const id = created.body.id as string;
    expect(created.body.pendingApprovers.map((u: { id: string }) => u.id)).toEqual([ids.cm]);

    // The operator key and an admin without the level's role cannot decide; a sales token is not even an approver role.
    expect((await decide(id, { decision: 'approve', comment: 'ok' }, TEST_API_KEY)).body).toMatchObject({ code: 'NOT_A_USER' });
    const byAdmin = await decide(id, { decision: 'approve', comment: 'ok' }, tokens.admin!);
    expect([byAdmin.status, byAdmin.body.code]).toEqual([403, 'NOT_AN_APPROVER']);
    expect((await decide(id, { decision: 'approve', comment: 'ok' }, tokens.sales!)).status).toBe(403);
    const tooHigh = await decide(id, { decision: 'approve', amount: '60000.00', comment: 'more' }, tokens.cm!);
    expect([tooHigh.status, tooHigh.body.code]).toEqual([422, 'AMOUNT_ABOVE_CURRENT']);
    const bad = await decide(id, { decision: 'maybe', amount: 'lots' }, tokens.cm!);
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['amount', 'comment', 'decision']);

    const first = await decide(id, { decision: 'approve', amount: '30000', comment: 'Only 30k for now' }, tokens.cm!);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      status: 'pending', pendingLevel: 2, pendingRoles: ['finance_director'], amountUnderDecision: { amount: '30000.00', currency: 'EUR' },
      decisions: [{ level: 1, role: 'credit_manager', userId: ids.cm, decision: 'approve', amount: { amount: '30000.00' }, comment: 'Only 30k for now' }],
    });
    // One level to go: the order is still blocked.
    expect((await orderCheck(customerExternalId, '2000.00')).decision).toBe('block');
    const second = await decide(id, { decision: 'approve', comment: 'Agreed' }, tokens.fd!);
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({
      status: 'approved', pendingLevel: null, approvedLimit: { amount: '30000.00', currency: 'EUR' },
      customerLimit: { amount: '30000.00', currency: 'EUR', setByRequestId: id },
      levels: [{ state: 'approved' }, { state: 'approved' }],
    });

    expect(await orderCheck(customerExternalId, '2000.00')).toMatchObject({ decision: 'allow', limit: '30000.00' });

    const again = await decide(id, { decision: 'reject', comment: 'late' }, tokens.fd!);
    expect([again.status, again.body.code]).toEqual([409, 'REQUEST_NOT_PENDING']);

    const read = await platform.request('GET', `/api/v1/credit-limit-requests/${id}`, undefined, { apiKey: tokens.sales! });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ status: 'approved', approvedLimit: { amount: '30000.00' }, decisions: [{ level: 1 }, { level: 2 }] });

    const event = await eventually(async () => {
      const events = await platform.request('GET', '/api/v1/erp-events?type=credit_limit.changed');
      return (events.body as { data: { requestId: string } }[]).find((e) => e.data.requestId === id);
    });
    expect(event).toMatchObject({
      type: 'credit_limit.changed',
      data: {
        customer: { externalId: customerExternalId }, limit: { amount: '30000.00', currency: 'EUR' }, change: 'permanent',
        previousLimit: { amount: '500.00', currency: 'EUR' },
      },
    });
  });

  test('bad requests: field errors change nothing; unknown customer and request are 404; collectors may not ask', async () => {
    const count = async () => (await platform.db.dataSource.query('SELECT count(*)::int AS n FROM credit_limit_requests'))[0].n as number;
    const before = await count();
    const bad = await ask({ customerExternalId: '', amount: '-5', currency: 'euro', reason: '', until: '2026-02-30' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['amount', 'currency', 'customerExternalId', 'reason', 'until']);
    const past = await ask({ customerExternalId: await customer(), amount: '100', currency: 'EUR', reason: 'x', until: '2020-01-01' });
    expect([past.status, past.body.errors?.[0]?.field]).toEqual([400, 'until']);
    expect((await ask({ customerExternalId: 'nobody', amount: '100', currency: 'EUR', reason: 'x' })).status).toBe(404);
    expect(await count()).toBe(before);
    expect((await platform.request('GET', '/api/v1/credit-limit-requests/not-a-uuid')).status).toBe(404);

    const collector = await platform.request('POST', '/api/v1/users', { email: `${uniqueId('col')}@relance.example`, name: 'Col', roles: ['collector'] });
    expect((await ask({ customerExternalId: await customer(), amount: '100', currency: 'EUR', reason: 'x' }, collector.body.token)).status).toBe(403);
  });

  test('a rejection leaves the limit as it was; the sales opinion is given once through the API', async () => {
    const customerExternalId = await customer();
    const created = await ask({ customerExternalId, amount: '5000', currency: 'EUR', reason: 'New shop' }, tokens.cm!);
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    for (const [token, code] of [[TEST_API_KEY, 'NOT_A_USER'], [tokens.admin!, 'NOT_SALES']] as const) {
      const refused = await platform.request('POST', `/api/v1/credit-limit-requests/${id}/sales-opinion`, {
        opinion: 'favourable', comment: 'not mine to give',
      }, { apiKey: token });
      expect([refused.status, refused.body.code]).toEqual([403, code]);
    }
    const opinion = await platform.request('POST', `/api/v1/credit-limit-requests/${id}/sales-opinion`, {
      opinion: 'unfavourable', comment: 'Slow payer lately',
    }, { apiKey: tokens.sales! });
    expect(opinion.status).toBe(200);
    expect(opinion.body.salesOpinion).toMatchObject({ opinion: 'unfavourable', comment: 'Slow payer lately', userId: ids.sales });
    const twice = await platform.request('POST', `/api/v1/credit-limit-requests/${id}/sales-opinion`, {
      opinion: 'favourable', comment: 'changed my mind',
    }, { apiKey: tokens.sales! });
    expect([twice.status, twice.body.code]).toEqual([409, 'SALES_OPINION_GIVEN']);

    // The requester is the only credit manager… who may not decide their own request; another one does.
    const own = await decide(id, { decision: 'reject', comment: 'mine' }, tokens.cm!);
    expect([own.status, own.body.code]).toEqual([403, 'OWN_REQUEST']);
    const cm2 = await platform.request('POST', '/api/v1/users', { email: `${uniqueId('cm2')}@relance.example`, name: 'CM 2', roles: ['credit_manager'] });
    const rejected = await decide(id, { decision: 'reject', comment: 'See sales opinion' }, cm2.body.token);
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({
      status: 'rejected', approvedLimit: null, customerLimit: null, levels: [{ state: 'rejected' }],
      decisions: [{ userId: cm2.body.id, decision: 'reject', amount: null }],
    });
  });
});
