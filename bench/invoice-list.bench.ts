// Invoice list speed (prints figures; not a test):
//
//   npm run -s bench:invoice-list [-- --customers 10000 --invoices 1000000 --runs 20]
//
// Seeds a scratch database (dropped afterwards) with customers (segments, salespeople, classes)
// and invoices over 3 years, one in five open, then times the list's first page (limit 50, with
// its total) for common filters, a deep page reached by cursor, and one CSV export batch (500).
import pg from 'pg';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../src/config/app-config.js';
import { ConfigModule } from '../src/config/config.module.js';
import { CustomersModule } from '../src/customers/customers.module.js';
import { DatabaseModule } from '../src/database/database.module.js';
import { runMigrations } from '../src/database/migrate.js';
import { DisputeFiguresModule } from '../src/disputes/disputes.module.js';
import { InvoiceListService } from '../src/invoices/invoice-list.service.js';
import type { InvoiceListQuery } from '../src/invoices/invoice-list.query.js';
import { OrganizationModule } from '../src/organization/organization.module.js';
import { scratchDatabase } from './support/scratch-database.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const customers = arg('customers', 10_000);
const invoices = arg('invoices', 1_000_000);
const runs = arg('runs', 20);

const { name, url, admin } = scratchDatabase();

async function seed(): Promise<void> {
  // Its own connection: the app's pool has a query timeout, the bulk insert takes longer.
  const db = new pg.Client({ connectionString: url.toString() });
  await db.connect();
  try {
    await seedWith(db);
  } finally {
    await db.end();
  }
}

async function seedWith(db: pg.Client): Promise<void> {
  const [{ id: entityId }] = ((await db.query(`SELECT id FROM legal_entities WHERE code = 'default'`)).rows) as { id: string }[];
  await db.query(
    `INSERT INTO customers (entity_id, external_id, name, segment, risk_class, salesperson_email)
     SELECT $1, 'C-' || i, 'Customer ' || i || (ARRAY['Industrie', 'Distribution', 'Transports', 'Services'])[1 + i % 4],
            (ARRAY['smb', 'mid_market', 'key_account'])[1 + i % 3], (ARRAY['A', 'B', 'C', 'D', 'E'])[1 + i % 5], 'sales' || (i % 50) || '@relance.example'
       FROM generate_series(1, $2::int) i`,
    [entityId, customers],
  );
  // Issued over 3 years back from today; the most recent fifth of each customer's invoices open.
  await db.query(
    `INSERT INTO invoices (entity_id, customer_id, external_id, number, issue_date, due_date, currency, amount_minor,
                           open_amount_minor, status, workflow_id, version)
     SELECT c.entity_id, c.id, 'X-' || n, 'F' || lpad(n::text, 8, '0'), d.issue, d.issue + 30, 'EUR', a.amt,
            CASE WHEN open THEN a.amt ELSE 0 END, CASE WHEN open THEN 'open' ELSE 'paid' END, 'bench-' || n, 1
       FROM generate_series(1, $1::int) n
       JOIN LATERAL (SELECT id, entity_id FROM customers WHERE external_id = 'C-' || (1 + n % $2::int)) c ON true
       CROSS JOIN LATERAL (SELECT (current_date - (1095 - (n::bigint * 1095 / $1::int))::int) AS issue, n > $1::int * 4 / 5 AS open) d
       CROSS JOIN LATERAL (SELECT (10000 + (n::bigint * 7919) % 990000)::bigint AS amt) a`,
    [invoices, customers],
  );
  await db.query('ANALYZE');
}

function stats(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return `p50 ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, max ${sorted.at(-1)!.toFixed(1)} ms`;
}

await admin(`CREATE DATABASE ${name}`);
try {
  await runMigrations(url.toString());
  const config = loadConfig({ DATABASE_URL: url.toString(), LOG_LEVEL: 'error' });
  @Module({
    imports: [ConfigModule.forRoot(config), DatabaseModule.forRoot(url.toString()), CustomersModule, OrganizationModule, DisputeFiguresModule],
    providers: [InvoiceListService],
  })
  class BenchModule {}
  const context = await NestFactory.createApplicationContext(BenchModule, { logger: false });
  try {
    const dataSource = context.get<DataSource>(getDataSourceToken());
    const list = context.get(InvoiceListService);
    const t0 = performance.now();
    await seed();
    const open = ((await dataSource.query(`SELECT count(*)::int AS n FROM invoices WHERE status = 'open'`)) as { n: number }[])[0]!.n;
    console.log(`seeded ${customers} customers, ${invoices} invoices (${open} open) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const cases: [string, InvoiceListQuery][] = [
      ['all, by due date', {}],
      ['overdue=true', { overdue: true }],
      ['status=open, -openAmount', { status: 'open', sort: '-openAmount' }],
      ['segment=smb&overdue=true', { segment: 'smb', overdue: true }],
      ['riskClass=E&status=open', { riskClass: 'E', status: 'open' }],
      ['salesperson (a sales user\'s view), overdue', { salesperson: 'sales7@relance.example', overdue: true }],
      ['customer=C-42', { customer: 'C-42' }],
      ['q=F00123 (number)', { q: 'F00123' }],
      ['q=Transports (customer name)&status=open', { q: 'Transports', status: 'open' }],
    ];
    for (const [label, query] of cases) {
      const counted: number[] = [];
      const uncounted: number[] = [];
      let total = 0;
      for (let r = 0; r < runs; r++) {
        for (const [withTotal, samples] of [[true, counted], [false, uncounted]] as const) {
          const start = performance.now();
          const source = await list.source(query, null);
          const page = await source.page({ sort: query.sort, limit: 50 }, withTotal);
          samples.push(performance.now() - start);
          if (withTotal) total = page.total ?? 0;
        }
      }
      console.log(`first page, ${label} (total ${total}): with total ${stats(counted)}; total=false ${stats(uncounted)}`);
    }
    // A deep page: walk 100 pages of 50 by cursor, timing each (no total, as a client paging on).
    const source = await list.source({ status: 'open' }, null);
    const deep: number[] = [];
    let cursor: string | undefined;
    for (let p = 0; p < 100; p++) {
      const start = performance.now();
      const page = await source.page({ limit: 50, ...(cursor && { cursor }) }, false);
      deep.push(performance.now() - start);
      cursor = page.nextCursor ?? undefined;
    }
    console.log(`next pages by cursor, status=open, pages 1–100: ${stats(deep)}`);
    const batch: number[] = [];
    for (let r = 0; r < runs; r++) {
      const start = performance.now();
      await source.page({ limit: 500 }, false);
      batch.push(performance.now() - start);
    }
    console.log(`CSV export batch of 500 rows, status=open: ${stats(batch)}`);
  } finally {
    await context.close();
  }
} finally {
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}
