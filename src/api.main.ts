/** Production entry: the API alone (Temporal and PostgreSQL are external). */
import 'reflect-metadata';
import { createApiApp } from './bootstrap/create-api.js';
import { resolveDevApiKey } from './bootstrap/dev-api-key.js';
import { prepareDatabase } from './bootstrap/prepare-database.js';
import { configOrExit, onShutdownSignal } from './bootstrap/run.js';
import { createRootLogger } from './observability/logger.js';

async function main(): Promise<void> {
  const config = configOrExit();
  const logger = createRootLogger(config).child({ context: 'RelanceApi' });
  await prepareDatabase(config, (l) => logger.info(l));
  const { key } = resolveDevApiKey(config);
  const api = await createApiApp(config, [key]);
  await api.listen(config.PORT, config.HOST);
  onShutdownSignal(() => api.close());
  logger.info(`API listening on :${config.PORT}`);
}

main().catch((err: unknown) => {
  process.stderr.write(`relance-api: failed to start: ${String(err)}\n`);
  process.exit(1);
});
