import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { createApiApp } from '../../../src/bootstrap/create-api.js';
import { loadConfig, type AppConfig } from '../../../src/config/app-config.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { TEST_API_KEY, uniqueId, type HttpResult } from '../../support/platform.js';
import { startProviderStandIn, type ProviderStandIn } from '../../support/provider-stand-in.js';
import { suiteState, testRunId } from '../../support/suite-state.js';
import { startPrivateTemporal, type PrivateTemporal } from './temporal-dev-server.js';
import { spawnWorkerProcess, type WorkerProcess } from './worker-process.js';

/**
 * What the worker fault suites run against: a private Temporal dev server
 * (persisted to a file, so it can restart), a fresh PostgreSQL database, the
 * SendGrid/Twilio stand-in, the API in this process, and the real worker as
 * separate processes started and killed by the test.
 */
export interface WorkerFaultScene {
  dir: string;
  temporal: PrivateTemporal;
  db: TestDatabase;
  providers: ProviderStandIn;
  config: AppConfig;
  client: Client;
  /** Environment of the worker processes (the same configuration as the API's). */
  workerEnv: Record<string, string>;
  request<T = any>(method: string, path: string, body?: unknown): Promise<HttpResult<T>>;
  /** Starts a worker process (`env` overrides the scene's) and waits until it polls. */
  startWorker(name: string, env?: Record<string, string>): Promise<WorkerProcess>;
  close(): Promise<void>;
}

export async function startWorkerFaultScene(
  prefix: string,
  options: { env?: Record<string, string>; persistedTemporal?: boolean } = {},
): Promise<WorkerFaultScene> {
  const dir = join(process.cwd(), '.relance', 'test', testRunId(), uniqueId(prefix));
  mkdirSync(dir, { recursive: true });
  const temporal = await startPrivateTemporal(dir, { persisted: options.persistedTemporal ?? true });
  const db = await createTestDatabase();
  const providers = await startProviderStandIn();
  const workerEnv: Record<string, string> = {
    DATABASE_URL: db.url,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_TASK_QUEUE: uniqueId(prefix),
    RELANCE_DEV_API_KEY: TEST_API_KEY,
    // Tests never depend on the hour: steps go out on their date, whatever the time of day.
    RELANCE_SENDING_WINDOW: 'off',
    RELANCE_MESSAGE_BATCH_SECONDS: '1',
    RELANCE_MESSAGE_BATCH_QUIET_SECONDS: '1',
    RELANCE_WORKFLOW_BUNDLE: suiteState().workflowBundlePath,
    // `log`: the worker's "worker polling" line tells the suite it is ready (its output goes to a file).
    LOG_LEVEL: 'log',
    ...providers.env(),
    ...options.env,
  };
  const config = loadConfig({ ...workerEnv, LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error' });
  const quiet = process.env.TEST_LOG_LEVEL ? {} : { logger: false as const };
  const api: INestApplication = await createApiApp(config, [TEST_API_KEY], quiet);
  await api.listen(0, '127.0.0.1');
  const { port } = api.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${port}`;
  const connection = await Connection.connect({ address: temporal.address });
  const client = new Client({ connection });
  const workers: WorkerProcess[] = [];

  return {
    dir, temporal, db, providers, config, client, workerEnv,
    async request(method, path, body) {
      const res = await fetch(baseUrl + path, {
        method,
        headers: { authorization: `Bearer ${TEST_API_KEY}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        // not JSON: keep the text
      }
      return { status: res.status, body: parsed as any, headers: res.headers };
    },
    async startWorker(name, env = {}) {
      const worker = spawnWorkerProcess({ env: { ...workerEnv, ...env }, logDir: dir, name });
      workers.push(worker);
      await worker.ready();
      return worker;
    },
    async close() {
      for (const w of workers) await w.kill9();
      await api.close();
      await connection.close();
      await temporal.stop({ kill: true });
      await providers.close();
      await db.drop();
      // Worker logs stay for a failed run (the suite's teardown removes the run directory); the Temporal file goes.
      rmSync(join(dir, 'temporal.db'), { force: true });
    },
  };
}

/** Runs `fn` over `items`, `concurrency` at a time. */
export async function inParallel<T>(items: readonly T[], concurrency: number, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i]!, i);
    }
  });
  await Promise.all(lanes);
}

/** Polls `probe` until it answers something truthy; real time, bounded. */
export async function until<T>(probe: () => Promise<T | null | undefined | false>, what: string, timeoutMs: number, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}${last ? ` (${String(last)})` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** ISO date `days` from the UTC date of `now`: steps days apart never depend on the hour. */
export function isoDate(now: number, days: number): string {
  return new Date(now + days * 86_400_000).toISOString().slice(0, 10);
}
