// Aged balance and KPI timings on a large generated ledger (prints figures; not a test):
//
//   npm run -s bench:reports [-- --invoices 1000000 --customers 10000 --years 3 --runs 15 --keep]
//   npm run -s bench:reports -- --database relance_bench_reports_xxxx   (a database kept by --keep: migrated, not seeded again, kept)
//
// Seeds a scratch database (dropped afterwards) in SQL on the server: customers, then the ledger of
// `invoices` invoices over `years` years (about a fifth still open, some partly paid, a few written
// off), today's open amounts and the settled invoices — as the live code and the migration's backfill leave them.
// Then prints p50/p95 of: the aged balance grouped by customer as of today, as of 6 months back, and the
// KPIs of the last complete quarter, through ReportsService (the API's code path, minus HTTP).
import { DataSource } from 'typeorm';
import { SYSTEM_PRINCIPAL } from '../src/auth/principal.js';
import { Clock } from '../src/clock/clock.js';
import { CustomersService } from '../src/customers/customers.service.js';
import { dataSourceOptions } from '../src/database/data-source-options.js';
import { runMigrations } from '../src/database/migrate.js';
import { LedgerQueries } from '../src/ledger/ledger-queries.js';
import { LegalEntitiesService } from '../src/organization/legal-entities.service.js';
import { LegalEntity } from '../src/organization/legal-entity.entity.js';
import { addDays } from '../src/reports/kpi-formulas.js';
import { ReportsService } from '../src/reports/reports.service.js';
import { UnappliedCashService } from '../src/cash/unapplied-cash.service.js';
import { scratchDatabase } from './support/scratch-database.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const invoices = arg('invoices', 1_000_000);
const customers = arg('customers', 10_000);
const years = arg('years', 3);
const runs = arg('runs', 15);
const TODAY = '2026-12-01';
const clock = new (class extends Clock { nowMs() { return Date.parse(`${TODAY}T10:00:00Z`); } })();

const reuse = process.argv.includes('--database') ? process.argv[process.argv.indexOf('--database') + 1]! : null;
const scratch = scratchDatabase('relance_bench_reports');
const { admin } = scratch;
const name = reuse ?? scratch.name;
const url = new URL(scratch.url);
url.pathname = `/${name}`;

async function seed(ds: DataSource): Promise<void> {
  const days = Math.round(years * 365);
  const [{ id: entityId }] = await ds.query(`INSERT INTO legal_entities (code, name) VALUES ('BENCH', 'Bench SA') RETURNING id`);
  await ds.query(
    `INSERT INTO customers (entity_id, external_id, name, segment, salesperson_email, risk_class)
     SELECT $1, 'C' || g, 'Customer ' || g, (ARRAY['smb', 'mid', 'key'])[1 + g % 3], 'seller' || (g % 50) || '@bench.example',
            (ARRAY['A', 'B', 'C', 'D', 'E'])[1 + g % 5]
     FROM generate_series(1, $2::int) g`, [entityId, customers]);
  // Bulk load: indexes are built once afterwards rather than maintained row by row.
  await ds.query(`DROP INDEX ix_receivable_movements_report, ix_receivable_movements_document, uq_receivable_movements_source_key`);
  await ds.query(`CREATE UNLOGGED TABLE bench_invoices AS
    SELECT g AS n, gen_random_uuid() AS id, c.id AS customer_id, x.issue, x.issue + (ARRAY[30, 45, 60])[1 + g % 3] AS due, x.amount,
           -- open: the last 60 days, and one older invoice in six
           (x.issue >= $1::date - 60 OR g % 6 = 0) AS open,
           least(x.issue + 15 + (g::bigint * 7919 % 76)::int, $1::date - 1) AS paid_on
    FROM generate_series(1, $2::int) g
    CROSS JOIN LATERAL (SELECT $1::date - 1 - (random() * $3 + g * 0)::int AS issue, 10000 + (random() * 990000 + g * 0)::bigint AS amount) x
    JOIN (SELECT row_number() OVER (ORDER BY id) AS k, id FROM customers) c ON c.k = 1 + (g * 7) % $4`,
  [TODAY, invoices, days - 1, customers]);
  const insert = (kind: string, amount: string, date: string, key: string, where: string) => ds.query(
    `INSERT INTO receivable_movements (document_id, document_type, customer_id, entity_id, currency, issue_date, due_date, kind, amount_minor, effective_date, recorded_at, source_key)
     SELECT id, 'invoice', customer_id, $1, 'EUR', issue, due, ${kind}, ${amount}, ${date}, now(), ${key} FROM bench_invoices WHERE ${where}
     ORDER BY ${date}`, [entityId]);
  await insert(`'invoice'`, 'amount', 'issue', `'i:' || n`, 'true');
  await insert(`CASE WHEN n % 199 = 0 THEN 'write_off' ELSE 'payment' END`, '-amount', 'greatest(paid_on, issue)', `'p:' || n`, 'NOT open');
  await insert(`'payment'`, '-(amount / 2)', 'issue + 10', `'pp:' || n`, `open AND n % 4 = 0 AND issue + 10 < '${TODAY}'::date`);
  await ds.query(`CREATE INDEX ix_receivable_movements_report ON receivable_movements (currency, effective_date)
    INCLUDE (customer_id, entity_id, document_id, document_type, due_date, issue_date, kind, amount_minor)`);
  await ds.query(`CREATE INDEX ix_receivable_movements_document ON receivable_movements (document_id, effective_date)`);
  await ds.query(`CREATE UNIQUE INDEX uq_receivable_movements_source_key ON receivable_movements (source_key)`);
  await ds.query(`INSERT INTO open_receivables (document_id, due_date, issue_date, document_type, customer_id, entity_id, currency, open_minor)
    SELECT document_id, due_date, issue_date, 'invoice', min(customer_id::text)::uuid, $1, 'EUR', sum(amount_minor)
    FROM receivable_movements GROUP BY document_id, due_date, issue_date HAVING sum(amount_minor) <> 0`, [entityId]);
  await ds.query(`INSERT INTO receivable_settlements (document_id, currency, customer_id, entity_id, issue_date, settled_on, amount_minor, closed_otherwise)
    SELECT document_id, 'EUR', min(customer_id::text)::uuid, $1, min(issue_date), max(effective_date),
           sum(amount_minor) FILTER (WHERE kind = 'invoice'), bool_or(kind = 'write_off')
    FROM receivable_movements GROUP BY document_id HAVING sum(amount_minor) = 0`, [entityId]);
  await ds.query(`DROP TABLE bench_invoices`);
  await ds.query(`VACUUM ANALYZE receivable_settlements`);
  await ds.query(`VACUUM ANALYZE receivable_movements`);
  await ds.query(`VACUUM ANALYZE open_receivables`);
  await ds.query(`VACUUM ANALYZE customers`);
}

async function time(label: string, fn: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < 2; i++) await fn(); // warm caches
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const p = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))]!.toFixed(1);
  console.log(`${label}: p50 ${p(0.5)} ms, p95 ${p(0.95)} ms (${runs} runs)`);
}

if (!reuse) await admin(`CREATE DATABASE ${name}`);
try {
  await runMigrations(url.toString(), (line) => console.log(line));
  const ds = new DataSource(dataSourceOptions(url.toString(), { extra: { max: 8 } }));
  await ds.initialize();
  try {
    const t0 = performance.now();
    if (!reuse) await seed(ds);
    const [counts] = await ds.query(`SELECT (SELECT count(*) FROM receivable_movements)::int AS movements,
      (SELECT count(*) FROM open_receivables)::int AS open, (SELECT count(DISTINCT document_id) FROM receivable_movements)::int AS invoices`);
    console.log(`seeded ${counts.invoices} invoices (${counts.open} open) over ${customers} customers and ${years} years: ` +
      `${counts.movements} ledger rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const entities = new LegalEntitiesService(ds.getRepository(LegalEntity));
    const reports = new ReportsService(ds, new LedgerQueries(ds, clock), new CustomersService(ds), entities, clock, new UnappliedCashService(ds));
    const sixMonthsBack = '2026-06-01';
    const quarter = { from: '2026-07-01', to: '2026-09-30' };
    const m0 = performance.now();
    const today = await reports.agedBalance({ currency: 'EUR', groupBy: 'customer' }, SYSTEM_PRINCIPAL);
    console.log(`aged balance today, first read of the day (materializes it): ${(performance.now() - m0).toFixed(0)} ms; ` +
      `${today.groupCount} customers (${today.groups.length} in the answer), total ${today.total.total} EUR`);
    await time('aged balance by customer, today', () => reports.agedBalance({ currency: 'EUR', groupBy: 'customer' }, SYSTEM_PRINCIPAL));
    await time(`aged balance by customer, as of ${sixMonthsBack}`, () => reports.agedBalance({ currency: 'EUR', groupBy: 'customer', asOf: sixMonthsBack }, SYSTEM_PRINCIPAL));
    await time('aged balance by segment, today', () => reports.agedBalance({ currency: 'EUR', groupBy: 'segment' }, SYSTEM_PRINCIPAL));
    await time('aged balance by entity, today', () => reports.agedBalance({ currency: 'EUR', groupBy: 'entity' }, SYSTEM_PRINCIPAL));
    await time(`aged balance by segment, as of ${addDays(TODAY, -900)}`, () => reports.agedBalance({ currency: 'EUR', groupBy: 'segment', asOf: addDays(TODAY, -900) }, SYSTEM_PRINCIPAL));
    const kpis = await reports.kpis({ ...quarter, currency: 'EUR' }, SYSTEM_PRINCIPAL);
    console.log(`KPIs ${quarter.from}…${quarter.to}: creditSales ${kpis.creditSales}, dso ${kpis.dso}, countback ${kpis.countbackDso}, cei ${kpis.cei}, averageDaysToPay ${kpis.averageDaysToPay}`);
    await time(`KPIs for the quarter ${quarter.from}…${quarter.to}`, () => reports.kpis({ ...quarter, currency: 'EUR' }, SYSTEM_PRINCIPAL));
  } finally {
    await ds.destroy();
  }
} finally {
  if (reuse || process.argv.includes('--keep')) console.log(`kept database ${name}`);
  else await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}
