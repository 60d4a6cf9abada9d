import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options.js';
import { ensureDatabase } from '../../src/database/ensure-database.js';
import { runMigrations } from '../../src/database/migrate.js';
import { MIGRATIONS } from '../../migrations/index.js';
import { createTestDatabase, TEST_DATABASE_BASE_URL, type TestDatabase } from '../support/database.js';

describe('migrations', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ migrated: false });
  });
  afterAll(async () => {
    await db?.drop();
  });

  test('two processes migrating at once apply each migration exactly once', async () => {
    const logs: string[][] = [[], []];
    const results = await Promise.all([0, 1].map((i) => runMigrations(db.url, (l) => logs[i]!.push(l))));
    expect([...results[0]!, ...results[1]!].sort()).toEqual(MIGRATIONS.map((m) => m.name).sort());
    const rows = await db.dataSource.query('SELECT name FROM migrations ORDER BY id');
    expect(rows.map((r: { name: string }) => r.name)).toEqual(MIGRATIONS.map((m) => m.name));
    expect(await runMigrations(db.url)).toEqual([]);
  });

  test('the entities and the migrations describe the same schema', async () => {
    const pending = await db.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  test('the schema enforces what the code relies on', async () => {
    const indexes = await db.dataSource.query(`SELECT indexname FROM pg_indexes WHERE schemaname = 'public'`);
    const names = indexes.map((r: { indexname: string }) => r.indexname);
    expect(names).toEqual(expect.arrayContaining([
      'uq_outbound_messages_idempotency_key', 'uq_invoices_entity_external_id', 'uq_payments_entity_external_id',
      'uq_invoice_events_dedupe', 'uq_customers_entity_external_id',
    ]));
    const [{ data_type }] = await db.dataSource.query(
      `SELECT data_type FROM information_schema.columns WHERE table_name = 'invoices' AND column_name = 'amount_minor'`);
    expect(data_type).toBe('bigint');
  });

  test('every migration can be reverted', async () => {
    const ds = new DataSource(dataSourceOptions(db.url));
    await ds.initialize();
    try {
      for (let i = 0; i < MIGRATIONS.length; i++) await ds.undoLastMigration();
      const tables = await ds.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`);
      expect(tables).toEqual([{ tablename: 'migrations' }]);
    } finally {
      await ds.destroy();
    }
    expect(await runMigrations(db.url)).toHaveLength(MIGRATIONS.length);
  });
});

describe('database creation', () => {
  const name = `relance_test_created_${process.pid}`;
  const url = (() => {
    const u = new URL(TEST_DATABASE_BASE_URL);
    u.pathname = `/${name}`;
    return u.toString();
  })();
  afterAll(async () => {
    const admin = new pg.Client({ connectionString: TEST_DATABASE_BASE_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  test('creates the database when missing, once', async () => {
    expect(await ensureDatabase(url)).toEqual({ created: true });
    expect(await ensureDatabase(url)).toEqual({ created: false });
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.end();
  });
});
