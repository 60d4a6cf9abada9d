import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { randomInt } from 'node:crypto';
import { writeCamt } from '../support/bank-statements/camt-writer.js';
import { line, type LineModel } from '../support/bank-statements/model.js';
import { createUsers, eventually, isoDateDaysFromToday, startPlatform, uniqueId, type Platform } from '../support/platform.js';

let platform: Platform;
let tokens: Record<string, string>;
beforeAll(async () => {
  platform = await startPlatform();
  ({ tokens } = await createUsers(platform, { cash: ['cash_manager'], collector: ['collector'], credit: ['credit_manager'], sales: ['sales'], cfo: ['cfo'] }));
});
afterAll(async () => {
  await platform?.close();
});

const ACCOUNT = 'FR7630004000120001234567890';
const today = isoDateDaysFromToday(0);
const cents = (amount: string) => BigInt(amount.replace('.', ''));

interface CreatedInvoice { id: string; externalId: string; number: string; workflowId: string }

async function createInvoice(customer: { externalId: string; name: string }, amount: string, number: string, dueInDays = 20): Promise<CreatedInvoice> {
  const externalId = uniqueId('INV');
  const res = await platform.request('POST', '/api/v1/invoices', {
    externalId, number, issueDate: isoDateDaysFromToday(-10), dueDate: isoDateDaysFromToday(dueInDays), amount, currency: 'EUR',
    customer: { ...customer, email: 'ap@customer.example', language: 'fr' },
  });
  expect(res.status).toBe(201);
  return { ...res.body, externalId, number };
}

/** A camt.053 of today on the collection account; each file is new (its id), each movement has its own bank reference. */
function statement(lines: LineModel[]): Buffer {
  return Buffer.from(writeCamt({
    statementId: uniqueId('STMT'), account: ACCOUNT, currency: 'EUR', openingMinor: 100_000n, fromDate: today, toDate: today, entries: lines.map((l) => [l]),
  }, { message: '053', version: 8 }));
}

const credit = (amount: string, partial: Partial<LineModel>) =>
  line({ amountMinor: cents(amount), bookingDate: today, bankReference: uniqueId('B').slice(0, 12), ...partial });

async function importStatement(file: Buffer, token?: string) {
  const res = await fetch(`${platform.baseUrl}/api/v1/bank-statements`, {
    method: 'POST', headers: { authorization: `Bearer ${token ?? tokens.cash}`, 'content-type': 'application/xml' }, body: file,
  });
  return { status: res.status, body: await res.json() as any };
}

const linesOf = async (statementId: string) => (await platform.request('GET', `/api/v1/bank-statements/${statementId}/lines`, undefined, { apiKey: tokens.cash })).body as any[];
const invoice = async (id: string) => (await platform.request('GET', `/api/v1/invoices/${id}`)).body;
const erpEvents = async (type: string, paymentId: string) => platform.db.dataSource.query(
  `SELECT type, data FROM erp_outbox_events WHERE type = $1 AND data->>'paymentId' = $2`, [type, paymentId],
) as Promise<{ type: string; data: any }[]>;
const paymentsOfLine = async (lineId: string) => (await platform.db.dataSource.query(
  'SELECT count(*)::int AS n FROM payments WHERE external_id = $1', [`bank-line:${lineId}`],
))[0].n as number;

describe('cash application', () => {
  test('an imported credit naming its invoice with the exact amount settles it: workflow ends before any reminder, the ERP gets payment.matched; a re-sent file applies nothing twice', async () => {
    const customer = { externalId: uniqueId('CUST'), name: `Durand Frères ${uniqueId('x')}` };
    const number = `F2026-${randomInt(10_000_000, 99_999_999)}`;
    const inv = await createInvoice(customer, '1500.00', number);
    const paid = credit('1500.00', { payerName: 'DURAND FRERES', payerIban: 'FR7610107001011234567890129', remittanceText: `REGLEMENT FACTURE ${number.replace('F', 'FAC ')}` });
    const file = statement([paid]);

    const res = await importStatement(file);
    expect(res.status).toBe(201);
    expect(res.body.matched).toEqual({ auto: 1, suggested: 0, unmatched: 0 });

    const [l] = await linesOf(res.body.id);
    expect(l).toMatchObject({
      status: 'auto_applied', amount: '1500.00', unapplied: '0.00', confidence: 0.98, appliedBy: 'engine',
      customer: { externalId: customer.externalId }, allocations: [{ invoiceExternalId: inv.externalId, invoiceNumber: number, amount: '1500.00' }],
    });
    expect(l.reasons.join(' ')).toContain('add up to the amount exactly');

    // Settled at once: the workflow ends paid without having sent its first reminder (due in 20 days).
    await expect(platform.temporal.workflow.getHandle(inv.workflowId).result()).resolves.toEqual({ status: 'paid', handledSteps: [] });
    expect(await invoice(inv.id)).toMatchObject({ status: 'paid', openAmount: '0.00', nextAction: null });

    const events = await erpEvents('payment.matched', l.paymentId);
    expect(events).toHaveLength(1);
    expect(events[0]!.data).toMatchObject({
      how: 'auto', paymentExternalId: `bank-line:${l.id}`, currency: 'EUR', amount: '1500.00', unapplied: '0.00',
      customer: { externalId: customer.externalId }, allocations: [{ invoiceExternalId: inv.externalId, invoiceNumber: number, amount: '1500.00' }],
      bankLine: { id: l.id, bookingDate: today, payerIban: 'FR7610107001011234567890129' },
    });

    // The bank sends the day again in another file: the movement is known, nothing is applied twice.
    const again = await importStatement(statement([paid]));
    expect(again.body).toMatchObject({ lines: 0, duplicates: 1, matched: { auto: 0, suggested: 0, unmatched: 0 } });
    expect(await paymentsOfLine(l.id)).toBe(1);
    expect(await invoice(inv.id)).toMatchObject({ openAmount: '0.00' });
  });

  test('a confirmation teaches the payer: the next statement from that payer is applied automatically', async () => {
    // Two customers whose invoice numbers read the same once the prefixes are gone: the reference alone names nobody.
    const lambert = { externalId: uniqueId('CUST'), name: `Lambert Industrie ${uniqueId('x')}` };
    const moreau = { externalId: uniqueId('CUST'), name: `Moreau Distribution ${uniqueId('x')}` };
    const [n1, n2] = [randomInt(10_000_000, 49_999_999), randomInt(50_000_000, 99_999_999)];
    const lambert1 = await createInvoice(lambert, '820.00', `F${n1}`);
    const lambert2 = await createInvoice(lambert, '640.00', `F${n2}`);
    await createInvoice(moreau, '820.00', `FAC${n1}`);
    await createInvoice(moreau, '640.00', `FAC${n2}`);
    const payer = { payerName: 'LAMBERT HOLDING', payerIban: 'DE89370400440532013000' };

    const first = await importStatement(statement([credit('820.00', { ...payer, remittanceText: `FACTURE ${n1}` })]));
    expect(first.body.matched).toEqual({ auto: 0, suggested: 0, unmatched: 1 });
    const [waiting] = await linesOf(first.body.id);
    expect(waiting).toMatchObject({ status: 'unmatched', customer: null, allocations: [] });
    expect(waiting.reasons).toEqual(expect.arrayContaining(['the text names invoices of 2 customers', 'payer not identified']));
    // The same reasons coded, for a reader in another language.
    expect(waiting.reasonDetails).toEqual(expect.arrayContaining([
      { code: 'REFERENCES_NAME_SEVERAL_CUSTOMERS', params: { customers: 2 }, text: 'the text names invoices of 2 customers' },
      { code: 'PAYER_NOT_IDENTIFIED', params: {}, text: 'payer not identified' },
    ]));

    const queue = await platform.request('GET', `/api/v1/cash-application/queue?statement=${first.body.id}`, undefined, { apiKey: tokens.collector });
    expect(queue.status).toBe(200);
    expect(queue.body.items.map((i: { id: string }) => i.id)).toEqual([waiting.id]);

    const confirmed = await platform.request('POST', `/api/v1/bank-lines/${waiting.id}/match`,
      { allocations: [{ invoiceExternalId: lambert1.externalId, amount: '820.00' }] }, { apiKey: tokens.cash });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'confirmed', customer: { externalId: lambert.externalId }, allocations: [{ invoiceNumber: `F${n1}`, amount: '820.00' }] });
    expect(await invoice(lambert1.id)).toMatchObject({ status: 'paid', openAmount: '0.00' });
    expect(await erpEvents('payment.matched', confirmed.body.paymentId)).toEqual([expect.objectContaining({ data: expect.objectContaining({ how: 'confirmed' }) })]);

    // Confirming the same again changes nothing.
    const twice = await platform.request('POST', `/api/v1/bank-lines/${waiting.id}/match`,
      { allocations: [{ invoiceExternalId: lambert1.externalId, amount: '820.00' }] }, { apiKey: tokens.cash });
    expect(twice.status).toBe(200);
    expect(twice.body.paymentId).toBe(confirmed.body.paymentId);
    expect(await paymentsOfLine(waiting.id)).toBe(1);

    // Next month, same payer, same kind of reference: the learned IBAN says who paid.
    const second = await importStatement(statement([credit('640.00', { ...payer, remittanceText: `FACTURE ${n2}` })]));
    expect(second.body.matched).toEqual({ auto: 1, suggested: 0, unmatched: 0 });
    const [learned] = await linesOf(second.body.id);
    expect(learned).toMatchObject({ status: 'auto_applied', customer: { externalId: lambert.externalId }, allocations: [{ invoiceExternalId: lambert2.externalId }] });
    expect(learned.reasons[0]).toContain('payer IBAN DE89370400440532013000 is known');
    expect(await invoice(lambert2.id)).toMatchObject({ status: 'paid' });
  });

  test('a confirmation teaches the customer\'s reference style ("FAC 01234" for F12345-01234): the next statement written that way is applied automatically', async () => {
    const customer = { externalId: uniqueId('CUST'), name: `Dupont Outillage ${uniqueId('x')}` };
    // A series ending in zero is the case where a longer tail fits too (see learnStyles).
    const series = `F${randomInt(1_000, 9_999)}0`;
    const [t1, t2] = [String(randomInt(1000, 4999)), String(randomInt(5000, 9999))];
    const first = await createInvoice(customer, '820.00', `${series}-0${t1}`);
    const second = await createInvoice(customer, '640.00', `${series}-0${t2}`);
    // Another invoice of the same amount: without the reference, the amount alone could not choose.
    const lookalike = await createInvoice(customer, '640.00', `${series}-0${String(randomInt(1000, 4999))}`, 30);
    const payer = { payerName: 'DUPONT OUTIL. SERVICE COMPTA', payerIban: `FR76300060000112345${randomInt(10_000_000, 99_999_999)}` };

    // The customer writes only the last group of our numbers: nobody is recognised.
    const one = await importStatement(statement([credit('820.00', { ...payer, remittanceText: `REGLEMENT FAC 0${t1}` })]));
    expect(one.body.matched).toEqual({ auto: 0, suggested: 0, unmatched: 1 });
    const [waiting] = await linesOf(one.body.id);
    const confirmed = await platform.request('POST', `/api/v1/bank-lines/${waiting.id}/match`,
      { allocations: [{ invoiceExternalId: first.externalId, amount: '820.00' }] }, { apiKey: tokens.cash });
    expect(confirmed.status).toBe(200);
    const learned = await platform.db.dataSource.query(`SELECT kind, key FROM cash_payer_links WHERE customer_id = $1 ORDER BY kind`, [confirmed.body.customer.id]);
    expect(learned).toEqual(expect.arrayContaining([{ kind: 'iban', key: payer.payerIban }, { kind: 'style', key: 'tail:5' }]));

    // Next statement, same payer, same way of writing: the style names the invoice among the customer's own, the amount agrees.
    const two = await importStatement(statement([credit('640.00', { ...payer, remittanceText: `REGLEMENT FAC 0${t2}` })]));
    expect(two.body.matched).toEqual({ auto: 1, suggested: 0, unmatched: 0 });
    const [applied] = await linesOf(two.body.id);
    expect(applied).toMatchObject({
      status: 'auto_applied', confidence: 0.98, customer: { externalId: customer.externalId },
      allocations: [{ invoiceExternalId: second.externalId, invoiceNumber: `${series}-0${t2}`, amount: '640.00' }],
    });
    expect(applied.reasons.join(' ')).toContain('the way this customer writes references (the last 5 characters of the number)');
    await expect(platform.temporal.workflow.getHandle(second.workflowId).result()).resolves.toEqual({ status: 'paid', handledSteps: [] });
    expect(await invoice(lookalike.id)).toMatchObject({ status: 'open', openAmount: '640.00' });
    expect(await erpEvents('payment.matched', applied.paymentId)).toEqual([expect.objectContaining({ data: expect.objectContaining({ how: 'auto' }) })]);
  });

  test('unapplied cash shows on the customer account and in the aged balance, and is allocated later to an invoice through the payment path', async () => {
    const customer = { externalId: uniqueId('CUST'), name: `Garnier Bois ${uniqueId('x')}` };
    const paidFirst = await createInvoice(customer, '300.00', `GB-${randomInt(1e6, 9e6)}`);
    const imported = await importStatement(statement([credit('450.00', { payerName: 'GARNIER', remittanceText: `FACTURE ${paidFirst.number}` })]));
    const [l] = await linesOf(imported.body.id);
    const matched = await platform.request('POST', `/api/v1/bank-lines/${l.id}/match`,
      { allocations: [{ invoiceExternalId: paidFirst.externalId, amount: '300.00' }], unapplied: '150.00' }, { apiKey: tokens.cash });
    expect(matched.status).toBe(200);
    const next = await createInvoice(customer, '100.00', `GB-${randomInt(1e6, 9e6)}`);
    const later = await createInvoice(customer, '80.00', `GB-${randomInt(1e6, 9e6)}`, 40);
    const stranger = await createInvoice({ externalId: uniqueId('CUST'), name: 'Somebody Else' }, '100.00', `SE-${randomInt(1e6, 9e6)}`);

    const account = async () => (await platform.request('GET', `/api/v1/customers/${customer.externalId}`, undefined, { apiKey: tokens.credit })).body;
    const aged = async () => {
      const res = await platform.request('GET', '/api/v1/reports/aged-balance?currency=EUR&groupBy=customer', undefined, { apiKey: tokens.credit });
      expect(res.status).toBe(200);
      return { group: res.body.groups.find((g: { key: string }) => g.key === customer.externalId), total: res.body.total };
    };
    const before = await account();
    expect(before.balances).toEqual([{ currency: 'EUR', open: '180.00', overdue: '0.00', openCount: 2, overdueCount: 0, unapplied: '150.00', balance: '30.00' }]);
    expect(before.credits).toEqual([expect.objectContaining({ source: 'bank_line', sourceId: l.id, currency: 'EUR', amount: '150.00', unapplied: '150.00', date: today })]);
    const agedBefore = await aged();
    expect(agedBefore.group).toMatchObject({ current: '180.00', total: '180.00', unapplied: '150.00', net: '30.00' });
    expect(cents(agedBefore.total.total) - cents(agedBefore.total.unapplied)).toBe(cents(agedBefore.total.net));
    // As of yesterday the cash had not arrived: no unapplied credit then.
    const yesterday = await platform.request('GET', `/api/v1/reports/aged-balance?currency=EUR&groupBy=customer&asOf=${isoDateDaysFromToday(-1)}`, undefined, { apiKey: tokens.credit });
    expect(yesterday.body.groups.find((g: { key: string }) => g.key === customer.externalId)).toMatchObject({ total: '480.00', unapplied: '0.00', net: '480.00' });

    const creditId: string = before.credits[0].id;
    const allocate = (body: unknown, token = tokens.cash) => platform.request('POST', `/api/v1/cash-application/unapplied/${creditId}/allocate`, body, { apiKey: token });
    const bad = async (body: unknown, field: string) => {
      const res = await allocate(body);
      expect({ field, status: res.status }).toEqual({ field, status: 400 });
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    };
    await bad({ allocations: [{ invoiceExternalId: stranger.externalId, amount: '100.00' }] }, 'allocations[0].invoiceExternalId');
    await bad({ allocations: [{ invoiceExternalId: next.externalId, amount: '100.00' }, { invoiceExternalId: later.externalId, amount: '80.00' }] }, 'allocations');
    await bad({ allocations: [{ invoiceExternalId: next.externalId, amount: '100.001' }] }, 'allocations[0].amount');
    await bad({ allocations: [{ invoiceExternalId: paidFirst.externalId, amount: '10.00' }] }, 'allocations[0].invoiceExternalId');
    expect((await allocate({ allocations: [{ invoiceExternalId: next.externalId, amount: '100.00' }] }, tokens.sales)).status).toBe(403);
    expect((await platform.request('POST', '/api/v1/cash-application/unapplied/00000000-0000-4000-8000-000000000000/allocate',
      { allocations: [{ invoiceExternalId: next.externalId, amount: '1.00' }] }, { apiKey: tokens.cash })).status).toBe(404);
    expect((await account()).balances[0]).toMatchObject({ open: '180.00', unapplied: '150.00' });

    // A collector allocates it to the next invoice: paid at once, its dunning ends before any reminder, the ERP is told.
    const done = await allocate({ allocations: [{ invoiceExternalId: next.externalId, amount: '100.00' }] }, tokens.collector);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      id: creditId, amount: '150.00', unapplied: '50.00', customer: { externalId: customer.externalId },
      allocations: [{ invoiceExternalId: next.externalId, invoiceNumber: next.number, amount: '100.00', allocatedOn: today }],
    });
    await expect(platform.temporal.workflow.getHandle(next.workflowId).result()).resolves.toEqual({ status: 'paid', handledSteps: [] });
    expect(await invoice(next.id)).toMatchObject({ status: 'paid', openAmount: '0.00' });
    const events = await erpEvents('payment.matched', matched.body.paymentId);
    expect(events.map((e) => e.data.how).sort()).toEqual(['confirmed', 'unapplied']);
    expect(events.find((e) => e.data.how === 'unapplied')!.data).toMatchObject({
      creditId, amount: '100.00', unapplied: '50.00', allocations: [{ invoiceExternalId: next.externalId, amount: '100.00' }],
    });
    const ledger = await platform.db.dataSource.query(`SELECT sum(amount_minor)::text AS open FROM receivable_movements WHERE document_id = $1`, [next.id]);
    expect(ledger).toEqual([{ open: '0' }]);

    expect((await account()).balances).toEqual([{ currency: 'EUR', open: '80.00', overdue: '0.00', openCount: 1, overdueCount: 0, unapplied: '50.00', balance: '30.00' }]);
    expect((await aged()).group).toMatchObject({ total: '80.00', unapplied: '50.00', net: '30.00' });
    // The rest cannot be allocated twice over.
    await bad({ allocations: [{ invoiceExternalId: later.externalId, amount: '60.00' }] }, 'allocations');

    // Unmatching the bank line reverses the whole payment, the later allocation with it.
    const undone = await platform.request('POST', `/api/v1/bank-lines/${l.id}/unmatch`, undefined, { apiKey: tokens.cash });
    expect(undone.status).toBe(200);
    expect(await invoice(next.id)).toMatchObject({ status: 'open', openAmount: '100.00' });
    expect(await invoice(paidFirst.id)).toMatchObject({ status: 'open', openAmount: '300.00' });
    expect((await account()).credits).toEqual([]);
    const [unmatched] = await erpEvents('payment.unmatched', matched.body.paymentId);
    expect(unmatched!.data.allocations).toEqual([
      { invoiceExternalId: paidFirst.externalId, invoiceNumber: paidFirst.number, amount: '300.00' },
      { invoiceExternalId: next.externalId, invoiceNumber: next.number, amount: '100.00', fromUnapplied: true },
    ]);
  });

  test('unapplied cash allocated to an invoice the same line already part-paid adds to that allocation; an unmatch gives the invoice all of it back', async () => {
    const customer = { externalId: uniqueId('CUST'), name: `Lefebvre Froid ${uniqueId('x')}` };
    const inv = await createInvoice(customer, '500.00', `LF-${randomInt(1e6, 9e6)}`);
    const imported = await importStatement(statement([credit('500.00', { payerName: 'LEFEBVRE', remittanceText: 'ACOMPTE' })]));
    const [l] = await linesOf(imported.body.id);
    // The reviewer first puts only 200.00 on the invoice and leaves 300.00 on the account.
    const matched = await platform.request('POST', `/api/v1/bank-lines/${l.id}/match`,
      { allocations: [{ invoiceExternalId: inv.externalId, amount: '200.00' }], unapplied: '300.00' }, { apiKey: tokens.credit });
    expect(matched.status).toBe(200);
    expect(await invoice(inv.id)).toMatchObject({ status: 'open', openAmount: '300.00' });
    const { credits } = (await platform.request('GET', `/api/v1/cash-application/unapplied?customer=${customer.externalId}`, undefined, { apiKey: tokens.cash })).body;
    expect(credits).toEqual([expect.objectContaining({ amount: '300.00', unapplied: '300.00' })]);

    const done = await platform.request('POST', `/api/v1/cash-application/unapplied/${credits[0].id}/allocate`,
      { allocations: [{ invoiceExternalId: inv.externalId, amount: '300.00' }] }, { apiKey: tokens.cash });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ unapplied: '0.00' });
    expect(await invoice(inv.id)).toMatchObject({ status: 'paid', openAmount: '0.00' });
    await expect(platform.temporal.workflow.getHandle(inv.workflowId).result()).resolves.toMatchObject({ status: 'paid' });
    const rows = await platform.db.dataSource.query(`SELECT amount_minor::text AS amount FROM payment_allocations WHERE payment_id = $1`, [matched.body.paymentId]);
    expect(rows).toEqual([{ amount: '50000' }]);
    // Fully allocated: nothing left on the account (no open invoice, no credit: no balance row at all).
    expect((await platform.request('GET', `/api/v1/cash-application/unapplied?customer=${customer.externalId}`, undefined, { apiKey: tokens.cash })).body.credits).toEqual([]);
    const account = (await platform.request('GET', `/api/v1/customers/${customer.externalId}`, undefined, { apiKey: tokens.credit })).body;
    expect([account.balances, account.credits]).toEqual([[], []]);

    expect((await platform.request('POST', `/api/v1/bank-lines/${l.id}/unmatch`, undefined, { apiKey: tokens.cash })).status).toBe(200);
    expect(await invoice(inv.id)).toMatchObject({ status: 'open', openAmount: '500.00' });
    const ledger = await platform.db.dataSource.query(`SELECT sum(amount_minor)::text AS open FROM receivable_movements WHERE document_id = $1`, [inv.id]);
    expect(ledger).toEqual([{ open: '50000' }]);
  });

  test('a review splits a payment, leaves the rest unapplied on the account; unmatch reverses it and dunning resumes', async () => {
    const customer = { externalId: uniqueId('CUST'), name: `Petit Commerce ${uniqueId('x')}` };
    const a = await createInvoice(customer, '300.00', `PC-${randomInt(1e6, 9e6)}`);
    const b = await createInvoice(customer, '200.00', `PC-${randomInt(1e6, 9e6)}`);
    const imported = await importStatement(statement([credit('550.00', { payerName: 'SOMEONE ELSE', remittanceText: 'VIREMENT' })]));
    const [l] = await linesOf(imported.body.id);
    expect(l.status).toBe('unmatched');

    const bad = async (body: unknown, field: string) => {
      const res = await platform.request('POST', `/api/v1/bank-lines/${l.id}/match`, body, { apiKey: tokens.cash });
      expect({ field, status: res.status }).toEqual({ field, status: 400 });
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    };
    await bad({ allocations: [{ invoiceExternalId: a.externalId, amount: '300.00' }] }, 'allocations');
    await bad({ allocations: [{ invoiceExternalId: a.externalId, amount: 300 }], unapplied: '250.00' }, 'allocations[0].amount');
    await bad({ allocations: [{ invoiceExternalId: a.externalId, amount: '350.00' }], unapplied: '200.00' }, 'allocations[0].amount');
    await bad({ allocations: [{ invoiceExternalId: 'NOPE', amount: '550.00' }] }, 'allocations[0].invoiceExternalId');
    const other = await createInvoice({ externalId: uniqueId('CUST'), name: 'Another Customer' }, '250.00', `AC-${randomInt(1e6, 9e6)}`);
    await bad({ allocations: [{ invoiceExternalId: a.externalId, amount: '300.00' }, { invoiceExternalId: other.externalId, amount: '250.00' }] }, 'allocations[1].invoiceExternalId');
    await bad({ allocations: [{ invoiceExternalId: a.externalId, amount: '300.00' }], unapplied: '250.00', writeOff: { amount: '1.00', reasonCode: 'nope' } }, 'writeOff.reasonCode');
    expect(await paymentsOfLine(l.id)).toBe(0);
    expect((await platform.request('POST', `/api/v1/bank-lines/${l.id}/match`, { allocations: [{ invoiceExternalId: a.externalId, amount: '300.00' }], unapplied: '250.00' }, { apiKey: tokens.collector })).status).toBe(403);

    const split = await platform.request('POST', `/api/v1/bank-lines/${l.id}/match`, {
      allocations: [{ invoiceExternalId: a.externalId, amount: '300.00' }, { invoiceExternalId: b.externalId, amount: '200.00' }], unapplied: '50.00',
    }, { apiKey: tokens.cash });
    expect(split.status).toBe(200);
    expect(split.body).toMatchObject({ status: 'confirmed', unapplied: '50.00' });
    await expect(platform.temporal.workflow.getHandle(a.workflowId).result()).resolves.toMatchObject({ status: 'paid' });
    const unapplied = await platform.request('GET', `/api/v1/cash-application/unapplied?customer=${customer.externalId}`, undefined, { apiKey: tokens.collector });
    expect(unapplied.body).toMatchObject({ totals: [{ currency: 'EUR', amount: '50.00', credits: 1, oldestReceivedOn: today }], credits: [{ bankLineId: l.id, amount: '50.00' }] });

    // Queue filters: confirmed lines of this customer within an amount range, one per page.
    const page = await platform.request('GET', `/api/v1/cash-application/queue?status=confirmed,auto_applied&customer=${customer.externalId}&currency=EUR&minAmount=500&maxAmount=600.00&limit=1`, undefined, { apiKey: tokens.cash });
    expect(page.body).toMatchObject({ items: [{ id: l.id }], nextCursor: null });
    expect((await platform.request('GET', '/api/v1/cash-application/queue?minAmount=5', undefined, { apiKey: tokens.cash })).status).toBe(400);

    const undone = await platform.request('POST', `/api/v1/bank-lines/${l.id}/unmatch`, undefined, { apiKey: tokens.cash });
    expect(undone.status).toBe(200);
    expect(undone.body).toMatchObject({ status: 'unmatched', paymentId: null });
    expect(await invoice(a.id)).toMatchObject({ status: 'open', openAmount: '300.00' });
    expect(await invoice(b.id)).toMatchObject({ status: 'open', openAmount: '200.00' });
    expect(await paymentsOfLine(l.id)).toBe(0);
    // The receivables ledger follows: each invoice's movements add up to its open amount again.
    const ledger = await platform.db.dataSource.query(
      `SELECT document_id AS id, sum(amount_minor)::text AS open FROM receivable_movements WHERE document_id = ANY($1::uuid[]) GROUP BY document_id`,
      [[a.id, b.id]],
    );
    expect(Object.fromEntries(ledger.map((r: { id: string; open: string }) => [r.id, r.open]))).toEqual({ [a.id]: '30000', [b.id]: '20000' });
    expect((await platform.request('GET', `/api/v1/cash-application/unapplied?customer=${customer.externalId}`)).body).toMatchObject({ totals: [], credits: [] });
    expect(await erpEvents('payment.unmatched', split.body.paymentId)).toHaveLength(1);
    // Dunning resumes: the paid invoice's workflow runs again with its open amount back.
    const state = await eventually(async () => {
      const s = await platform.temporal.workflow.getHandle(a.workflowId).query<{ status: string; openAmountMinor: string }>('dunningState').catch(() => null);
      return s?.status === 'open' ? s : null;
    });
    expect(state.openAmountMinor).toBe('30000');
    expect((await platform.request('POST', `/api/v1/bank-lines/${l.id}/unmatch`, undefined, { apiKey: tokens.cash })).status).toBe(409);

    // Applied again, correctly this time.
    const again = await platform.request('POST', `/api/v1/bank-lines/${l.id}/match`, {
      allocations: [{ invoiceExternalId: a.externalId, amount: '300.00' }], unapplied: '250.00',
    }, { apiKey: tokens.cash });
    expect(again.status).toBe(200);
    expect(await paymentsOfLine(l.id)).toBe(1);
    expect(await invoice(b.id)).toMatchObject({ status: 'open', openAmount: '200.00' });
  });

  test('a short payment is suggested with its shortfall; confirmed with a write-off it opens a deduction dispute; another currency is refused', async () => {
    const customer = { externalId: uniqueId('CUST'), name: `Roux Distribution ${uniqueId('x')}` };
    const number = `RX-${randomInt(1e6, 9e6)}`;
    const inv = await createInvoice(customer, '1000.00', number);
    const imported = await importStatement(statement([credit('990.00', { payerName: 'ROUX', remittanceText: `FACT ${number}` })]));
    expect(imported.body.matched).toEqual({ auto: 0, suggested: 1, unmatched: 0 });
    const [l] = await linesOf(imported.body.id);
    expect(l).toMatchObject({ status: 'suggested', confidence: 0.8, shortfall: '10.00', allocations: [{ invoiceExternalId: inv.externalId, amount: '990.00' }] });
    expect(await invoice(inv.id)).toMatchObject({ status: 'open', openAmount: '1000.00' });

    const dollars = await platform.request('POST', '/api/v1/invoices', {
      externalId: uniqueId('INV'), number: `RXU-${randomInt(1e6, 9e6)}`, issueDate: isoDateDaysFromToday(-10), dueDate: isoDateDaysFromToday(20),
      amount: '990.00', currency: 'USD', customer: { ...customer, email: 'ap@customer.example', language: 'fr' },
    });
    const refused = await platform.request('POST', `/api/v1/bank-lines/${l.id}/match`, { allocations: [{ invoiceExternalId: dollars.body.externalId, amount: '990.00' }] }, { apiKey: tokens.cash });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([{ field: 'allocations[0].invoiceExternalId', messages: ['invoice is in USD, the bank line in EUR'] }]);

    const tooMuch = await platform.request('POST', `/api/v1/bank-lines/${l.id}/match`, {
      allocations: [{ invoiceExternalId: inv.externalId, amount: '990.00' }], writeOff: { amount: '10.01', reasonCode: 'deduction' },
    }, { apiKey: tokens.cash });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.errors[0].field).toBe('writeOff.amount');

    const confirmed = await platform.request('POST', `/api/v1/bank-lines/${l.id}/match`, {
      allocations: [{ invoiceExternalId: inv.externalId, amount: '990.00' }], writeOff: { amount: '10.00', reasonCode: 'price' },
    }, { apiKey: tokens.cash });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'confirmed', writeOff: { invoiceExternalId: inv.externalId, amount: '10.00', reasonCode: 'price' } });
    expect(await invoice(inv.id)).toMatchObject({ openAmount: '10.00' });
    const deductions = await platform.db.dataSource.query(`SELECT type, reason_code FROM disputes WHERE source_key LIKE $1`, [`payment:%:bank-line:${l.id}:%`]);
    expect(deductions).toEqual([{ type: 'deduction', reason_code: 'price' }]);
    expect((await erpEvents('payment.matched', confirmed.body.paymentId))[0]!.data.writeOff).toEqual({ invoiceExternalId: inv.externalId, amount: '10.00', reasonCode: 'price' });
  });

  test('concurrent confirmations of one line apply it once; other allocations while applied are a conflict', async () => {
    const customer = { externalId: uniqueId('CUST'), name: `Garnier Bâtiment ${uniqueId('x')}` };
    const inv = await createInvoice(customer, '420.00', `GB-${randomInt(1e6, 9e6)}`);
    const imported = await importStatement(statement([credit('420.00', { payerName: 'INCONNU', remittanceText: 'VIR' })]));
    const [l] = await linesOf(imported.body.id);
    const body = { allocations: [{ invoiceExternalId: inv.externalId, amount: '420.00' }] };
    const results = await Promise.all([1, 2, 3].map(() => platform.request('POST', `/api/v1/bank-lines/${l.id}/match`, body, { apiKey: tokens.cash })));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(new Set(results.map((r) => r.body.paymentId)).size).toBe(1);
    expect(await paymentsOfLine(l.id)).toBe(1);
    expect(await invoice(inv.id)).toMatchObject({ status: 'paid', openAmount: '0.00' });
    const other = await platform.request('POST', `/api/v1/bank-lines/${l.id}/match`,
      { allocations: [{ invoiceExternalId: inv.externalId, amount: '400.00' }], unapplied: '20.00' }, { apiKey: tokens.cash });
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('BANK_LINE_ALREADY_APPLIED');
  });

  test('the queue pages with a cursor and refuses a forged one', async () => {
    const imported = await importStatement(statement([
      credit('11.00', { payerName: 'NOBODY ONE' }), credit('12.00', { payerName: 'NOBODY TWO' }), credit('13.00', { payerName: 'NOBODY THREE' }),
    ]));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { status: number; body: any } = await platform.request('GET', `/api/v1/cash-application/queue?statement=${imported.body.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`, undefined, { apiKey: tokens.cash });
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((i: { amount: string }) => i.amount));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual(['11.00', '12.00', '13.00']);
    expect((await platform.request('GET', '/api/v1/cash-application/queue?cursor=garbage', undefined, { apiKey: tokens.cash })).status).toBe(400);
  });

  test('a credit that is no customer payment is ignored out of the queue, and can be put back', async () => {
    const imported = await importStatement(statement([credit('75.30', { payerName: 'FOURNISSEUR AVOIR', remittanceText: 'REMBOURSEMENT TROP PERCU' })]));
    const [l] = await linesOf(imported.body.id);
    const inQueue = async () => (await platform.request('GET', `/api/v1/cash-application/queue?statement=${imported.body.id}`, undefined, { apiKey: tokens.cash })).body.items.length;
    expect(await inQueue()).toBe(1);
    expect((await platform.request('POST', `/api/v1/bank-lines/${l.id}/ignore`, undefined, { apiKey: tokens.collector })).status).toBe(403);
    const ignored = await platform.request('POST', `/api/v1/bank-lines/${l.id}/ignore`, undefined, { apiKey: tokens.cash });
    expect(ignored.body).toMatchObject({ status: 'ignored', paymentId: null });
    expect(ignored.body.reasons.at(-1)).toMatch(/^ignored by /);
    expect(ignored.body.reasonDetails.at(-1)).toMatchObject({ code: 'LINE_IGNORED', params: { by: expect.any(String) } });
    expect(await inQueue()).toBe(0);
    expect((await platform.request('POST', `/api/v1/bank-lines/${l.id}/match`, { allocations: [{ invoiceExternalId: 'X', amount: '75.30' }] }, { apiKey: tokens.cash })).status).toBe(409);
    const back = await platform.request('POST', `/api/v1/bank-lines/${l.id}/unmatch`, undefined, { apiKey: tokens.cash });
    expect(back.body).toMatchObject({ status: 'unmatched' });
    expect(await inQueue()).toBe(1);
  });

  test('roles: cash and credit managers decide, collectors read, others are refused', async () => {
    const lineId = '00000000-0000-4000-8000-000000000000';
    const status = async (method: string, path: string, token: string, body?: unknown) => (await platform.request(method, path, body, { apiKey: token })).status;
    for (const who of ['cash', 'credit', 'collector']) expect({ who, status: await status('GET', '/api/v1/cash-application/queue', tokens[who]!) }).toEqual({ who, status: 200 });
    for (const who of ['sales', 'cfo']) expect({ who, status: await status('GET', '/api/v1/cash-application/queue', tokens[who]!) }).toEqual({ who, status: 403 });
    for (const who of ['cash', 'credit']) {
      expect({ who, status: await status('POST', `/api/v1/bank-lines/${lineId}/match`, tokens[who]!, {}) }).toEqual({ who, status: 400 });
      expect({ who, status: await status('POST', `/api/v1/bank-lines/${lineId}/unmatch`, tokens[who]!) }).toEqual({ who, status: 404 });
    }
    for (const who of ['collector', 'sales', 'cfo']) {
      expect({ who, status: await status('POST', `/api/v1/bank-lines/${lineId}/match`, tokens[who]!, {}) }).toEqual({ who, status: 403 });
      expect({ who, status: await status('POST', `/api/v1/bank-lines/${lineId}/unmatch`, tokens[who]!) }).toEqual({ who, status: 403 });
    }
    expect(await status('GET', '/api/v1/cash-application/unapplied', tokens.sales!)).toBe(403);
    for (const who of ['cash', 'credit', 'collector']) {
      expect({ who, status: await status('POST', `/api/v1/cash-application/unapplied/${lineId}/allocate`, tokens[who]!, {}) }).toEqual({ who, status: 400 });
    }
    for (const who of ['sales', 'cfo']) {
      expect({ who, status: await status('POST', `/api/v1/cash-application/unapplied/${lineId}/allocate`, tokens[who]!, {}) }).toEqual({ who, status: 403 });
    }
  });
});
