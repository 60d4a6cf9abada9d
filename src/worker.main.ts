/** Production entry: one Temporal worker (run as many replicas as needed). */
import 'reflect-metadata';
import { startWorker } from './bootstrap/create-worker.js';
import { prepareDatabase } from './bootstrap/prepare-database.js';
import { configOrExit, onShutdownSignal } from './bootstrap/run.js';
import { createRootLogger } from './observability/logger.js';
import { installTemporalRuntime, workerMetricsAddress } from './observability/temporal-runtime.js';

async function main(): Promise<void> {
  const config = configOrExit();
  const root = createRootLogger(config);
  installTemporalRuntime(config, root, workerMetricsAddress(config));
  const logger = root.child({ context: 'RelanceWorker' });
  await prepareDatabase(config, (l) => logger.info(l));
  const worker = await startWorker(config);
  onShutdownSignal(() => worker.shutdown());
  const metrics = workerMetricsAddress(config);
  logger.info(`worker polling ${config.TEMPORAL_TASK_QUEUE}${metrics ? `; metrics at http://${metrics}/metrics` : ''}`);
  await worker.done;
}

main().catch((err: unknown) => {
  process.stderr.write(`relance-worker: failed: ${String(err)}\n`);
  process.exit(1);
});
