/**
 * The ReceivablesLedger migration on a database that already holds invoices and
 * payments: its `down` removes the ledger, its `up` rebuilds it from them —
 * issues on their issue dates, payments on the day received in the entity's zone,
 * the rest (a dispute's credit note, a cancellation) as one movement — so every
 * invoice's ledger balance equals its open amount and past balances are right.
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

let db: TestDatabase;
let ds: DataSource;

beforeAll(async () => {
  db = await createTestDatabase();
  ds = db.dataSource;
});
afterAll(async () => {
  await db?.drop();
});

test('down then up rebuilds a complete ledger from existing invoices and payments', async () => {
  // Undo back to before the ledger: migrations landed after it go too, and come back with it.
  const applied = async () => ((await ds.query(`SELECT name FROM migrations`)) as { name: string }[]).map((r) => r.name);
  while ((await applied()).includes('ReceivablesLedger1796264704430')) await ds.undoLastMigration({ transaction: 'each' });
  expect(await ds.query(`SELECT to_regclass('receivable_movements') AS t`)).toEqual([{ t: null }]);

  const [{ id: entity }] = await ds.query(`INSERT INTO legal_entities (code, name, time_zone) VALUES ('BF', 'BF', 'Europe/Paris') RETURNING id`);
  const [{ id: customer }] = await ds.query(`INSERT INTO customers (entity_id, external_id, name) VALUES ($1, 'C', 'C') RETURNING id`, [entity]);
  const invoice = async (ext: string, amount: number, open: number, status: string, issue: string, due: string) => (await ds.query(
    `INSERT INTO invoices (entity_id, customer_id, external_id, number, issue_date, due_date, currency, amount_minor, open_amount_minor, status, workflow_id, version, updated_at)
     VALUES ($1, $2, $3, $3, $4, $5, 'EUR', $6, $7, $8, $3, 1, '2026-03-10T10:00:00Z') RETURNING id`,
    [entity, customer, ext, issue, due, amount, open, status],
  ))[0].id as string;
  const paid = await invoice('PAID', 10000, 0, 'paid', '2026-01-05', '2026-02-04');
  const partial = await invoice('PART', 20000, 5000, 'open', '2026-01-20', '2026-02-19'); // 12000 paid, 3000 credited by a dispute
  const cancelled = await invoice('CANC', 7000, 7000, 'cancelled', '2026-02-01', '2026-03-03');
  const pay = async (ext: string, receivedAt: string, allocations: [string, number][]) => {
    const [{ id }] = await ds.query(
      `INSERT INTO payments (entity_id, external_id, currency, amount_minor, received_at, request_fingerprint) VALUES ($1, $2, 'EUR', $3, $4, 'x') RETURNING id`,
      [entity, ext, allocations.reduce((a, [, v]) => a + v, 0), receivedAt],
    );
    for (const [inv, amount] of allocations) await ds.query(`INSERT INTO payment_allocations (payment_id, invoice_id, amount_minor) VALUES ($1, $2, $3)`, [id, inv, amount]);
  };
  // 23:30 UTC on 31 January is 1 February in Paris: the payment counts on 1 February.
  await pay('P1', '2026-01-31T23:30:00Z', [[paid, 10000], [partial, 2000]]);
  await pay('P2', '2026-02-20T09:00:00+01:00', [[partial, 10000]]);

  await ds.runMigrations({ transaction: 'each' });

  const rows = await ds.query(
    `SELECT i.external_id AS inv, m.kind, m.amount_minor::int AS amount, to_char(m.effective_date, 'YYYY-MM-DD') AS day
     FROM receivable_movements m JOIN invoices i ON i.id = m.document_id ORDER BY i.external_id, m.effective_date, m.kind`,
  );
  expect(rows).toEqual([
    { inv: 'CANC', kind: 'invoice', amount: 7000, day: '2026-02-01' },
    { inv: 'CANC', kind: 'cancellation', amount: -7000, day: '2026-03-10' },
    { inv: 'PAID', kind: 'invoice', amount: 10000, day: '2026-01-05' },
    { inv: 'PAID', kind: 'payment', amount: -10000, day: '2026-02-01' },
    { inv: 'PART', kind: 'invoice', amount: 20000, day: '2026-01-20' },
    { inv: 'PART', kind: 'payment', amount: -2000, day: '2026-02-01' },
    { inv: 'PART', kind: 'payment', amount: -10000, day: '2026-02-20' },
    { inv: 'PART', kind: 'adjustment', amount: -3000, day: '2026-03-10' },
  ]);
  // Today's open amounts agree with the invoices (a cancelled invoice owes nothing).
  expect(await ds.query(`SELECT document_id AS id, open_minor::int AS open FROM open_receivables`)).toEqual([{ id: partial, open: 5000 }]);
  expect(await ds.query(`SELECT document_id AS id, to_char(settled_on, 'YYYY-MM-DD') AS day, closed_otherwise AS other FROM receivable_settlements ORDER BY day`))
    .toEqual([{ id: paid, day: '2026-02-01', other: false }, { id: cancelled, day: '2026-03-10', other: true }]);
  // The live code's source keys: replaying P1 into the ledger would add nothing.
  const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM receivable_movements WHERE source_key LIKE 'payment:%:%'`);
  expect(n).toBe(3);
});
