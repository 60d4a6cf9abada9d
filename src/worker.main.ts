/** Production entry: one Temporal worker (run as many replicas as needed). */
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { Runtime } from '@temporalio/worker';
import { startWorker } from './bootstrap/create-worker.js';
import { prepareDatabase } from './bootstrap/prepare-database.js';
import { configOrExit, onShutdownSignal } from './bootstrap/run.js';

async function main(): Promise<void> {
  const config = configOrExit();
  Runtime.install({ shutdownSignals: [] });
  const logger = new Logger('RelanceWorker');
  await prepareDatabase(config, (l) => logger.log(l));
  const worker = await startWorker(config);
  onShutdownSignal(() => worker.shutdown());
  logger.log(`worker polling ${config.TEMPORAL_TASK_QUEUE}`);
  await worker.done;
}

main().catch((err: unknown) => {
  process.stderr.write(`relance-worker: failed: ${String(err)}\n`);
  process.exit(1);
});
