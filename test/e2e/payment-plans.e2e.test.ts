/**
 * Payment plans end to end: the real API, worker, Temporal dev server and
 * PostgreSQL. Field errors write nothing; a plan under the entity's approval
 * amount starts at once and holds dunning; one above waits for a credit
 * manager (a collector may not decide, a second decision is a 409); a payment
 * through POST /api/v1/payments is allocated to the instalments.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createUsers, eventually, isoDateDaysFromToday, startPlatform, uniqueId, type Platform } from '../support/platform.js';

describe('payment plans', () => {
  let platform: Platform;
  let tokens: Record<string, string>;
  const customer = uniqueId('CUST');

  beforeAll(async () => {
    platform = await startPlatform({ env: { RELANCE_PAYMENT_PLAN_APPROVAL_ABOVE: 'default=5000.00' } });
    ({ tokens } = await createUsers(platform, { collector: ['collector'], cm: ['credit_manager'], sales: ['sales'] }));
  });
  afterAll(async () => {
    await platform?.close();
  });

  async function invoice(amount: string) {
    const externalId = uniqueId('INV');
    const res = await platform.request('POST', '/api/v1/invoices', {
      externalId, number: externalId, issueDate: isoDateDaysFromToday(-40), dueDate: isoDateDaysFromToday(-10), amount, currency: 'EUR',
      customer: { externalId: customer, name: 'Acme SARL', email: 'ap@acme.example', language: 'fr' },
    });
    expect(res.status).toBe(201);
    return { id: res.body.id as string, externalId };
  }
  const plans = async () => (await platform.db.dataSource.query('SELECT count(*)::int AS n FROM payment_plans'))[0].n as number;
  const fields = (body: { errors: { field: string }[] }) => body.errors.map((e) => e.field).sort();

  test('bad input: 400 per field, nothing written', async () => {
    const inv = await invoice('900.00');
    const before = await plans();
    const shape = await platform.request('POST', '/api/v1/payment-plans', {
      customerExternalId: customer, invoiceExternalIds: [inv.externalId], currency: 'EUR', instalments: 0, firstDueDate: 'soon',
      annualInterestRate: '4.755', fee: 12.5,
    }, { apiKey: tokens.collector });
    expect(shape.status).toBe(400);
    expect(fields(shape.body)).toEqual(['annualInterestRate', 'fee', 'firstDueDate', 'instalments']);
    const rules = await platform.request('POST', '/api/v1/payment-plans', {
      customerExternalId: customer, invoiceExternalIds: [inv.externalId, 'INV-NOPE'], currency: 'EUR', instalments: 3, firstDueDate: isoDateDaysFromToday(0),
    }, { apiKey: tokens.collector });
    expect(rules.status).toBe(400);
    expect(fields(rules.body)).toEqual(['firstDueDate', 'invoiceExternalIds[1]']);
    expect(await plans()).toBe(before);
  });

  test('under the approval amount: active at once, dunning held, exact schedule, payments allocated in order', async () => {
    const inv = await invoice('1000.00');
    const made = await platform.request('POST', '/api/v1/payment-plans', {
      customerExternalId: customer, invoiceExternalIds: [inv.externalId], currency: 'EUR', instalments: 3, firstDueDate: isoDateDaysFromToday(15),
      annualInterestRate: '6', fee: '15.00', note: 'Agreed by phone',
    }, { apiKey: tokens.collector });
    expect(made.status).toBe(201);
    expect(made.body).toEqual({ id: expect.any(String), status: 'active' });
    const view = await platform.request('GET', `/api/v1/payment-plans/${made.body.id}`, undefined, { apiKey: tokens.collector });
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ status: 'active', principal: '1000.00', fee: '15.00', annualInterestRate: '6.00', needsApproval: false, paid: '0.00' });
    const inst = view.body.instalments as { principal: string; fee: string; amount: string; interest: string }[];
    expect(inst.map((i) => i.principal)).toEqual(['333.34', '333.33', '333.33']);
    expect(inst[0]!.fee).toBe('15.00');
    // Every figure adds up exactly.
    const cents = (s: string) => BigInt(s.replace('.', ''));
    expect(inst.reduce((s, i) => s + cents(i.amount), 0n)).toBe(cents(view.body.total));
    expect(cents(view.body.total)).toBe(cents('1000.00') + cents('15.00') + cents(view.body.interest));
    await eventually(async () => (await platform.request('GET', `/api/v1/invoices/${inv.id}`)).body.pauses?.some((p: { reason: string }) => p.reason === `payment-plan:${made.body.id}`));

    const again = await platform.request('POST', '/api/v1/payment-plans', {
      customerExternalId: customer, invoiceExternalIds: [inv.externalId], currency: 'EUR', instalments: 2, firstDueDate: isoDateDaysFromToday(15),
    });
    expect(again.status).toBe(400);
    expect(again.body.errors).toEqual([{ field: 'invoiceExternalIds[0]', messages: [`invoice "${inv.externalId}" is already under payment plan ${made.body.id}`] }]);

    const paid = await platform.request('POST', '/api/v1/payments', {
      externalId: uniqueId('PAY'), amount: '400.00', currency: 'EUR', receivedAt: new Date().toISOString(),
      allocations: [{ invoiceExternalId: inv.externalId, amount: '400.00' }],
    });
    expect(paid.status).toBe(201);
    const after = await platform.request('GET', `/api/v1/payment-plans/${made.body.id}`);
    expect(after.body).toMatchObject({ paid: '400.00' });
    expect(after.body.instalments[0]).toMatchObject({ remaining: '0.00' });
    expect(after.body.instalments[1].paid).toBe((400_00n - cents(inst[0]!.amount)).toString().replace(/(\d{2})$/, '.$1'));
    // The decision route is for plans waiting for approval.
    const decided = await platform.request('POST', `/api/v1/payment-plans/${made.body.id}/decision`, { decision: 'approve', comment: 'ok' }, { apiKey: tokens.cm });
    expect(decided.status).toBe(409);
  });

  test('above the approval amount: pending until a credit manager approves; roles', async () => {
    const inv = await invoice('6000.00');
    const made = await platform.request('POST', '/api/v1/payment-plans', {
      customerExternalId: customer, invoiceExternalIds: [inv.externalId], currency: 'EUR', instalments: 6, firstDueDate: isoDateDaysFromToday(20),
    }, { apiKey: tokens.collector });
    expect(made.status).toBe(201);
    expect(made.body.status).toBe('pending_approval');
    // The credit managers' queue: plans waiting for a decision, oldest first, each with its schedule.
    const waiting = await platform.request('GET', '/api/v1/payment-plans?status=pending_approval', undefined, { apiKey: tokens.cm });
    expect(waiting.status).toBe(200);
    expect(waiting.body.items.map((p: { id: string }) => p.id)).toContain(made.body.id);
    expect(waiting.body.items.every((p: { status: string }) => p.status === 'pending_approval')).toBe(true);
    expect(waiting.body.items.find((p: { id: string }) => p.id === made.body.id)).toMatchObject({ total: '6000.00', needsApproval: true, instalments: expect.any(Array) });
    expect((await platform.request('GET', '/api/v1/payment-plans?status=maybe', undefined, { apiKey: tokens.cm })).status).toBe(400);
    expect((await platform.request('POST', `/api/v1/payment-plans/${made.body.id}/decision`, { decision: 'approve', comment: 'ok' }, { apiKey: tokens.collector })).status).toBe(403);
    const bad = await platform.request('POST', `/api/v1/payment-plans/${made.body.id}/decision`, { decision: 'maybe' }, { apiKey: tokens.cm });
    expect(bad.status).toBe(400);
    expect(fields(bad.body)).toEqual(['comment', 'decision']);
    await eventually(async () => {
      const res = await platform.request('POST', `/api/v1/payment-plans/${made.body.id}/decision`, { decision: 'approve', comment: 'Six months is fine' }, { apiKey: tokens.cm });
      return res.status === 200 && res.body.status === 'active' && res.body;
    });
    const view = await platform.request('GET', `/api/v1/payment-plans/${made.body.id}`);
    expect(view.body).toMatchObject({ status: 'active', needsApproval: true, decisionComment: 'Six months is fine' });
    const stillWaiting = await platform.request('GET', '/api/v1/payment-plans?status=pending_approval', undefined, { apiKey: tokens.cm });
    expect(stillWaiting.body.items.map((p: { id: string }) => p.id)).not.toContain(made.body.id);
    expect((await platform.request('GET', `/api/v1/payment-plans/${made.body.id}`, undefined, { apiKey: tokens.sales })).status).toBe(403);
    expect((await platform.request('POST', '/api/v1/payment-plans', {}, { apiKey: tokens.sales })).status).toBe(403);
    expect((await platform.request('GET', '/api/v1/payment-plans/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});
