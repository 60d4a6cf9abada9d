import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { createIntegration, createUsers, isoDateDaysFromToday, startPlatform, type Platform } from '../support/platform.js';
import { withContractChecks } from '../support/openapi-contract.js';

/**
 * Lists on the real stack: filters, sort, cursor pagination stable under inserts, CSV export,
 * need-to-know and bad filters. Dates count from today in Paris (the default entity's zone).
 */
let platform: Platform;
let tokens: Record<string, string>;
let emails: Record<string, string>;

const ALPHA = { externalId: 'C-ALPHA', name: 'Alpha Industries', segment: 'smb', riskClass: 'B' as const };
const BETA = { externalId: 'C-BETA', name: 'Beta & Co, "Quoted"', segment: 'key_account', riskClass: 'D' as const };
const GAMMA = { externalId: 'C-GAMMA', name: '=HYPERLINK("x")', segment: 'smb', riskClass: 'E' as const };

async function push(customer: { externalId: string; name: string; segment: string; riskClass: string }, salespersonEmail: string,
  invoice: { number: string; amount: string; dueInDays: number; issuedDaysAgo?: number; currency?: string }) {
  const res = await platform.request('POST', '/api/v1/invoices', {
    externalId: `X-${invoice.number}`, number: invoice.number, amount: invoice.amount, currency: invoice.currency ?? 'EUR',
    issueDate: isoDateDaysFromToday(-(invoice.issuedDaysAgo ?? 40)), dueDate: isoDateDaysFromToday(invoice.dueInDays),
    customer: { ...customer, email: 'ap@example.com', salespersonEmail },
  }, { apiKey: tokens.erp });
  if (res.status !== 201) throw new Error(`intake ${invoice.number}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

const get = (path: string, who = 'collector') => platform.request('GET', path, undefined, { apiKey: tokens[who] });
const numbers = (body: { items: { number: string }[] }) => body.items.map((i) => i.number);

async function csv(path: string, who = 'collector') {
  const res = await fetch(platform.baseUrl + path, { headers: { authorization: `Bearer ${tokens[who]}`, accept: 'text/csv' } });
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}

const ids: Record<string, string> = {};

beforeAll(async () => {
  // Every answer below must match its documented status and schema.
  platform = withContractChecks(await startPlatform({ worker: false }));
  const people = await createUsers(platform, {
    collector: ['collector'], sales: ['sales'], validator: ['dispute_validator'], otherValidator: ['dispute_validator'],
    manager: ['credit_manager'], cash: ['cash_manager'],
  }, { validator: ['pricing'], otherValidator: ['logistics'] });
  tokens = { ...people.tokens, erp: (await createIntegration(platform)).token };
  emails = people.emails;
  const mine = emails.sales!;
  // Alpha (the salesperson's): overdue F-001, F-002; not yet due F-003. Beta (someone else's): F-004 overdue, F-005 in USD.
  ids.f1 = await push(ALPHA, mine, { number: 'F-001', amount: '1000.00', dueInDays: -30 });
  ids.f2 = await push(ALPHA, mine, { number: 'F-002', amount: '250.50', dueInDays: -5 });
  ids.f3 = await push(ALPHA, mine, { number: 'F-003', amount: '80.00', dueInDays: 10, issuedDaysAgo: 5 });
  ids.f4 = await push(BETA, 'other@relance.example', { number: 'F-004', amount: '5000.00', dueInDays: -60, issuedDaysAgo: 90 });
  ids.f5 = await push(BETA, 'other@relance.example', { number: 'F-005', amount: '700.00', dueInDays: 20, currency: 'USD' });
  ids.f6 = await push(GAMMA, 'other@relance.example', { number: 'F-006', amount: '12.00', dueInDays: -1 });
  // F-004 partly paid; F-003 fully paid.
  for (const [externalId, allocations, amount] of [
    ['P-1', [{ invoiceExternalId: 'X-F-004', amount: '1500.00' }], '1500.00'],
    ['P-2', [{ invoiceExternalId: 'X-F-003', amount: '80.00' }], '80.00'],
    ['P-3', [{ invoiceExternalId: 'X-F-001', amount: '100.00' }], '150.00'],
  ] as const) {
    const res = await platform.request('POST', '/api/v1/payments', {
      externalId, amount, currency: 'EUR', receivedAt: `${isoDateDaysFromToday(-2)}T10:00:00+01:00`, allocations,
    }, { apiKey: tokens.erp });
    expect(res.status).toBe(201);
  }
  expect((await platform.request('POST', '/api/v1/dispute-rules', { reasonCode: 'price', validatorGroup: 'pricing', resolutionHours: 48 })).status).toBe(201);
  const dispute = await platform.request('POST', '/api/v1/disputes', { invoiceIds: [ids.f2], reasonCode: 'price', comment: 'Wrong price' }, { apiKey: tokens.collector });
  expect(dispute.status).toBe(201);
  ids.dispute = dispute.body.id;
  for (const [customerExternalId, amount, who] of [['C-ALPHA', '3000.00', 'sales'], ['C-BETA', '9000.00', 'manager']] as const) {
    const res = await platform.request('POST', '/api/v1/credit-limit-requests', { customerExternalId, amount, currency: 'EUR', reason: 'Growing orders' }, { apiKey: tokens[who] });
    expect(res.status).toBe(201);
  }
}, 120_000);
afterAll(async () => {
  await platform?.close();
});

describe('GET /api/v1/invoices', () => {
  test('default: every invoice by due date, then id; page metadata; amounts as decimal strings', async () => {
    const res = await get('/api/v1/invoices');
    expect(res.status).toBe(200);
    expect(numbers(res.body)).toEqual(['F-004', 'F-001', 'F-002', 'F-006', 'F-003', 'F-005']);
    expect(res.body).toMatchObject({ total: 6, limit: 50, nextCursor: null });
    expect(res.body.items[0]).toMatchObject({
      number: 'F-004', entity: 'default', status: 'open', currency: 'EUR', amount: '5000.00', openAmount: '3500.00',
      dueDate: isoDateDaysFromToday(-60), daysOverdue: 60, disputed: false, collectionStage: 'amicable',
      customer: { externalId: 'C-BETA', name: BETA.name, segment: 'key_account', riskClass: 'D', salespersonEmail: 'other@relance.example' },
    });
    expect(res.body.items.find((i: { number: string }) => i.number === 'F-003')).toMatchObject({ status: 'paid', openAmount: '0.00', daysOverdue: null });
    // total=false skips the count (the fast path for paging through a large list).
    const uncounted = await get('/api/v1/invoices?total=false&limit=2');
    expect(uncounted.body).toMatchObject({ total: null, limit: 2, nextCursor: expect.any(String) });
    expect(numbers(uncounted.body)).toEqual(['F-004', 'F-001']);
  });

  test.each([
    ['status=paid', ['F-003']],
    ['overdue=true', ['F-004', 'F-001', 'F-002', 'F-006']],
    ['overdue=false', ['F-003', 'F-005']],
    ['customer=C-ALPHA', ['F-001', 'F-002', 'F-003']],
    ['segment=smb&overdue=true', ['F-001', 'F-002', 'F-006']],
    ['riskClass=D', ['F-004', 'F-005']],
    [`salesperson=${encodeURIComponent('OTHER@relance.example')}`, ['F-004', 'F-006', 'F-005']],
    ['disputed=true', ['F-002']],
    ['disputed=false&customer=C-ALPHA', ['F-001', 'F-003']],
    [`dueFrom=${isoDateDaysFromToday(-30)}&dueTo=${isoDateDaysFromToday(-1)}`, ['F-001', 'F-002', 'F-006']],
    [`issuedFrom=${isoDateDaysFromToday(-5)}`, ['F-003']],
    ['currency=EUR&amountMin=250.50&amountMax=1000', ['F-001', 'F-002']],
    ['currency=EUR&openAmountMin=3500.00', ['F-004']],
    ['currency=USD', ['F-005']],
    ['collectionStage=litigation', []],
    ['scenario=builtin&customer=C-GAMMA', ['F-006']],
    ['entity=default&q=f-00', ['F-004', 'F-001', 'F-002', 'F-006', 'F-003', 'F-005']],
    ['q=beta%20%26%20co', ['F-004', 'F-005']],
    ['q=100%25', []],
  ])('filter %s', async (filter, expected) => {
    const res = await get(`/api/v1/invoices?${filter}`);
    expect(res.status).toBe(200);
    expect(numbers(res.body)).toEqual(expected);
    expect(res.body.total).toBe(expected.length);
  });

  test('sort whitelist, descending with -', async () => {
    expect(numbers((await get('/api/v1/invoices?sort=-amount&currency=EUR')).body)).toEqual(['F-004', 'F-001', 'F-002', 'F-003', 'F-006']);
    expect(numbers((await get('/api/v1/invoices?sort=-number&limit=2')).body)).toEqual(['F-006', 'F-005']);
    expect(numbers((await get('/api/v1/invoices?sort=openAmount&currency=EUR')).body)).toEqual(['F-003', 'F-006', 'F-002', 'F-001', 'F-004']);
  });

  test('cursor pages are stable while invoices are inserted between requests', async () => {
    const first = await get('/api/v1/invoices?sort=dueDate&limit=2&customer=C-PAGE');
    expect(first.body).toMatchObject({ items: [], total: 0, nextCursor: null });
    const page = { externalId: 'C-PAGE', name: 'Pager SA', segment: 'smb', riskClass: 'C' };
    for (const [n, due] of [['P-10', -10], ['P-20', -8], ['P-30', -6], ['P-40', -4], ['P-50', -2]] as const) {
      await push(page, emails.sales!, { number: n, amount: '10.00', dueInDays: due });
    }
    const p1 = await get('/api/v1/invoices?sort=dueDate&limit=2&customer=C-PAGE');
    expect(numbers(p1.body)).toEqual(['P-10', 'P-20']);
    expect(p1.body.total).toBe(5);
    // Inserted behind the cursor (never shown in later pages) and ahead of it (shown in its place).
    await push(page, emails.sales!, { number: 'P-05', amount: '10.00', dueInDays: -20 });
    await push(page, emails.sales!, { number: 'P-35', amount: '10.00', dueInDays: -5 });
    const p2 = await get(`/api/v1/invoices?sort=dueDate&limit=2&customer=C-PAGE&cursor=${p1.body.nextCursor}`);
    expect(numbers(p2.body)).toEqual(['P-30', 'P-35']);
    expect(p2.body.total).toBe(7);
    const p3 = await get(`/api/v1/invoices?sort=dueDate&limit=2&customer=C-PAGE&cursor=${p2.body.nextCursor}`);
    expect(numbers(p3.body)).toEqual(['P-40', 'P-50']);
    expect(p3.body.nextCursor).toBeNull();
    // Ties on the sort key are broken by id: same due date, every row once.
    for (const n of ['T-1', 'T-2', 'T-3']) await push(page, emails.sales!, { number: n, amount: '10.00', dueInDays: -3 });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { number: string }[]; nextCursor: string | null } } = await get(`/api/v1/invoices?sort=-dueDate&limit=1&customer=C-PAGE${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...numbers(res.body));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen[0]).toBe('P-50');
    expect(seen.slice(1, 4).sort()).toEqual(['T-1', 'T-2', 'T-3']);
    expect(seen.slice(4)).toEqual(['P-40', 'P-35', 'P-30', 'P-20', 'P-10', 'P-05']);
  });

  test('timestamps kept to the microsecond page once each (a cursor carries milliseconds)', async () => {
    const micro = { externalId: 'C-MICRO', name: 'Micro SARL', segment: 'smb', riskClass: 'C' };
    for (const n of ['M-1', 'M-2', 'M-3']) await push(micro, emails.sales!, { number: n, amount: '10.00', dueInDays: -2 });
    // Same millisecond, different microseconds: what now() gives two rows written close together.
    await platform.db.dataSource.query(
      `UPDATE invoices SET created_at = CASE number WHEN 'M-1' THEN '2026-03-01T10:00:00.123100Z'::timestamptz
         WHEN 'M-2' THEN '2026-03-01T10:00:00.123900Z'::timestamptz ELSE '2026-03-01T10:00:00.124000Z'::timestamptz END
       WHERE number IN ('M-1', 'M-2', 'M-3')`,
    );
    for (const sort of ['createdAt', '-createdAt']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res: { body: { items: { number: string }[]; nextCursor: string | null } } = await get(`/api/v1/invoices?sort=${sort}&limit=1&customer=C-MICRO${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...numbers(res.body));
        cursor = res.body.nextCursor;
      } while (cursor && seen.length < 6);
      expect(seen).toHaveLength(3);
      expect([...seen].sort()).toEqual(['M-1', 'M-2', 'M-3']);
      expect(seen[sort === 'createdAt' ? 2 : 0]).toBe('M-3');
    }
  });

  test('a cursor only works with the sort it was made for', async () => {
    const p1 = await get('/api/v1/invoices?sort=dueDate&limit=1');
    const res = await get(`/api/v1/invoices?sort=-amount&limit=1&cursor=${p1.body.nextCursor}`);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'cursor', messages: [expect.stringContaining('sort dueDate')] }]);
  });

  test('CSV export: every matching row, RFC 4180 quoting, formulas defused, same filters and sort', async () => {
    const res = await csv('/api/v1/invoices?customer=C-BETA&sort=-amount');
    expect(res.status).toBe(200);
    expect(res.type).toBe('text/csv; charset=utf-8');
    expect(res.text).toContain('\r\n');
    expect(res.text).toContain('"Beta & Co, ""Quoted"""');
    const rows = parse(res.text, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.number, r.customerName, r.currency, r.amount, r.openAmount, r.dueDate, r.daysOverdue])).toEqual([
      ['F-004', BETA.name, 'EUR', '5000.00', '3500.00', isoDateDaysFromToday(-60), '60'],
      ['F-005', BETA.name, 'USD', '700.00', '700.00', isoDateDaysFromToday(20), '-20'],
    ]);
    const gamma = parse((await csv('/api/v1/invoices?customer=C-GAMMA')).text, { columns: true }) as Record<string, string>[];
    expect(gamma[0]!.customerName).toBe(`'${GAMMA.name}`);
  });

  test('CSV export streams past one batch (walks the cursor)', async () => {
    const bulk = { externalId: 'C-BULK', name: 'Bulk SAS', segment: 'smb', riskClass: 'A' };
    // More rows than one export batch (500), inserted straight in the owner's table for speed.
    await push(bulk, 'x@relance.example', { number: 'B-0000', amount: '1.00', dueInDays: 1 });
    await platform.db.dataSource.query(
      `INSERT INTO invoices (entity_id, customer_id, external_id, number, issue_date, due_date, currency, amount_minor, open_amount_minor, workflow_id, version)
       SELECT entity_id, customer_id, 'XB-' || g, 'B-' || lpad(g::text, 4, '0'), issue_date, due_date, currency, 100, 100, 'wf-bulk-' || g, 1
         FROM invoices, generate_series(1, 1200) g WHERE number = 'B-0000'`,
    );
    const res = await csv('/api/v1/invoices?customer=C-BULK&sort=number');
    const rows = parse(res.text, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(1201);
    expect(new Set(rows.map((r) => r.number)).size).toBe(1201);
    expect(rows.at(-1)!.number).toBe('B-1200');
    const json = await get('/api/v1/invoices?customer=C-BULK&limit=500');
    expect(json.body.items).toHaveLength(500);
    expect(json.body.total).toBe(1201);
  });

  test('need-to-know: a salesperson lists their own customers’ invoices only; validators are refused', async () => {
    const mine = await get('/api/v1/invoices?overdue=true', 'sales');
    expect(mine.status).toBe(200);
    expect(mine.body.items.every((i: { customer: { salespersonEmail: string } }) => i.customer.salespersonEmail === emails.sales)).toBe(true);
    expect(numbers(mine.body)).toEqual(expect.arrayContaining(['F-001', 'F-002']));
    expect(numbers(mine.body)).not.toEqual(expect.arrayContaining(['F-004']));
    expect(numbers(mine.body)).not.toEqual(expect.arrayContaining(['F-006']));
    expect((await get('/api/v1/invoices?customer=C-BETA', 'sales')).body).toMatchObject({ items: [], total: 0 });
    expect((await get('/api/v1/invoices?salesperson=other@relance.example', 'sales')).body.total).toBe(0);
    const exported = parse((await csv('/api/v1/invoices?customer=C-BETA', 'sales')).text, { columns: true });
    expect(exported).toEqual([]);
    expect((await get('/api/v1/invoices', 'validator')).status).toBe(403);
    expect((await platform.request('GET', '/api/v1/invoices', undefined, { apiKey: null })).status).toBe(401);
  });

  test.each([
    ['limit=0', 'limit'],
    ['limit=501', 'limit'],
    ['limit=ten', 'limit'],
    ['sort=customerName', 'sort'],
    ['overdue=maybe', 'overdue'],
    ['dueFrom=2026-02-30', 'dueFrom'],
    ['amountMin=10.00', 'amountMin'],
    ['currency=EUR&amountMin=10.001', 'amountMin'],
    ['currency=EUR&amountMax=12', null],
    ['riskClass=Z', 'riskClass'],
    ['status=lost', 'status'],
    ['cursor=not-a-cursor', 'cursor'],
    ['entity=nowhere', 'entity'],
    ['colour=red', 'colour'],
    ['total=maybe', 'total'],
  ])('bad filter %s → 400 on its field', async (filter, field) => {
    const res = await get(`/api/v1/invoices?${filter}`);
    if (field === null) {
      expect(res.status).toBe(200);
      return;
    }
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });
});

describe('GET /api/v1/payments', () => {
  const refs = (body: { items: { externalId: string }[] }) => body.items.map((p) => p.externalId);

  test('newest received first, with allocations named by invoice and customer', async () => {
    const res = await get('/api/v1/payments', 'cash');
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(3);
    expect(res.body.items.find((p: { externalId: string }) => p.externalId === 'P-3')).toMatchObject({
      currency: 'EUR', amount: '150.00', applied: '100.00', unapplied: '50.00',
      allocations: [{ invoiceId: ids.f1, invoiceExternalId: 'X-F-001', invoiceNumber: 'F-001', customerExternalId: 'C-ALPHA', amount: '100.00' }],
    });
  });

  test.each([
    ['customer=C-ALPHA&sort=amount', ['P-2', 'P-3']],
    ['customer=C-BETA', ['P-1']],
    ['unapplied=true', ['P-3']],
    ['currency=EUR&amountMin=1000', ['P-1']],
    ['q=p-2', ['P-2']],
    [`receivedFrom=${isoDateDaysFromToday(-2)}&receivedTo=${isoDateDaysFromToday(-2)}&sort=amount`, ['P-2', 'P-3', 'P-1']],
    [`receivedFrom=${isoDateDaysFromToday(-1)}`, []],
  ])('filter %s', async (filter, expected) => {
    const res = await get(`/api/v1/payments?${filter}`);
    expect(res.status).toBe(200);
    expect(refs(res.body)).toEqual(expected);
  });

  test('CSV, roles and bad filters', async () => {
    const rows = parse((await csv('/api/v1/payments?sort=amount')).text, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.externalId, r.amount, r.unapplied, r.allocations, r.customerExternalIds])).toEqual([
      ['P-2', '80.00', '0.00', 'F-003 80.00', 'C-ALPHA'],
      ['P-3', '150.00', '50.00', 'F-001 100.00', 'C-ALPHA'],
      ['P-1', '1500.00', '0.00', 'F-004 1500.00', 'C-BETA'],
    ]);
    expect((await get('/api/v1/payments', 'sales')).status).toBe(403);
    expect((await get('/api/v1/payments', 'erp')).status).toBe(200);
    expect((await get('/api/v1/payments?amountMax=10')).status).toBe(400);
    expect((await get('/api/v1/payments?receivedFrom=yesterday')).status).toBe(400);
  });
});

describe('GET /api/v1/disputes', () => {
  test('filters; validators see the disputes of their group only', async () => {
    const all = await get('/api/v1/disputes');
    expect(all.status).toBe(200);
    expect(all.body.items).toEqual([expect.objectContaining({
      id: ids.dispute, status: 'open', reasonCode: 'price', amount: '250.50', currency: 'EUR', validatorGroup: 'pricing',
      customer: { externalId: 'C-ALPHA', name: ALPHA.name }, invoiceIds: [ids.f2],
    })]);
    expect((await get('/api/v1/disputes?status=active&customer=C-ALPHA')).body.total).toBe(1);
    expect((await get('/api/v1/disputes?status=accepted')).body.total).toBe(0);
    expect((await get('/api/v1/disputes?customer=C-BETA')).body.total).toBe(0);
    expect((await get(`/api/v1/disputes?openedFrom=${isoDateDaysFromToday(1)}`)).body.total).toBe(0);
    expect((await get('/api/v1/disputes', 'validator')).body.total).toBe(1);
    expect((await get('/api/v1/disputes', 'otherValidator')).body).toMatchObject({ items: [], total: 0 });
    expect(parse((await csv('/api/v1/disputes', 'otherValidator')).text, { columns: true })).toEqual([]);
    expect((await get('/api/v1/disputes', 'sales')).status).toBe(403);
    expect((await get('/api/v1/disputes?reasonCode=mood')).status).toBe(400);
    const rows = parse((await csv('/api/v1/disputes')).text, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.reasonCode, r.customerExternalId, r.amount])).toEqual([['price', 'C-ALPHA', '250.50']]);
  });
});

describe('GET /api/v1/credit-limit-requests', () => {
  test('filters; a salesperson sees their requests and their customers’ only', async () => {
    const all = await get('/api/v1/credit-limit-requests?sort=amount', 'manager');
    expect(all.status).toBe(200);
    expect(all.body.items.map((r: { customer: { externalId: string }; amount: string }) => [r.customer.externalId, r.amount])).toEqual([
      ['C-ALPHA', '3000.00'], ['C-BETA', '9000.00'],
    ]);
    expect((await get('/api/v1/credit-limit-requests?customer=C-BETA', 'manager')).body.total).toBe(1);
    expect((await get('/api/v1/credit-limit-requests?mine=true', 'manager')).body.items.map((r: { customer: { externalId: string } }) => r.customer.externalId)).toEqual(['C-BETA']);
    expect((await get('/api/v1/credit-limit-requests?status=approved', 'manager')).body.total).toBe(0);
    const sales = await get('/api/v1/credit-limit-requests', 'sales');
    expect(sales.body.items.map((r: { customer: { externalId: string } }) => r.customer.externalId)).toEqual(['C-ALPHA']);
    expect((await get('/api/v1/credit-limit-requests', 'collector')).status).toBe(403);
    expect((await get('/api/v1/credit-limit-requests?status=maybe', 'manager')).status).toBe(400);
    const rows = parse((await csv('/api/v1/credit-limit-requests?sort=-amount', 'manager')).text, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.customerExternalId, r.amount, r.status])).toEqual([['C-BETA', '9000.00', 'pending'], ['C-ALPHA', '3000.00', 'pending']]);
  });
});
