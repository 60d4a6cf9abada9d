/** Production entry: the API alone (Temporal and PostgreSQL are external). */
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApiApp } from './bootstrap/create-api.js';
import { resolveDevApiKey } from './bootstrap/dev-api-key.js';
import { prepareDatabase } from './bootstrap/prepare-database.js';
import { configOrExit, onShutdownSignal } from './bootstrap/run.js';

async function main(): Promise<void> {
  const config = configOrExit();
  const logger = new Logger('RelanceApi');
  await prepareDatabase(config, (l) => logger.log(l));
  const { key } = resolveDevApiKey(config);
  const api = await createApiApp(config, [key]);
  await api.listen(config.PORT, config.HOST);
  onShutdownSignal(() => api.close());
  logger.log(`API listening on :${config.PORT}`);
}

main().catch((err: unknown) => {
  process.stderr.write(`relance-api: failed to start: ${String(err)}\n`);
  process.exit(1);
});
