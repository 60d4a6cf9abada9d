import { databaseUrl, type AppConfig } from '../config/app-config.js';
import { ensureDatabase } from '../database/ensure-database.js';
import { runMigrations } from '../database/migrate.js';

/** Creates the database if missing and applies migrations (under an advisory lock). */
export async function prepareDatabase(config: AppConfig, log: (line: string) => void): Promise<void> {
  const url = databaseUrl(config);
  const { created } = await ensureDatabase(url);
  if (created) log(`created database ${new URL(url).pathname.slice(1)}`);
  await runMigrations(url, log);
}
