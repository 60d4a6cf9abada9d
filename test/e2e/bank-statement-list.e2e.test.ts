/**
 * The statements screen's reads against the real API, worker, Temporal and PostgreSQL:
 * imported statements with their lines per status (GET /bank-statements), a statement's
 * lines whatever their status, paged by cursor and filtered (GET /bank-lines?statement=),
 * and how an unmatch shows in both.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { randomInt } from 'node:crypto';
import { writeCamt } from '../support/bank-statements/camt-writer.js';
import { line, type LineModel } from '../support/bank-statements/model.js';
import { createUsers, isoDateDaysFromToday, startPlatform, uniqueId, type Platform } from '../support/platform.js';

let platform: Platform;
let tokens: Record<string, string>;
beforeAll(async () => {
  platform = await startPlatform();
  ({ tokens } = await createUsers(platform, { cash: ['cash_manager'], credit: ['credit_manager'], collector: ['collector'], sales: ['sales'] }));
});
afterAll(async () => {
  await platform?.close();
});

const today = isoDateDaysFromToday(0);
const cents = (amount: string) => BigInt(amount.replace('.', ''));
const movement = (amount: string, partial: Partial<LineModel>) =>
  line({ amountMinor: cents(amount), bookingDate: today, bankReference: uniqueId('B').slice(0, 12), ...partial });

async function importStatement(lines: LineModel[]): Promise<{ id: string; matched: Record<string, number> }> {
  const file = writeCamt({
    statementId: uniqueId('STMT'), account: 'FR7630004000120001234567890', currency: 'EUR', openingMinor: 100_000n, fromDate: today, toDate: today,
    entries: lines.map((l) => [l]),
  }, { message: '053', version: 8 });
  const res = await fetch(`${platform.baseUrl}/api/v1/bank-statements`, {
    method: 'POST', headers: { authorization: `Bearer ${tokens.cash}`, 'content-type': 'application/xml' }, body: file,
  });
  expect(res.status).toBe(201);
  return await res.json() as { id: string; matched: Record<string, number> };
}

const get = (path: string, token = tokens.cash) => platform.request('GET', path, undefined, { apiKey: token });
const fieldsOf = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field);

describe('statements and their lines, whatever their status', () => {
  let statementId: string;
  const customer = { externalId: uniqueId('CUST'), name: `Garnier Outillage ${uniqueId('x')}` };
  const number = `F2026-${randomInt(10_000_000, 99_999_999)}`;
  let invoiceId: string;

  beforeAll(async () => {
    const inv = await platform.request('POST', '/api/v1/invoices', {
      externalId: uniqueId('INV'), number, issueDate: isoDateDaysFromToday(-10), dueDate: isoDateDaysFromToday(20), amount: '1500.00', currency: 'EUR',
      customer: { ...customer, email: 'ap@garnier.example', language: 'fr' },
    });
    expect(inv.status).toBe(201);
    invoiceId = inv.body.id;
    // 1: names its invoice, exact amount (applied by the engine); 2 and 3: nobody's (waiting); 4: a debit (ignored).
    const imported = await importStatement([
      movement('1500.00', { payerName: 'GARNIER OUTILLAGE', remittanceText: `REGLEMENT FACTURE ${number}` }),
      movement('77.00', { payerName: 'INCONNU SARL', remittanceText: 'DIVERS' }),
      movement('12.34', { payerName: 'REMBOURSEMENT ASSURANCE', remittanceText: 'SINISTRE 42' }),
      movement('-25.00', { payerName: 'FOURNISSEUR', remittanceText: 'PRELEVEMENT' }),
    ]);
    expect(imported.matched).toEqual({ auto: 1, suggested: 0, unmatched: 2 });
    statementId = imported.id;
  }, 60_000);

  test('the statement is listed, newest first, with its lines counted per status', async () => {
    const list = await get('/api/v1/bank-statements');
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ limit: 50, nextCursor: null, total: expect.any(Number) });
    expect(list.body.items[0]).toEqual({
      id: statementId, format: 'camt.053', account: 'FR7630004000120001234567890', currency: 'EUR', from: today, to: today,
      openingBalance: '1000.00', closingBalance: '2564.34', lines: 4, duplicates: 0,
      importedAt: expect.stringMatching(/Z$/), importedBy: expect.any(String),
      statuses: { auto_applied: 1, suggested: 0, confirmed: 0, unmatched: 2, ignored: 1 },
    });
    // Also for credit managers; paged by cursor like the other lists.
    const first = await get('/api/v1/bank-statements?limit=1', tokens.credit);
    expect(first.status).toBe(200);
    expect(first.body.items.map((s: { id: string }) => s.id)).toEqual([statementId]);
  });

  test('its lines in file order, with what each was applied to; filtered by status and paged by cursor', async () => {
    const all = await get(`/api/v1/bank-lines?statement=${statementId}`);
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ total: 4, limit: 50, nextCursor: null });
    expect(all.body.items.map((l: { position: number; status: string; amount: string }) => [l.position, l.status, l.amount])).toEqual([
      [1, 'auto_applied', '1500.00'], [2, 'unmatched', '77.00'], [3, 'unmatched', '12.34'], [4, 'ignored', '-25.00'],
    ]);
    expect(all.body.items[0]).toMatchObject({
      payerName: 'GARNIER OUTILLAGE', customer: { externalId: customer.externalId, name: customer.name },
      allocations: [{ invoiceNumber: number, amount: '1500.00' }], appliedBy: 'engine', paymentId: expect.any(String),
    });

    // The reviewer rejects the 12.34 (no customer payment): it is ignored too.
    expect((await platform.request('POST', `/api/v1/bank-lines/${all.body.items[2].id}/ignore`, undefined, { apiKey: tokens.cash })).status).toBe(200);
    const page1 = await get(`/api/v1/bank-lines?statement=${statementId}&status=auto_applied,ignored&limit=2`);
    expect(page1.body).toMatchObject({ total: 3, limit: 2, nextCursor: expect.any(String) });
    expect(page1.body.items.map((l: { position: number }) => l.position)).toEqual([1, 3]);
    const page2 = await get(`/api/v1/bank-lines?statement=${statementId}&status=auto_applied,ignored&limit=2&cursor=${page1.body.nextCursor}`);
    expect(page2.body).toMatchObject({ total: 3, nextCursor: null });
    expect(page2.body.items.map((l: { position: number }) => l.position)).toEqual([4]);
    const newest = await get(`/api/v1/bank-lines?statement=${statementId}&sort=-position&limit=1&total=false`);
    expect(newest.body).toMatchObject({ total: null, items: [{ position: 4 }] });
  });

  test('an unmatched line shows as waiting again, in the lines and in the statement\'s counts, and its invoice is open', async () => {
    const [applied] = (await get(`/api/v1/bank-lines?statement=${statementId}&status=auto_applied`)).body.items;
    expect((await platform.request('GET', `/api/v1/invoices/${invoiceId}`)).body).toMatchObject({ status: 'paid', openAmount: '0.00' });
    const undone = await platform.request('POST', `/api/v1/bank-lines/${applied.id}/unmatch`, undefined, { apiKey: tokens.cash });
    expect(undone.status).toBe(200);

    const waiting = await get(`/api/v1/bank-lines?statement=${statementId}&status=unmatched,suggested`);
    expect(waiting.body.items.map((l: { id: string }) => l.id)).toContain(applied.id);
    expect((await get(`/api/v1/bank-lines?statement=${statementId}&status=auto_applied,confirmed`)).body).toMatchObject({ items: [], total: 0 });
    const [listed] = (await get('/api/v1/bank-statements?limit=1')).body.items;
    expect(listed).toMatchObject({ id: statementId, statuses: { auto_applied: 0, unmatched: 2, ignored: 2 } });
    expect((await platform.request('GET', `/api/v1/invoices/${invoiceId}`)).body).toMatchObject({ status: 'open', openAmount: '1500.00' });
  });

  test('deny by default: collectors and salespeople are refused both lists', async () => {
    for (const token of [tokens.collector, tokens.sales]) {
      expect((await get('/api/v1/bank-statements', token)).status).toBe(403);
      expect((await get(`/api/v1/bank-lines?statement=${statementId}`, token)).status).toBe(403);
    }
  });

  test('bad input is a 400 naming the field', async () => {
    const cases: [string, string][] = [
      ['/api/v1/bank-lines', 'statement'],
      ['/api/v1/bank-lines?statement=not-a-uuid', 'statement'],
      ['/api/v1/bank-lines?statement=00000000-0000-4000-8000-000000000000', 'statement'],
      [`/api/v1/bank-lines?statement=${statementId}&status=paid`, 'status'],
      [`/api/v1/bank-lines?statement=${statementId}&status=unmatched,`, 'status'],
      [`/api/v1/bank-lines?statement=${statementId}&limit=0`, 'limit'],
      [`/api/v1/bank-lines?statement=${statementId}&limit=501`, 'limit'],
      [`/api/v1/bank-lines?statement=${statementId}&sort=amount`, 'sort'],
      [`/api/v1/bank-lines?statement=${statementId}&cursor=garbage`, 'cursor'],
      ['/api/v1/bank-statements?entity=nope', 'entity'],
      ['/api/v1/bank-statements?sort=account', 'sort'],
      ['/api/v1/bank-statements?total=maybe', 'total'],
    ];
    for (const [path, field] of cases) {
      const res = await get(path);
      expect({ path, status: res.status, code: res.body.code, fields: fieldsOf(res.body) }).toEqual({ path, status: 400, code: 'VALIDATION_FAILED', fields: [field] });
    }
    // A cursor is only valid for the sort it was made for.
    const page = await get(`/api/v1/bank-lines?statement=${statementId}&limit=1`);
    const other = await get(`/api/v1/bank-lines?statement=${statementId}&sort=bookingDate&cursor=${page.body.nextCursor}`);
    expect({ status: other.status, fields: fieldsOf(other.body) }).toEqual({ status: 400, fields: ['cursor'] });
  });
});
