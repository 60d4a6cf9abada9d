/**
 * Reports through the API on invoices and payments pushed by the ERP: intake,
 * corrections and payments write the ledger; the aged balance as of a past
 * date ignores what happened after it; a salesperson sees their customers only.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createUsers, isoDateDaysFromToday, startPlatform, uniqueId, type Platform } from '../support/platform.js';

let platform: Platform;
let tokens: Record<string, string>;
let salesEmail: string;
const day = (n: number) => isoDateDaysFromToday(n);

beforeAll(async () => {
  platform = await startPlatform({ worker: false });
  const people = await createUsers(platform, { manager: ['credit_manager'], seller: ['sales'], validator: ['dispute_validator'], cfo: ['cfo'] });
  tokens = people.tokens;
  salesEmail = people.emails.seller!;
});
afterAll(async () => {
  await platform?.close();
});

async function pushInvoice(externalId: string, customer: string, salespersonEmail: string, amount: string, issue: number, due: number) {
  const res = await platform.request('POST', '/api/v1/invoices', {
    externalId, number: externalId, issueDate: day(issue), dueDate: day(due), amount, currency: 'EUR',
    customer: { externalId: customer, name: `Customer ${customer}`, email: 'ap@customer.example', salespersonEmail },
  });
  expect([200, 201]).toContain(res.status);
}

describe('reports on what the ERP pushed', () => {
  const a = uniqueId('INV-A');
  const b = uniqueId('INV-B');
  const pay = { externalId: uniqueId('PAY'), amount: '400.00', currency: 'EUR', receivedAt: `${day(-2)}T12:00:00+01:00`, allocations: [{ invoiceExternalId: a, amount: '400.00' }] };

  beforeAll(async () => {
    // A: 1000 issued 40 days ago, due 10 days ago, to the salesperson's customer; 400 paid two days ago.
    await pushInvoice(a, 'C-OWN', salesEmail, '1000.00', -40, -10);
    expect((await platform.request('POST', '/api/v1/payments', pay)).status).toBe(201);
    // B: 500 issued 5 days ago, due in 25 days, someone else's customer; then corrected today to 600 due in 20 days.
    await pushInvoice(b, 'C-OTHER', 'someone.else@relance.example', '500.00', -5, 25);
    await pushInvoice(b, 'C-OTHER', 'someone.else@relance.example', '600.00', -5, 20);
  });

  test('today: every change is in', async () => {
    const res = await platform.request('GET', '/api/v1/reports/aged-balance?currency=EUR', undefined, { apiKey: tokens.manager });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ asOf: day(0), currency: 'EUR', basis: 'due', buckets: ['current', '1-30', '31-60', '61-90', '91-120', '120+'] });
    // A: 600 ten days late; B: 600 not due.
    expect(res.body.total).toEqual({
      current: '600.00', '1-30': '600.00', '31-60': '0.00', '61-90': '0.00', '91-120': '0.00', '120+': '0.00', total: '1200.00', unapplied: '0.00', net: '1200.00',
    });
    expect(res.body.groups.map((g: { key: string; total: string }) => [g.key, g.total])).toEqual([['C-OTHER', '600.00'], ['C-OWN', '600.00']]);
  });

  test('as of three days ago: neither the payment received since nor today\'s correction counts', async () => {
    const res = await platform.request('GET', `/api/v1/reports/aged-balance?currency=EUR&asOf=${day(-3)}`, undefined, { apiKey: tokens.cfo });
    expect(res.status).toBe(200);
    expect(res.body.total).toMatchObject({ current: '500.00', '1-30': '1000.00', total: '1500.00' });
  });

  test('a retried payment or intake adds nothing to the ledger', async () => {
    const before = await platform.db.dataSource.query(`SELECT count(*)::int AS n FROM receivable_movements`);
    expect((await platform.request('POST', '/api/v1/payments', pay)).status).toBe(200);
    await pushInvoice(b, 'C-OTHER', 'someone.else@relance.example', '600.00', -5, 20);
    expect(await platform.db.dataSource.query(`SELECT count(*)::int AS n FROM receivable_movements`)).toEqual(before);
  });

  test('KPIs over the last 41 days', async () => {
    const res = await platform.request('GET', `/api/v1/reports/kpis?from=${day(-40)}&to=${day(0)}&currency=EUR`, undefined, { apiKey: tokens.manager });
    expect(res.status).toBe(200);
    // Sales 1000 + 500 + 100 (B corrected) = 1600; AR 0 → 1200 of which 600 current; DSO = 1200/1600 × 41 = 30.75.
    expect(res.body).toMatchObject({
      days: 41, creditSales: '1600.00', arBegin: '0.00', arEnd: '1200.00', arEndCurrent: '600.00', overdueAmount: '600.00', overdueCount: 1,
      dso: 30.75, bestPossibleDso: 15.38, add: 15.38, cei: 40, currentShare: 50,
    });
  });

  test('a salesperson sees their own customers only; other roles are refused', async () => {
    const own = await platform.request('GET', '/api/v1/reports/aged-balance?currency=EUR', undefined, { apiKey: tokens.seller });
    expect(own.status).toBe(200);
    expect(own.body.groups.map((g: { key: string }) => g.key)).toEqual(['C-OWN']);
    expect(own.body.total.total).toBe('600.00');
    const kpis = await platform.request('GET', `/api/v1/reports/kpis?from=${day(-40)}&to=${day(0)}&currency=EUR`, undefined, { apiKey: tokens.seller });
    expect(kpis.body).toMatchObject({ creditSales: '1000.00', arEnd: '600.00' });
    expect((await platform.request('GET', '/api/v1/reports/aged-balance?currency=EUR', undefined, { apiKey: tokens.validator })).status).toBe(403);
  });

  test('bad input is a 400 naming the field', async () => {
    const res = await platform.request('GET', '/api/v1/reports/aged-balance?groupBy=region&asOf=2026-02-30', undefined, { apiKey: tokens.manager });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['asOf', 'currency', 'groupBy']);
    const period = await platform.request('GET', '/api/v1/reports/kpis?from=2026-03-01&to=2026-02-01&currency=EUR', undefined, { apiKey: tokens.manager });
    expect(period.status).toBe(400);
    expect(period.body.errors).toEqual([{ field: 'to', messages: ['to must not be before from'] }]);
    const trend = await platform.request('GET', '/api/v1/reports/kpis/trend?months=40&currency=EUR', undefined, { apiKey: tokens.manager });
    expect(trend.status).toBe(400);
  });

  test('the trend lists the last complete months', async () => {
    const res = await platform.request('GET', '/api/v1/reports/kpis/trend?months=2&currency=EUR', undefined, { apiKey: tokens.manager });
    expect(res.status).toBe(200);
    expect(res.body.months).toHaveLength(2);
    expect(res.body.months[1].to).toBe(isoDateDaysFromToday(-Number(day(0).slice(8, 10))));
  });
});
