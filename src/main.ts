/**
 * `npm start`: the whole platform on embedded defaults — a Temporal dev
 * server (unless TEMPORAL_ADDRESS is set), the database and its migrations,
 * the API and the worker in one process.
 */
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { databaseUrl } from './config/app-config.js';
import { createApiApp } from './bootstrap/create-api.js';
import { startWorker } from './bootstrap/create-worker.js';
import { resolveDevApiKey } from './bootstrap/dev-api-key.js';
import { startDevTemporal, type DevTemporal } from './bootstrap/dev-temporal.js';
import { prepareDatabase } from './bootstrap/prepare-database.js';
import { configOrExit, onShutdownSignal } from './bootstrap/run.js';
import { createRootLogger } from './observability/logger.js';
import { installTemporalRuntime, workerMetricsAddress } from './observability/temporal-runtime.js';
import { describeNotificationMode } from './notifications/channel-router.sender.js';

const logger = new Logger('Relance');
const log = (line: string) => logger.log(line);

async function main(): Promise<void> {
  const config = configOrExit();
  // The all-in-one launcher is for trying Relance out: reminders go out when they are due,
  // nights and weekends included, unless RELANCE_SENDING_WINDOW says otherwise.
  if (process.env.RELANCE_SENDING_WINDOW === undefined) config.RELANCE_SENDING_WINDOW = 'off';
  // Nest owns shutdown: the Temporal runtime must not grab SIGINT/SIGTERM.
  // The worker's Temporal metrics get their own port: the API's /metrics serves the API's (docs/operations.md#metrics).
  installTemporalRuntime(config, createRootLogger(config), workerMetricsAddress(config));

  let devTemporal: DevTemporal | null = null;
  if (!config.TEMPORAL_ADDRESS) {
    log('starting the Temporal dev server…');
    devTemporal = await startDevTemporal(config, log);
    config.TEMPORAL_ADDRESS = devTemporal.address;
  }
  await prepareDatabase(config, log);
  const { key, generated } = resolveDevApiKey(config);
  const worker = await startWorker(config);
  const api = await createApiApp(config, [key]);
  await api.listen(config.PORT, config.HOST);

  onShutdownSignal(async () => {
    await api.close();
    await worker.shutdown();
    await devTemporal?.stop();
  });
  worker.done.catch((err: unknown) => {
    logger.error(`worker stopped: ${String(err)}`);
    process.exit(1);
  });

  const db = new URL(databaseUrl(config));
  const modes = describeNotificationMode(config);
  const base = `http://localhost:${config.PORT}`;
  const workerMetrics = workerMetricsAddress(config);
  process.stdout.write(
    [
      '',
      'Relance is running',
      `  Console      ${base}/   (sign in with a user's password or an emailed link; invite people: POST /api/v1/users/:id/invitation)`,
      `  API          ${base}/api/v1`,
      `  Health       ${base}/health`,
      `  Metrics      API ${base}/metrics (bearer: the API key or RELANCE_METRICS_TOKEN)${workerMetrics ? `; worker http://${workerMetrics}/metrics` : ''}`,
      devTemporal?.uiUrl ? `  Temporal UI  ${devTemporal.uiUrl}` : null,
      `  Temporal     ${config.TEMPORAL_ADDRESS} (namespace ${config.TEMPORAL_NAMESPACE}, task queue ${config.TEMPORAL_TASK_QUEUE})`,
      `  PostgreSQL   ${db.host}${db.pathname}`,
      `  Messages     email: ${modes.email}, sms: ${modes.sms}  (recorded ones: GET ${base}/api/v1/messages)`,
      `  Sending      window ${config.RELANCE_SENDING_WINDOW}${config.RELANCE_SENDING_WINDOW === 'off' ? ' (any day, any hour; RELANCE_SENDING_WINDOW=on applies business days and hours)' : ''}`,
      `  API key      ${key}${generated ? '   (generated; set RELANCE_DEV_API_KEY to choose one)' : ''}`,
      '',
      `  curl -H "Authorization: Bearer ${key}" ${base}/api/v1/messages`,
      '',
    ]
      .filter((l) => l !== null)
      .join('\n') + '\n',
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`relance: failed to start: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
