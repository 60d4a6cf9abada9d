import { afterAll, beforeAll } from '@jest/globals';
import { type TestWorkflowEnvironment } from '@temporalio/testing';
import { startWorker, type RunningWorker } from '../../src/bootstrap/create-worker.js';
import { ActivityTimeClock } from '../../src/temporal/activity-time.clock.js';
import { loadConfig } from '../../src/config/app-config.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import { startErpWebhookStandIn, type ErpWebhookStandIn } from './erp-webhook-stand-in.js';
import { uniqueId } from './platform.js';
import { createTimeSkippingEnvironment } from './time-skipping.js';
import { quietTemporalRuntime } from './quiet-runtime.js';
import { suiteState } from './suite-state.js';

/** The time-skipping server, a fresh database and the real worker on its own task queue (filled in beforeAll). */
export interface WorkerHarness {
  env: TestWorkflowEnvironment;
  db: TestDatabase;
  taskQueue: string;
  worker: RunningWorker;
  /** The ERP webhook stand-in, when asked for. */
  erp: ErpWebhookStandIn;
}

export function useTimeSkippingWorker(prefix: string, options: { erpWebhook?: boolean } = {}): WorkerHarness {
  const h = {} as WorkerHarness;
  beforeAll(async () => {
    quietTemporalRuntime();
    h.env = await createTimeSkippingEnvironment();
    h.db = await createTestDatabase();
    if (options.erpWebhook) h.erp = await startErpWebhookStandIn();
    h.taskQueue = uniqueId(prefix);
    const config = loadConfig({
      DATABASE_URL: h.db.url, TEMPORAL_TASK_QUEUE: h.taskQueue, LOG_LEVEL: 'error', ...(options.erpWebhook ? h.erp.env() : {}),
    });
    h.worker = await startWorker(config, { workflowBundlePath: suiteState().workflowBundlePath, logger: false, connection: h.env.nativeConnection, clock: new ActivityTimeClock() });
  });
  afterAll(async () => {
    await h.worker?.shutdown();
    await h.erp?.close();
    await h.db?.drop();
    await h.env?.teardown();
  });
  return h;
}

/** Real-time polling for what happens outside the server clock (stand-in deliveries, rows), which only moves when the test moves it. */
export async function untilReal<T>(probe: () => T | undefined | null | false | Promise<T | undefined | null | false>, what: string): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`not within 15 s: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
