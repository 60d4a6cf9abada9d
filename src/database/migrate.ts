import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options.js';

/** Arbitrary constant shared by every Relance process: "relance migrations". */
export const MIGRATION_LOCK_KEY = 7_245_031_922;

/**
 * Applies pending migrations while holding a PostgreSQL advisory lock, so
 * an API and a worker booting together never race on the schema.
 */
export async function runMigrations(url: string, log: (line: string) => void = () => {}): Promise<string[]> {
  const dataSource = new DataSource(dataSourceOptions(url, { extra: { max: 2 } }));
  await dataSource.initialize();
  const lockRunner = dataSource.createQueryRunner();
  try {
    await lockRunner.connect();
    await lockRunner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      for (const m of applied) log(`migration applied: ${m.name}`);
      return applied.map((m) => m.name);
    } finally {
      await lockRunner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await lockRunner.release();
    await dataSource.destroy();
  }
}
