// A synthetic credit portfolio seeded in SQL (generate_series), shared by the credit benchmarks
// and the rescoring workflow test: customers with a limit each, invoices over the last year
// (the 2 most recent open and not yet due, the others paid with a per-customer delay so every class A–E occurs).
import type { DataSource } from 'typeorm';
import type { CustomerScoringService } from '../src/credit/customer-scoring.service.js';
import type { OrderCheckService } from '../src/credit/order-check.service.js';

export interface PortfolioSpec {
  /** External ids are `<prefix>-<n>`. */
  prefix: string;
  customers: number;
  invoicesPerCustomer: number;
  /** Each customer's credit limit, minor units (EUR). */
  limitMinor?: bigint;
  /** The day invoices and payments count back from (YYYY-MM-DD); default PostgreSQL's current_date. Tests pass their clock's. */
  today?: string;
}

export async function seedCreditPortfolio(dataSource: DataSource, spec: PortfolioSpec): Promise<void> {
  const like = `${spec.prefix}-%`;
  await dataSource.transaction(async (m) => {
    const [{ id: entityId }] = (await m.query(`SELECT id FROM legal_entities WHERE code = 'default'`)) as { id: string }[];
    await m.query(
      `INSERT INTO customers (entity_id, external_id, name) SELECT $1, $2 || '-' || i, 'Customer ' || i FROM generate_series(1, $3::int) i`,
      [entityId, spec.prefix, spec.customers],
    );
    await m.query(
      `INSERT INTO customer_credit_limits (customer_id, amount_minor, currency, kind)
       SELECT id, $2::bigint, 'EUR', 'manual' FROM customers WHERE external_id LIKE $1`,
      [like, (spec.limitMinor ?? 5_000_000n).toString()],
    );
    await m.query(
      `INSERT INTO invoices (entity_id, customer_id, external_id, number, issue_date, due_date, currency, amount_minor,
                             open_amount_minor, status, workflow_id, version)
       SELECT c.entity_id, c.id, c.external_id || '-' || j, c.external_id || '-' || j, d.issue, d.issue + 30, 'EUR', a.amt,
              CASE WHEN j <= 2 THEN a.amt ELSE 0 END, CASE WHEN j <= 2 THEN 'open' ELSE 'paid' END,
              'bench-' || c.external_id || '-' || j, 1
         FROM customers c
        CROSS JOIN generate_series(1, $2::int) j
        CROSS JOIN LATERAL (SELECT (coalesce($3::date, current_date) - ((j - 1) * 18 + 5))::date AS issue) d
        CROSS JOIN LATERAL (SELECT (10000 + ((hashtext(c.external_id) & 65535) * 7 + j * 1301) % 90000)::bigint AS amt) a
        WHERE c.external_id LIKE $1`,
      [like, spec.invoicesPerCustomer, spec.today ?? null],
    );
    // Delay per customer by its number n: 0, 6, 12 … 42 days for n mod 8 (+0–3 per invoice), never in the
    // future. By number, not by a hash of the id: a test's random prefix once gave 23 customers two classes.
    await m.query(
      `INSERT INTO payments (entity_id, external_id, currency, amount_minor, received_at, request_fingerprint)
       SELECT i.entity_id, i.external_id, 'EUR', i.amount_minor,
              LEAST(i.due_date + ((substring(c.external_id from '[0-9]+$')::int % 8) * 6 + (hashtext(i.external_id) & 3)),
                    coalesce($2::date, current_date) - 1)::timestamp
                + interval '10 hours', 'bench'
         FROM invoices i JOIN customers c ON c.id = i.customer_id
        WHERE c.external_id LIKE $1 AND i.status = 'paid'`,
      [like, spec.today ?? null],
    );
    await m.query(
      `INSERT INTO payment_allocations (payment_id, invoice_id, amount_minor)
       SELECT p.id, i.id, i.amount_minor FROM payments p
         JOIN invoices i ON i.entity_id = p.entity_id AND i.external_id = p.external_id
        WHERE p.external_id LIKE $1`,
      [like],
    );
  });
  await dataSource.query('ANALYZE');
}

/** A fresh migrated database (dropped afterwards) and the credit services over it, for a benchmark. */
export async function withScratchCreditServices<T>(
  fn: (ctx: { dataSource: DataSource; orders: OrderCheckService; scoring: CustomerScoringService }) => Promise<T>,
): Promise<T> {
  const { scratchDatabase } = await import('./support/scratch-database.js');
  const { NestFactory } = await import('@nestjs/core');
  const { Module } = await import('@nestjs/common');
  const { getDataSourceToken } = await import('@nestjs/typeorm');
  const { loadConfig } = await import('../src/config/app-config.js');
  const { ConfigModule } = await import('../src/config/config.module.js');
  const { DatabaseModule } = await import('../src/database/database.module.js');
  const { runMigrations } = await import('../src/database/migrate.js');
  const { CreditModule } = await import('../src/credit/credit.module.js');
  const { OrderCheckService: Orders } = await import('../src/credit/order-check.service.js');
  const { CustomerScoringService: Scoring } = await import('../src/credit/customer-scoring.service.js');

  const { name, url, admin } = scratchDatabase();
  await admin(`CREATE DATABASE ${name}`);
  try {
    await runMigrations(url.toString());
    const config = loadConfig({ DATABASE_URL: url.toString(), LOG_LEVEL: 'error' });
    @Module({ imports: [ConfigModule.forRoot(config), DatabaseModule.forRoot(url.toString()), CreditModule] })
    class BenchModule {}
    const context = await NestFactory.createApplicationContext(BenchModule, { logger: false });
    try {
      return await fn({ dataSource: context.get<DataSource>(getDataSourceToken()), orders: context.get(Orders), scoring: context.get(Scoring) });
    } finally {
      await context.close();
    }
  } finally {
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}
