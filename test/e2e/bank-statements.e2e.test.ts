import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { createUsers, startPlatform, TEST_API_KEY, type Platform } from '../support/platform.js';

let platform: Platform;
let tokens: Record<string, string>;
beforeAll(async () => {
  platform = await startPlatform({ worker: false });
  ({ tokens } = await createUsers(platform, { cash: ['cash_manager'], collector: ['collector'] }));
});
afterAll(async () => {
  await platform?.close();
});

const fixture = (name: string) => readFileSync(new URL(`../fixtures/bank-statements/${name}`, import.meta.url));

async function upload(body: Buffer | FormData, options: { type?: string; query?: string; token?: string } = {}) {
  const headers: Record<string, string> = { authorization: `Bearer ${options.token ?? TEST_API_KEY}` };
  if (options.type) headers['content-type'] = options.type;
  const res = await fetch(`${platform.baseUrl}/api/v1/bank-statements${options.query ?? ''}`, { method: 'POST', headers, body });
  return { status: res.status, body: await res.json() as any };
}

const rows = async () => (await platform.db.dataSource.query(
  'SELECT (SELECT count(*) FROM bank_statements)::int AS statements, (SELECT count(*) FROM bank_lines)::int AS lines',
))[0] as { statements: number; lines: number };

describe('bank statement import', () => {
  test('a CFONB 120 file (CP850, octet-stream) is imported with its balances, credits and debits; its lines are listed', async () => {
    const res = await upload(fixture('cfonb120-complements.txt'), { type: 'application/octet-stream', token: tokens.cash });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String), format: 'cfonb120', account: '300040012300012345678', currency: 'EUR', from: '2026-12-01', to: '2026-12-03',
      openingBalance: '12500.00', closingBalance: '17117.99', lines: 4, duplicates: 0,
      credits: { count: 3, amount: '4630.49' }, debits: { count: 1, amount: '-12.50' },
      matched: { auto: 0, suggested: 0, unmatched: 3 },
    });
    const lines = await platform.request('GET', `/api/v1/bank-statements/${res.body.id}/lines`, undefined, { apiKey: tokens.cash });
    expect(lines.status).toBe(200);
    expect(lines.body).toHaveLength(4);
    expect(lines.body[0]).toMatchObject({
      position: 1, sourceLine: 2, amount: '3180.50', currency: 'EUR', direction: 'credit', bookingDate: '2026-12-02', valueDate: '2026-12-02',
      payerName: 'SOCIÉTÉ GÉNÉRALE DES ÉTABLISSEMENTS MARTIN & FILS', payerIban: 'FR7630006000011234567890189', payerBic: null,
      references: { structured: null, creditor: null, endToEnd: 'MARTIN-PAY-2026-1202', bank: '0000101' },
      remittanceText: 'VIR SEPA RECU FACTURES F2026-00123 / F2026-00124 + F2026-00131 REGLEMENT DECEMBRE ÉCHÉANCE 30/11',
      bankTransactionCode: '05/0158', reversal: false, returnReason: null, status: 'unmatched',
    });
    expect(lines.body[0].rawRecord.split('\n')).toHaveLength(6);
    expect(lines.body[2]).toMatchObject({ amount: '-12.50', direction: 'debit', status: 'ignored' });
    expect(lines.body[3].references).toMatchObject({ creditor: 'RF18539007547034' });
    const page = await platform.request('GET', `/api/v1/bank-statements/${res.body.id}/lines?limit=2&offset=2`);
    expect(page.body.map((l: { position: number }) => l.position)).toEqual([3, 4]);
  });

  test('the same file twice is refused; an overlapping file stores only the movements not seen yet', async () => {
    const file = fixture('mt940-two-days.sta');
    const first = await upload(file, { type: 'text/plain' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ format: 'mt940', from: '2026-12-30', to: '2027-01-02', openingBalance: '5000.00', closingBalance: '5230.00', lines: 4, duplicates: 0, matched: { unmatched: 2 } });
    const before = await rows();

    const again = await upload(file, { type: 'application/octet-stream' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'STATEMENT_ALREADY_IMPORTED', statementId: first.body.id });
    expect(await rows()).toEqual(before);

    // The bank re-sends the second day alone: a new file, but its two movements are already known.
    const text = file.toString('latin1');
    const secondDay = Buffer.from(text.slice(text.indexOf('{1:', 10)), 'latin1');
    const overlap = await upload(secondDay, { type: 'application/octet-stream' });
    expect(overlap.status).toBe(201);
    expect(overlap.body).toMatchObject({ from: '2026-12-31', to: '2027-01-02', lines: 0, duplicates: 2, credits: { count: 0, amount: '0.00' }, matched: { unmatched: 0 } });
    expect(await rows()).toEqual({ statements: before.statements + 1, lines: before.lines });
    expect((await platform.request('GET', `/api/v1/bank-statements/${overlap.body.id}/lines`)).body).toEqual([]);
  });

  test('camt.053 as a multipart upload and camt.054 as text/plain', async () => {
    const form = new FormData();
    form.append('file', new Blob([fixture('camt053-v02-batch.xml')]), 'statement.xml');
    const stmt = await upload(form);
    expect(stmt.status).toBe(201);
    expect(stmt.body).toMatchObject({
      format: 'camt.053', account: 'FR7630004000120001234567890', openingBalance: '10000.00', closingBalance: '13850.50',
      lines: 4, credits: { count: 3, amount: '4100.50' }, debits: { count: 1, amount: '-250.00' }, matched: { auto: 0, suggested: 0, unmatched: 3 },
    });
    const lines = (await platform.request('GET', `/api/v1/bank-statements/${stmt.body.id}/lines`)).body;
    expect(lines.map((l: any) => [l.amount, l.payerName, l.status])).toEqual([
      ['1500.00', 'Durand Frères SA', 'unmatched'], ['900.00', 'Lambert Industrie', 'unmatched'],
      ['1700.50', 'Martin Holding', 'unmatched'], ['-250.00', 'Petit Commerce', 'ignored'],
    ]);
    expect(lines[3]).toMatchObject({ reversal: true, returnReason: 'AC04' });

    const notification = await upload(fixture('camt054-v08.xml'), { type: 'text/plain; charset=utf-8' });
    expect(notification.status).toBe(201);
    expect(notification.body).toMatchObject({ format: 'camt.054', openingBalance: null, closingBalance: null, lines: 1, credits: { count: 1, amount: '731.40' } });
  });

  test('an unbalanced statement is refused with the difference, a malformed one with its line and field; nothing is written', async () => {
    const before = await rows();
    const text = fixture('mt940-two-days.sta').toString('latin1');
    const unbalanced = await upload(Buffer.from(text.replace(':62F:C261231EUR6154,56', ':62F:C261231EUR6154,50'), 'latin1'), { type: 'text/plain' });
    expect(unbalanced.status).toBe(422);
    expect(unbalanced.body).toMatchObject({ code: 'STATEMENT_UNBALANCED', mismatches: [{ line: 2, openingBalance: '5000.00', movements: '1154.56', closingBalance: '6154.50', difference: '-0.06' }] });
    expect(unbalanced.body.message).toContain('-0.06 EUR');

    const malformed = await upload(Buffer.from(text.replace(':61:2612311231D80,00', ':61:2612311231D80.00'), 'latin1'), { type: 'text/plain' });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ code: 'STATEMENT_MALFORMED', errors: [{ field: 'file', line: 10, recordField: ':61:' }] });
    expect(malformed.body.message).toContain('line 10');

    const neither = await upload(Buffer.from('not a statement'), { type: 'text/plain' });
    expect(neither.status).toBe(400);
    expect(await rows()).toEqual(before);
  });

  test('roles, entity, content type and empty multipart are checked', async () => {
    const file = fixture('camt054-v08.xml');
    expect((await upload(file, { type: 'application/octet-stream', token: tokens.collector })).status).toBe(403);
    expect((await platform.request('GET', '/api/v1/bank-statements/00000000-0000-0000-0000-000000000000/lines', undefined, { apiKey: tokens.collector })).status).toBe(403);
    const unknownEntity = await upload(file, { type: 'application/octet-stream', query: '?entity=nope' });
    expect(unknownEntity.status).toBe(400);
    expect(unknownEntity.body.errors[0].field).toBe('entity');
    expect((await upload(file, { type: 'application/octet-stream', query: '?encoding=ebcdic' })).status).toBe(400);
    expect((await upload(Buffer.from('{"a":1}'), { type: 'application/json' })).status).toBe(415);
    const emptyForm = new FormData();
    emptyForm.append('other', 'x');
    const noFile = await upload(emptyForm);
    expect(noFile.status).toBe(400);
    expect(noFile.body.errors[0].field).toBe('file');
    expect((await platform.request('GET', '/api/v1/bank-statements/not-a-uuid/lines')).status).toBe(404);
  });
});
