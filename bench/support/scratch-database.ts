import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * A throw-away database for one benchmark run, on the server of BENCH_DATABASE_URL (or
 * TEST_DATABASE_URL, or the local one): its name, its URL, and a way to run server-level
 * statements (CREATE / DROP DATABASE) through the maintenance database.
 */
export function scratchDatabase(prefix = 'relance_bench'): { name: string; url: URL; admin(sql: string): Promise<void> } {
  const base = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const url = new URL(base);
  url.pathname = `/${name}`;
  const admin = async (sql: string): Promise<void> => {
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  return { name, url, admin };
}
