import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options.js';
import { runMigrations } from '../../src/database/migrate.js';
import { MIGRATIONS } from '../../migrations/index.js';
import { testRunId } from './suite-state.js';

export const TEST_DATABASE_BASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TEMPLATE_LOCK = 7_245_031_923;

export interface TestDatabase {
  url: string;
  name: string;
  dataSource: DataSource;
  drop(): Promise<void>;
}

function urlFor(name: string): string {
  const url = new URL(TEST_DATABASE_BASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_BASE_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * A migrated template database, built by the first test file that needs it
 * (under an advisory lock, as test files run in parallel) and named after
 * the list of migrations so a new migration gets a new template.
 */
async function ensureTemplate(): Promise<string> {
  // Named after every migration (a hash), so branches ending on the same latest migration never share a stale template.
  const latest = createHash('sha256').update(MIGRATIONS.map((m) => m.name).join(',')).digest('hex').slice(0, 24);
  // PostgreSQL truncates names to 63 bytes: leave room for the `_building` suffix.
  const name = `relance_test_template_${latest}`.slice(0, 54);
  await withAdmin(async (c) => {
    await c.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK]);
    try {
      const found = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (found.rowCount) return;
      await c.query(`DROP DATABASE IF EXISTS ${name}_building WITH (FORCE)`); // left by an interrupted run
      await c.query(`CREATE DATABASE ${name}_building`);
      await runMigrations(urlFor(`${name}_building`));
      await c.query(`ALTER DATABASE ${name}_building RENAME TO ${name}`);
    } finally {
      await c.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK]);
    }
  });
  return name;
}

/** A fresh database for one test file: migrated (cloned from the template) unless `migrated: false`. */
export async function createTestDatabase(options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const name = `relance_test_${testRunId()}_${randomBytes(5).toString('hex')}`;
  const template = options.migrated === false ? null : await ensureTemplate();
  await withAdmin((c) => c.query(template ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`));
  const url = urlFor(name);
  const dataSource = new DataSource(dataSourceOptions(url, { extra: { max: 3 } }));
  await dataSource.initialize();
  return {
    url,
    name,
    dataSource,
    async drop() {
      await dataSource.destroy();
      await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
