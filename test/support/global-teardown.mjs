// Stops the suite's Temporal dev server and drops this run's test databases.
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import pg from 'pg';

export default async function globalTeardown() {
  const child = globalThis.__relanceDevServer;
  if (child && child.exitCode === null) {
    await new Promise((done) => {
      child.once('exit', () => done());
      child.kill('SIGTERM');
    });
  }
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' });
  await admin.connect();
  try {
    const dbs = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [
      `relance_test_${process.env.RELANCE_TEST_RUN}_%`,
    ]);
    for (const row of dbs.rows) await admin.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
  if (process.env.RELANCE_SUITE_STATE) rmSync(dirname(process.env.RELANCE_SUITE_STATE), { recursive: true, force: true });
}
