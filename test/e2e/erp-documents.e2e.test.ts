/**
 * ERP documents through the real API, worker, Temporal dev server and
 * PostgreSQL: cancellation (addressed by the ERP's external id), credit
 * notes, write-offs with their approval, payment terms. Each write is
 * idempotent where the ERP retries, refused with field errors when wrong
 * (changing nothing), and closed to roles that have no business there.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { withContractChecks } from '../support/openapi-contract.js';
import { createIntegration, createUsers, eventually, isoDateDaysFromToday, startPlatform, uniqueId, type Platform } from '../support/platform.js';

let platform: Platform;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  // Every answer below must match its documented status and schema.
  platform = withContractChecks(await startPlatform());
  tokens.erp = (await createIntegration(platform)).token;
  Object.assign(tokens, (await createUsers(platform, { cm: ['credit_manager'], fm: ['finance_manager'], collector: ['collector'] })).tokens);
});
afterAll(async () => {
  await platform?.close();
});

const as = (who: string, method: string, path: string, body?: unknown) => platform.request(method, path, body, { apiKey: tokens[who]! });
const ext = (externalId: string) => `ext:${encodeURIComponent(externalId)}`;
const invoice = async (ref: string) => (await as('collector', 'GET', `/api/v1/invoices/${ref}`)).body;
const count = async (sql: string) => (await platform.db.dataSource.query(`SELECT count(*)::int AS n FROM ${sql}`))[0].n as number;

async function createInvoice(amount: string, options: { customer?: string; currency?: string; extra?: Record<string, unknown> } = {}) {
  const externalId = uniqueId('INV/2026');
  const customer = options.customer ?? uniqueId('CUST');
  const res = await as('erp', 'POST', '/api/v1/invoices', {
    externalId, number: externalId, issueDate: isoDateDaysFromToday(-10), dueDate: isoDateDaysFromToday(20), amount,
    currency: options.currency ?? 'EUR', customer: { externalId: customer, name: 'Dupont SA', email: 'ap@dupont.example' }, ...options.extra,
  });
  expect(res.status).toBe(201);
  return { id: res.body.id as string, externalId, workflowId: res.body.workflowId as string, customer };
}

describe('cancellation', () => {
  test('the ERP cancels by its own id: 200, idempotent, the workflow ends and the timeline says why', async () => {
    const inv = await createInvoice('800.00');
    const first = await as('erp', 'POST', `/api/v1/invoices/${ext(inv.externalId)}/cancel`, { reason: 'Issued twice' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ id: inv.id, externalId: inv.externalId, status: 'cancelled', reason: 'Issued twice', cancelledOpenAmount: '800.00' });
    const again = await as('erp', 'POST', `/api/v1/invoices/${inv.id}/cancel`, { reason: 'Issued twice' });
    expect([again.status, again.body]).toEqual([200, first.body]);

    await expect(platform.temporal.workflow.getHandle(inv.workflowId).result()).resolves.toMatchObject({ status: 'cancelled' });
    const view = await invoice(ext(inv.externalId));
    expect(view).toMatchObject({ id: inv.id, status: 'cancelled', openAmount: '0.00', nextAction: null });
    expect(view.timeline.filter((e: { type: string }) => e.type === 'invoice_cancelled')).toEqual([
      expect.objectContaining({ reason: 'Issued twice', cancelledOpenAmount: '800.00' }),
    ]);
    const stopped = await eventually(async () => (await invoice(inv.id)).timeline.find((e: { type: string }) => e.type === 'dunning_stopped'));
    expect(stopped).toMatchObject({ reason: 'cancelled', cause: { kind: 'cancellation', reason: 'Issued twice' } });
  });

  test('bad input, unknown invoices, settled invoices and other roles change nothing', async () => {
    const inv = await createInvoice('120.00');
    const path = `/api/v1/invoices/${ext(inv.externalId)}/cancel`;
    const blank = await as('erp', 'POST', path, { reason: '  ' });
    expect([blank.status, blank.body.errors.map((e: { field: string }) => e.field)]).toEqual([400, ['reason']]);
    expect((await as('erp', 'POST', path, {})).status).toBe(400);
    expect((await as('collector', 'POST', path, { reason: 'x' })).status).toBe(403);
    expect((await as('cm', 'POST', path, { reason: 'x' })).status).toBe(403);
    expect((await as('erp', 'POST', `/api/v1/invoices/${ext('NOPE')}/cancel`, { reason: 'x' })).status).toBe(404);
    expect((await as('erp', 'POST', `${path}?entity=nowhere`, { reason: 'x' })).status).toBe(404);
    expect((await as('erp', 'POST', '/api/v1/invoices/not-an-id/cancel', { reason: 'x' })).status).toBe(404);
    expect(await invoice(inv.id)).toMatchObject({ status: 'open', openAmount: '120.00' });

    const paid = await as('erp', 'POST', '/api/v1/payments', {
      externalId: uniqueId('PAY'), amount: '120.00', currency: 'EUR', receivedAt: '2026-11-20T09:30:00+01:00',
      allocations: [{ invoiceExternalId: inv.externalId, amount: '120.00' }],
    });
    expect(paid.status).toBe(201);
    const refused = await as('erp', 'POST', path, { reason: 'too late' });
    expect([refused.status, refused.body.code]).toEqual([409, 'INVOICE_SETTLED']);
    expect(await invoice(inv.id)).toMatchObject({ status: 'paid' });
  });
});

describe('credit notes', () => {
  const note = (customer: string, allocations: { invoiceExternalId: string; amount: string }[], amount = '300.00', externalId = uniqueId('CN')) => ({
    externalId, number: externalId, customer, issueDate: isoDateDaysFromToday(0), amount, currency: 'EUR', allocations,
  });

  test('allocated parts lower the invoices in one go, the rest is customer credit; a replay is 200, other content 409', async () => {
    const a = await createInvoice('200.00');
    const b = await createInvoice('500.00', { customer: a.customer });
    const body = note(a.customer, [{ invoiceExternalId: a.externalId, amount: '200.00' }, { invoiceExternalId: b.externalId, amount: '50.00' }]);
    const first = await as('erp', 'POST', '/api/v1/credit-notes', body);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ amount: '300.00', unallocatedAmount: '50.00', customer: { externalId: a.customer } });
    expect(first.body.allocations.map((x: { amount: string }) => x.amount).sort()).toEqual(['200.00', '50.00']);
    const again = await as('erp', 'POST', '/api/v1/credit-notes', body);
    expect([again.status, again.body]).toEqual([200, first.body]);
    expect(await invoice(a.id)).toMatchObject({ status: 'paid', openAmount: '0.00' });
    expect(await invoice(b.id)).toMatchObject({ status: 'open', openAmount: '450.00' });
    await expect(platform.temporal.workflow.getHandle(a.workflowId).result()).resolves.toMatchObject({ status: 'paid' });

    const other = await as('erp', 'POST', '/api/v1/credit-notes', { ...body, amount: '301.00' });
    expect([other.status, other.body.code]).toEqual([409, 'CREDIT_NOTE_CONFLICT']);
    expect((await as('collector', 'GET', `/api/v1/credit-notes/${first.body.id}`)).body).toEqual(first.body);
  });

  test('never across customers or currencies, never more than is open: 422 per line, nothing changes', async () => {
    const mine = await createInvoice('100.00');
    const theirs = await createInvoice('100.00');
    const dollars = await createInvoice('100.00', { customer: mine.customer, currency: 'USD' });
    const before = await count('credit_notes');
    const res = await as('erp', 'POST', '/api/v1/credit-notes', note(mine.customer, [
      { invoiceExternalId: mine.externalId, amount: '150.00' },
      { invoiceExternalId: theirs.externalId, amount: '10.00' },
      { invoiceExternalId: dollars.externalId, amount: '10.00' },
      { invoiceExternalId: 'UNKNOWN', amount: '10.00' },
    ], '300.00'));
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'allocations[0].amount', 'allocations[1].invoiceExternalId', 'allocations[2].invoiceExternalId', 'allocations[3].invoiceExternalId',
    ]);
    expect(await count('credit_notes')).toBe(before);
    expect(await invoice(mine.id)).toMatchObject({ openAmount: '100.00' });

    const unknown = await as('erp', 'POST', '/api/v1/credit-notes', note('NO-SUCH-CUSTOMER', []));
    expect([unknown.status, unknown.body.errors]).toEqual([422, [{ field: 'customer', messages: ['unknown customer "NO-SUCH-CUSTOMER"'] }]]);
    const malformed = await as('erp', 'POST', '/api/v1/credit-notes', { ...note(mine.customer, [{ invoiceExternalId: mine.externalId, amount: '90.00' }], '50.00'), issueDate: '2026-02-30' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors.map((e: { field: string }) => e.field)).toEqual(['issueDate']);
    const tooMuch = await as('erp', 'POST', '/api/v1/credit-notes', note(mine.customer, [{ invoiceExternalId: mine.externalId, amount: '90.00' }], '50.00'));
    expect([tooMuch.status, tooMuch.body.errors[0].field]).toEqual([400, 'allocations']);
    const number = await as('erp', 'POST', '/api/v1/credit-notes', { ...note(mine.customer, []), amount: 50 });
    expect([number.status, number.body.errors[0].field]).toEqual([400, 'amount']);
    expect((await as('cm', 'POST', '/api/v1/credit-notes', note(mine.customer, []))).status).toBe(403);
    expect(await count('credit_notes')).toBe(before);
    expect(await invoice(mine.id)).toMatchObject({ openAmount: '100.00' });
  });
});

describe('write-offs', () => {
  test('up to the threshold at once, above it after a finance manager; the ERP is told; roles and bad input refused', async () => {
    const settings = await as('cm', 'PUT', '/api/v1/entities/default/settings', { writeOffApprovalThresholds: [{ currency: 'EUR', amount: '100.00' }] });
    expect([settings.status, settings.body.writeOffApprovalThresholds]).toEqual([200, [{ currency: 'EUR', amount: '100.00' }]]);
    const inv = await createInvoice('1000.00');
    const path = `/api/v1/invoices/${ext(inv.externalId)}/write-off`;

    expect((await as('erp', 'POST', path, { amount: '10.00', reasonCode: 'small_balance', comment: 'x' })).status).toBe(403);
    expect((await as('collector', 'POST', path, { amount: '10.00', reasonCode: 'small_balance', comment: 'x' })).status).toBe(403);
    const bad = await as('cm', 'POST', path, { amount: 10, reasonCode: 'because', comment: '' });
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['amount', 'comment', 'reasonCode']);
    const over = await as('cm', 'POST', path, { amount: '1000.01', reasonCode: 'small_balance', comment: 'x' });
    expect([over.status, over.body.errors[0].field]).toEqual([422, 'amount']);
    expect(await count('write_offs')).toBe(0);

    const small = await as('cm', 'POST', path, { amount: '100.00', reasonCode: 'small_balance', comment: 'Bank fees' });
    expect(small.status).toBe(201);
    expect(small.body).toMatchObject({ status: 'applied', appliedAmount: '100.00', invoice: { id: inv.id, externalId: inv.externalId } });
    expect(await invoice(inv.id)).toMatchObject({ status: 'open', openAmount: '900.00' });

    const rest = await as('cm', 'POST', path, { reasonCode: 'uncollectible', comment: 'Gone' });
    expect(rest.status).toBe(202);
    expect(rest.body).toMatchObject({ status: 'pending_approval', amount: '900.00' });
    const twice = await as('cm', 'POST', path, { reasonCode: 'uncollectible', comment: 'Gone' });
    expect([twice.status, twice.body.code]).toEqual([409, 'WRITE_OFF_PENDING']);
    expect((await as('cm', 'POST', `/api/v1/write-offs/${rest.body.id}/decision`, { decision: 'approve', comment: 'me' })).status).toBe(403);
    // The finance managers' queue holds the waiting one only; the invoice's list holds both, newest first.
    const queue = (await as('fm', 'GET', '/api/v1/write-offs?status=pending_approval')).body;
    expect([queue.total, queue.items.map((w: { id: string }) => w.id)]).toEqual([1, [rest.body.id]]);
    expect(queue.items[0]).toMatchObject({ amount: '900.00', invoice: { id: inv.id, externalId: inv.externalId, number: inv.externalId }, customer: { externalId: inv.customer, name: 'Dupont SA' } });
    const ofInvoice = (await as('collector', 'GET', `/api/v1/write-offs?invoice=${inv.id}`)).body;
    expect(ofInvoice.items.map((w: { id: string; status: string }) => [w.id, w.status])).toEqual([[rest.body.id, 'pending_approval'], [small.body.id, 'applied']]);
    const csv = await platform.request('GET', `/api/v1/write-offs?invoice=${inv.id}&sort=amount`, undefined, { headers: { Accept: 'text/csv' } });
    expect([csv.status, String(csv.body).split('\r\n').slice(1, 3).map((line) => line.split(',')[7])]).toEqual([200, ['100.00', '900.00']]);
    const badFilter = await as('fm', 'GET', '/api/v1/write-offs?invoice=nope&status=waiting');
    expect([badFilter.status, badFilter.body.errors.map((e: { field: string }) => e.field).sort()]).toEqual([400, ['invoice', 'status']]);
    expect((await as('erp', 'GET', '/api/v1/write-offs')).status).toBe(403);
    const approved = await as('fm', 'POST', `/api/v1/write-offs/${rest.body.id}/decision`, { decision: 'approve', comment: 'Provisioned' });
    expect([approved.status, approved.body.status, approved.body.appliedAmount]).toEqual([200, 'applied', '900.00']);
    expect(await invoice(inv.id)).toMatchObject({ status: 'paid', openAmount: '0.00' });
    await expect(platform.temporal.workflow.getHandle(inv.workflowId).result()).resolves.toMatchObject({ status: 'paid' });

    const events = (await as('erp', 'GET', '/api/v1/erp-events?type=invoice.written_off')).body as { data: { writeOffId: string; amount: unknown } }[];
    expect(events.filter((e) => [small.body.id, rest.body.id].includes(e.data.writeOffId)).map((e) => e.data.amount)).toEqual([
      { amount: '100.00', currency: 'EUR' }, { amount: '900.00', currency: 'EUR' },
    ]);
    const closed = await as('cm', 'POST', path, { reasonCode: 'uncollectible', comment: 'again' });
    expect([closed.status, closed.body.code]).toEqual([409, 'INVOICE_NOT_OPEN']);
  });
});

describe('payment terms and method', () => {
  test('carried by invoices and customers, held to French maxima with a 422 per field', async () => {
    const ok = await createInvoice('100.00', { extra: { paymentTerms: '45_days_eom', paymentMethod: 'sepa_direct_debit' } });
    expect(await invoice(ok.id)).toMatchObject({ paymentTerms: '45_days_eom', paymentMethod: 'sepa_direct_debit' });

    const externalId = uniqueId('INV');
    const res = await as('erp', 'POST', '/api/v1/invoices', {
      externalId, number: externalId, issueDate: isoDateDaysFromToday(0), dueDate: isoDateDaysFromToday(90), amount: '100.00', currency: 'EUR',
      paymentTerms: '90_days', paymentMethod: 'cheque',
      customer: { externalId: uniqueId('CUST'), name: 'Late SA', email: 'ap@late.example', paymentTerms: '60_days_eom' },
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('PAYMENT_TERMS_UNLAWFUL');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['paymentTerms', 'dueDate', 'customer.paymentTerms']);
    expect(await count(`invoices WHERE external_id = '${externalId}'`)).toBe(0);
    const unknown = await as('erp', 'POST', '/api/v1/invoices', {
      externalId, number: externalId, issueDate: isoDateDaysFromToday(0), dueDate: isoDateDaysFromToday(30), amount: '100.00', currency: 'EUR',
      paymentTerms: 'net 30', paymentMethod: 'bitcoin', customer: { externalId: uniqueId('CUST'), name: 'X', email: 'ap@x.example' },
    });
    expect([unknown.status, unknown.body.errors.map((e: { field: string }) => e.field).sort()]).toEqual([400, ['paymentMethod', 'paymentTerms']]);
  });
});

describe('the receivables ledger, aged balance, KPIs and customer account follow the ERP documents', () => {
  // In CHF, which no other test here uses, so the reports' totals are this test's alone.
  // Invoices issued 10 days ago, due in 20: A 1000.00 cancelled today, B 500.00 of which 100.00
  // written off today, C 300.00 settled by a 400.00 credit note dated today (100.00 left as credit).
  test('cancellation, write-off and credit note in the ledger, the aged balance of today and yesterday, the KPIs and the account', async () => {
    const settings = await as('cm', 'PUT', '/api/v1/entities/default/settings', {
      writeOffApprovalThresholds: [{ currency: 'EUR', amount: '100.00' }, { currency: 'CHF', amount: '500.00' }],
    });
    expect(settings.status).toBe(200);
    const a = await createInvoice('1000.00', { currency: 'CHF' });
    const b = await createInvoice('500.00', { currency: 'CHF', customer: a.customer });
    const c = await createInvoice('300.00', { currency: 'CHF', customer: a.customer });
    expect((await as('erp', 'POST', `/api/v1/invoices/${ext(a.externalId)}/cancel`, { reason: 'Wrong customer' })).status).toBe(200);
    expect((await as('cm', 'POST', `/api/v1/invoices/${b.id}/write-off`, { amount: '100.00', reasonCode: 'commercial_gesture', comment: 'Late delivery' })).status).toBe(201);
    const cn = await as('erp', 'POST', '/api/v1/credit-notes', {
      externalId: uniqueId('CN'), number: 'AV-CHF-1', customer: a.customer, issueDate: isoDateDaysFromToday(0), amount: '400.00', currency: 'CHF',
      allocations: [{ invoiceExternalId: c.externalId, amount: '300.00' }],
    });
    expect(cn.status).toBe(201);

    // Each document is one movement, in the same transaction as the open amount it changed.
    const rows: { doc: string; type: string; kind: string; amount: string; day: string }[] = await platform.db.dataSource.query(
      `SELECT document_id AS doc, document_type AS type, kind, amount_minor::text AS amount, to_char(effective_date, 'YYYY-MM-DD') AS day
       FROM receivable_movements WHERE currency = 'CHF' ORDER BY id`,
    );
    const today = isoDateDaysFromToday(0);
    const issued = isoDateDaysFromToday(-10);
    expect(rows).toEqual([
      { doc: a.id, type: 'invoice', kind: 'invoice', amount: '100000', day: issued },
      { doc: b.id, type: 'invoice', kind: 'invoice', amount: '50000', day: issued },
      { doc: c.id, type: 'invoice', kind: 'invoice', amount: '30000', day: issued },
      { doc: a.id, type: 'invoice', kind: 'cancellation', amount: '-100000', day: today },
      { doc: b.id, type: 'invoice', kind: 'write_off', amount: '-10000', day: today },
      { doc: c.id, type: 'invoice', kind: 'credit_note', amount: '-30000', day: today },
      { doc: cn.body.id, type: 'credit_note', kind: 'credit_note', amount: '-10000', day: today },
    ]);

    // Today: B's 400.00 not yet due, less the 100.00 of credit (dated today, so current too); A and C are gone.
    const now = await as('cm', 'GET', '/api/v1/reports/aged-balance?currency=CHF&groupBy=customer');
    expect(now.status).toBe(200);
    // The credit note's rest is in the ledger (a negative item), not in the unapplied-cash column.
    expect(now.body.total).toEqual({
      current: '300.00', '1-30': '0.00', '31-60': '0.00', '61-90': '0.00', '91-120': '0.00', '120+': '0.00', total: '300.00', unapplied: '0.00', net: '300.00',
    });
    expect(now.body.groups.map((g: { key: string; total: string }) => [g.key, g.total])).toEqual([[a.customer, '300.00']]);
    // Yesterday nothing had happened yet: 1000 + 500 + 300.
    const yesterday = await as('cm', 'GET', `/api/v1/reports/aged-balance?currency=CHF&asOf=${isoDateDaysFromToday(-1)}`);
    expect(yesterday.body.total.total).toBe('1800.00');

    // Credit sales = 1800 issued − 1000 cancelled − 400 credited = 400; write-offs 100 / 400 = 25 %.
    const kpis = await as('cm', 'GET', `/api/v1/reports/kpis?from=${issued}&to=${today}&currency=CHF`);
    expect(kpis.status).toBe(200);
    expect(kpis.body).toMatchObject({ creditSales: '400.00', arBegin: '0.00', arEnd: '300.00', writeOffRatio: 25 });

    // The account: B open, the credit note's rest as customer credit, the balance net of it.
    const account = await as('cm', 'GET', `/api/v1/customers/${encodeURIComponent(a.customer)}`);
    expect(account.status).toBe(200);
    expect(account.body.balances).toEqual([
      { currency: 'CHF', open: '400.00', overdue: '0.00', openCount: 1, overdueCount: 0, unapplied: '100.00', balance: '300.00' },
    ]);
    expect(account.body.credits).toEqual([
      { id: cn.body.id, source: 'credit_note', sourceId: cn.body.id, reference: 'AV-CHF-1', date: today, currency: 'CHF', amount: '400.00', unapplied: '100.00' },
    ]);

    // The statement follows the same dates: yesterday all three were open, today only what is left of B.
    const statement = async (asOf: string) => {
      const res = await fetch(`${platform.baseUrl}/api/v1/customers/${encodeURIComponent(a.customer)}/statement?asOf=${asOf}`, {
        headers: { authorization: `Bearer ${tokens.cm}`, accept: 'text/csv' },
      });
      expect(res.status).toBe(200);
      const rows = parse(await res.text(), { columns: true }) as Record<string, string>[];
      return rows.map((r) => [r.number, r.paidOrCredited, r.open]);
    };
    expect(await statement(isoDateDaysFromToday(-1))).toEqual([
      [a.externalId, '0.00', '1000.00'], [b.externalId, '0.00', '500.00'], [c.externalId, '0.00', '300.00'], ['TOTAL', '', '1800.00'],
    ].sort((x, y) => (x[0] === 'TOTAL' ? 1 : y[0] === 'TOTAL' ? -1 : x[0]!.localeCompare(y[0]!))));
    expect(await statement(today)).toEqual([[b.externalId, '100.00', '400.00'], ['TOTAL', '', '400.00']]);
  });

  // In SEK, used by no other test. The fuzzer found a 500-free but off-contract answer here: balances
  // and credit sales go below zero when more is credited than sold, and the schema must say so.
  test('more credited than sold: negative credit sales and a negative aged balance, both within the contract', async () => {
    const inv = await createInvoice('100.00', { currency: 'SEK' });
    const cn = await as('erp', 'POST', '/api/v1/credit-notes', {
      externalId: uniqueId('CN'), number: uniqueId('AV-SEK'), customer: inv.customer, issueDate: isoDateDaysFromToday(0), amount: '150.00', currency: 'SEK',
      allocations: [{ invoiceExternalId: inv.externalId, amount: '100.00' }],
    });
    expect(cn.status).toBe(201);
    const today = isoDateDaysFromToday(0);
    const kpis = await as('cm', 'GET', `/api/v1/reports/kpis?from=${today}&to=${today}&currency=SEK`);
    expect(kpis.status).toBe(200);
    expect(kpis.body).toMatchObject({ creditSales: '-150.00', arBegin: '100.00', arEnd: '-50.00' });
    const aged = await as('cm', 'GET', '/api/v1/reports/aged-balance?currency=SEK&groupBy=customer');
    expect(aged.status).toBe(200);
    expect(aged.body.total).toMatchObject({ current: '-50.00', total: '-50.00', unapplied: '0.00', net: '-50.00' });
  });
});
