// Cash matching through the database, end to end (prints figures; not a test):
//
//   npm run -s bench:cash-matching-db [-- --customers 10000 --invoices 100000 --lines 10000 --seed 7]
//
// Seeds a scratch database (dropped afterwards) with the noisy ledger of bench/cash-ledger.ts —
// customers, open invoices, learned payer IBANs — and one stored statement of its bank credits,
// then times what the import does after storing the file: CashMatchingService.propose reads the
// entity's open ledger, indexes it, matches every credit and stores every proposal. Applying the
// sure lines (one payment each, with its workflow signals) is not part of matching and not timed.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { CashMatchingService } from '../src/cash/cash-matching.service.js';
import { CustomerDirectory } from '../src/customers/customer-directory.js';
import { dataSourceOptions } from '../src/database/data-source-options.js';
import { runMigrations } from '../src/database/migrate.js';
import { InvoiceLedgerReader } from '../src/invoices/invoice-ledger.reader.js';
import { generateCashLedger, qualityReport } from './cash-ledger.js';
import { scratchDatabase } from './support/scratch-database.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const ledger = generateCashLedger({
  customers: arg('customers', 10_000), invoices: arg('invoices', 100_000), lines: arg('lines', 10_000), seed: arg('seed', 7),
});

const { name, url, admin } = scratchDatabase();

/** Seeds through its own connection; answers the entity, the statement, and the generator's ids by database id. */
async function seed(): Promise<{ entityId: string; statementId: string; customerOf: Map<string, string>; invoiceOf: Map<string, string>; lineIds: string[] }> {
  const db = new pg.Client({ connectionString: url.toString() });
  await db.connect();
  try {
    const [{ id: entityId }] = (await db.query(`SELECT id FROM legal_entities WHERE code = 'default'`)).rows as { id: string }[];
    const customers = (await db.query(
      `INSERT INTO customers (entity_id, external_id, name) SELECT $1, x.id, x.name FROM unnest($2::text[], $3::text[]) AS x(id, name) RETURNING id, external_id`,
      [entityId, ledger.customers.map((c) => c.id), ledger.customers.map((c) => c.name)],
    )).rows as { id: string; external_id: string }[];
    const customerId = new Map(customers.map((c) => [c.external_id, c.id]));
    const invoices = (await db.query(
      `INSERT INTO invoices (entity_id, customer_id, external_id, number, issue_date, due_date, currency, amount_minor, open_amount_minor, status, workflow_id, version)
       SELECT $1, x.customer_id, x.external_id, x.number, x.due_date - 30, x.due_date, 'EUR', x.open, x.open, 'open', 'bench-' || x.external_id, 1
         FROM unnest($2::uuid[], $3::text[], $4::text[], $5::date[], $6::bigint[]) AS x(customer_id, external_id, number, due_date, open)
       RETURNING id, external_id`,
      [entityId, ledger.invoices.map((i) => customerId.get(i.customerId)), ledger.invoices.map((i) => i.externalId), ledger.invoices.map((i) => i.number),
        ledger.invoices.map((i) => i.dueDate), ledger.invoices.map((i) => i.openMinor.toString())],
    )).rows as { id: string; external_id: string }[];
    const invoiceId = new Map(invoices.map((i) => [i.external_id, i.id]));
    const learned = [...ledger.ibanToCustomer];
    await db.query(
      `INSERT INTO cash_payer_links (entity_id, kind, key, customer_id) SELECT $1, 'iban', x.key, x.customer_id FROM unnest($2::text[], $3::uuid[]) AS x(key, customer_id)`,
      [entityId, learned.map(([k]) => k), learned.map(([, c]) => customerId.get(c))],
    );
    const [{ id: statementId }] = (await db.query(
      `INSERT INTO bank_statements (entity_id, format, account, currency, from_date, to_date, file_sha256, encoding, line_count, duplicate_count, imported_by)
       VALUES ($1, 'camt.053', 'FR7630004000120001234567890', 'EUR', '2026-12-01', '2026-12-01', $2, 'utf-8', $3, 0, 'bench') RETURNING id`,
      [entityId, randomBytes(32).toString('hex'), ledger.lines.length],
    )).rows as { id: string }[];
    const lines = (await db.query(
      `INSERT INTO bank_lines (statement_id, entity_id, account, line_key, position, source_line, currency, amount_minor, booking_date, value_date,
                               payer_name, payer_iban, remittance_text, reversal, raw_record, status)
       SELECT $1, $2, 'FR7630004000120001234567890', encode(sha256(x.pos::text::bytea), 'hex'), x.pos, x.pos, 'EUR', x.amount, '2026-12-01', '2026-12-01',
              x.payer_name, x.payer_iban, x.text, false, '', 'unmatched'
         FROM unnest($3::int[], $4::bigint[], $5::text[], $6::text[], $7::text[]) AS x(pos, amount, payer_name, payer_iban, text)
       RETURNING id, position`,
      [statementId, entityId, ledger.lines.map((_, i) => i + 1), ledger.lines.map((l) => l.credit.amountMinor.toString()),
        ledger.lines.map((l) => l.credit.payerName), ledger.lines.map((l) => l.credit.payerIban), ledger.lines.map((l) => l.credit.texts.join(' ') || null)],
    )).rows as { id: string; position: number }[];
    await db.query('ANALYZE');
    return {
      entityId, statementId,
      customerOf: new Map(customers.map((c) => [c.id, c.external_id])),
      invoiceOf: new Map(ledger.invoices.map((i) => [invoiceId.get(i.externalId)!, i.id])),
      lineIds: lines.sort((a, b) => a.position - b.position).map((l) => l.id),
    };
  } finally {
    await db.end();
  }
}

/** CPU time (user + system) of these PostgreSQL backends so far, from /proc (null where it cannot be read: another machine, another OS). */
function postgresCpuMs(pids: readonly number[]): number | null {
  const tick = 1000 / 100; // USER_HZ
  let total = 0;
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
      total += (Number(fields[11]) + Number(fields[12])) * tick;
    } catch {
      return null;
    }
  }
  return total;
}

await admin(`CREATE DATABASE ${name}`);
try {
  await runMigrations(url.toString());
  const t0 = performance.now();
  const seeded = await seed();
  console.log(`seeded ${ledger.customers.length} customers, ${ledger.invoices.length} open invoices, ${ledger.lines.length} bank credits in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const ds = new DataSource(dataSourceOptions(url.toString()));
  await ds.initialize();
  try {
    // Matching never applies here: the application service is not reached by propose().
    const matching = new CashMatchingService(ds, new InvoiceLedgerReader(ds), new CustomerDirectory(ds), undefined as never);
    const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
    const backends = async () => postgresCpuMs((await ds.query(`SELECT pid FROM pg_stat_activity WHERE datname = $1`, [name]) as { pid: number }[]).map((r) => r.pid));
    await ds.query('SELECT 1 FROM invoices LIMIT 1'); // the pool's first connection is open before the clock starts
    const [m0, c0, p0] = [performance.now(), cpu(), await backends()];
    const proposed = await matching.propose(seeded.statementId, seeded.entityId, 'EUR');
    const [m1, c1, p1] = [performance.now(), cpu(), await backends()];
    // What was stored, read back, in the generator's ids, against the truth.
    const rows = (await ds.query(`SELECT id, status, customer_id, proposal FROM bank_lines WHERE statement_id = $1`, [seeded.statementId])) as
      { id: string; status: string; customer_id: string | null; proposal: { allocations: { invoiceId: string }[] } | null }[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    const sure = new Set(proposed.filter((p) => p.proposal.decision === 'auto').map((p) => p.line.id));
    const stored = seeded.lineIds.map((id) => {
      const r = byId.get(id)!;
      return {
        decision: sure.has(id) ? 'auto' : r.status, customerId: r.customer_id ? seeded.customerOf.get(r.customer_id)! : null,
        allocations: (r.proposal?.allocations ?? []).map((a) => ({ invoiceId: seeded.invoiceOf.get(a.invoiceId)! })),
      };
    });
    console.log(`stored proposals (sure ones counted as applied automatically):`);
    for (const line of qualityReport(ledger.lines, stored)) console.log(`  ${line}`);
    console.log(`speed: read ledger + index + match + store ${ledger.lines.length} proposals = ${((m1 - m0) / 1000).toFixed(2)} s (goal < 5 s); ` +
      `CPU ${((c1 - c0) / 1000).toFixed(2)} s here + ${p1 === null || p0 === null ? '?' : ((p1 - p0) / 1000).toFixed(2)} s in PostgreSQL; load average ${loadavg()[0]!.toFixed(1)}`);
    // Where the time goes: the reads alone, again.
    const r0 = performance.now();
    await new InvoiceLedgerReader(ds).openInvoices(seeded.entityId, 'EUR');
    const r1 = performance.now();
    await new CustomerDirectory(ds).ofEntity(seeded.entityId);
    const r2 = performance.now();
    console.log(`  of which reading the open invoices ${(r1 - r0).toFixed(0)} ms, the customers ${(r2 - r1).toFixed(0)} ms`);
  } finally {
    await ds.destroy();
  }
} finally {
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}
