import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import { Client, Connection } from '@temporalio/client';
import { createApiApp } from '../../src/bootstrap/create-api.js';
import type { Clock } from '../../src/clock/clock.js';
import { startWorker, type RunningWorker } from '../../src/bootstrap/create-worker.js';
import { loadConfig, type AppConfig } from '../../src/config/app-config.js';
import { addDays, dateInZone } from '../../workflows/domain/calendar.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import { quietTemporalRuntime } from './quiet-runtime.js';
import { startProviderStandIn, type ProviderStandIn } from './provider-stand-in.js';
import { suiteState } from './suite-state.js';

export const TEST_API_KEY = 'test-api-key-0123456789abcdef';

export interface HttpResult<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * The real platform for end-to-end tests: the API on a random port and a
 * worker, against the suite's Temporal dev server, a fresh PostgreSQL
 * database and the provider stand-in. Each platform has its own task queue.
 */
export interface Platform {
  /** The Nest application behind baseUrl (route metadata, providers). */
  app: INestApplication;
  baseUrl: string;
  config: AppConfig;
  db: TestDatabase;
  providers: ProviderStandIn;
  temporal: Client;
  worker: RunningWorker | null;
  request<T = any>(method: string, path: string, body?: unknown, options?: { apiKey?: string | null; headers?: Record<string, string> }): Promise<HttpResult<T>>;
  close(): Promise<void>;
}

/** A unique business key: workflows on the shared dev server must never collide across tests. */
export function uniqueId(prefix: string): string {
  return `${prefix}-${randomBytes(5).toString('hex')}`;
}

// TEST_LOG_LEVEL=error (or lower) shows the application's logs, e.g. a 500's stack.
const quietUnlessAsked = process.env.TEST_LOG_LEVEL ? {} : { logger: false as const };

/**
 * `clock`: the API's "now" (default: the machine's), for tests that pin the day the API counts from.
 * `logs`: the API's and the worker's JSON log lines go there (instead of nowhere).
 */
export async function startPlatform(
  options: { env?: Record<string, string>; worker?: boolean; clock?: Clock; logs?: DestinationStream } = {},
): Promise<Platform> {
  quietTemporalRuntime();
  const state = suiteState();
  const db = await createTestDatabase();
  const providers = await startProviderStandIn();
  const config = loadConfig({
    DATABASE_URL: db.url,
    TEMPORAL_ADDRESS: state.temporalAddress,
    TEMPORAL_TASK_QUEUE: uniqueId('relance-test'),
    RELANCE_DEV_API_KEY: TEST_API_KEY,
    // Wall-clock tests must not wait for business hours; time-skipping tests cover the window.
    RELANCE_SENDING_WINDOW: 'off',
    // Nor for a customer's message batch to close (15 minutes by default); time-skipping tests cover the real delay.
    RELANCE_MESSAGE_BATCH_SECONDS: '1',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
    ...providers.env(),
    ...options.env,
  });
  const logging = options.logs ? { logDestination: options.logs } : quietUnlessAsked;
  const worker =
    options.worker === false
      ? null
      : await startWorker(config, { workflowBundlePath: state.workflowBundlePath, ...logging });
  let api: INestApplication;
  try {
    api = await createApiApp(config, [TEST_API_KEY], { ...logging, ...(options.clock && { clock: options.clock }) });
    await api.listen(0, '127.0.0.1');
  } catch (err) {
    await worker?.shutdown();
    throw err;
  }
  const { port } = api.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${port}`;
  const connection = await Connection.connect({ address: state.temporalAddress });
  const temporal = new Client({ connection });

  const platform: Platform = {
    app: api,
    baseUrl,
    config,
    db,
    providers,
    temporal,
    worker,
    async request(method, path, body, { apiKey = TEST_API_KEY, headers: extra = {} } = {}) {
      const headers: Record<string, string> = { ...extra };
      if (apiKey !== null) headers.authorization = `Bearer ${apiKey}`;
      if (body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(baseUrl + path, {
        method,
        headers,
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
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
    async close() {
      // Workers first, the one a test put in place of the original included (restart tests do): no activity
      // may still run when the database is dropped, nor after the test file's environment is torn down.
      await Promise.all([...new Set([worker, platform.worker])].map((w) => w?.shutdown()));
      await api.close();
      await connection.close();
      await providers.close();
      await db.drop();
    },
  };
  return platform;
}

/** Polls `probe` until it returns a truthy value (real time, for the real dev server). */
export async function eventually<T>(probe: () => Promise<T | null | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
}

/**
 * Today's date in the platform's default zone (Europe/Paris) shifted by
 * `days` calendar days: the day the API counts from. Not the UTC date,
 * which is still yesterday in Paris between 00:00 and 01:00 (02:00 in summer).
 */
export function isoDateDaysFromToday(days: number, nowMs = Date.now()): string {
  return addDays(dateInZone(nowMs, 'Europe/Paris'), days);
}

/** Creates an ERP integration credential (role `erp` only) through the API, as an admin would. */
export async function createIntegration(platform: Platform, name = uniqueId('erp')): Promise<{ id: string; token: string }> {
  const created = await platform.request('POST', '/api/v1/integrations', { name });
  if (created.status !== 201) throw new Error(`creating integration ${name}: ${created.status} ${JSON.stringify(created.body)}`);
  return { id: created.body.id, token: created.body.token };
}

/** Creates one user per name through the API (as an admin would); their tokens, ids and emails by name. */
export async function createUsers(
  platform: Platform,
  people: Readonly<Record<string, readonly string[]>>,
  groups: Readonly<Record<string, readonly string[]>> = {},
): Promise<{ tokens: Record<string, string>; ids: Record<string, string>; emails: Record<string, string> }> {
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const emails: Record<string, string> = {};
  for (const [name, roles] of Object.entries(people)) {
    const created = await platform.request('POST', '/api/v1/users', {
      email: `${name}-${uniqueId('u')}@relance.example`, name, roles, ...(groups[name] && { groups: groups[name] }),
    });
    if (created.status !== 201) throw new Error(`creating user ${name}: ${created.status} ${JSON.stringify(created.body)}`);
    tokens[name] = created.body.token;
    ids[name] = created.body.id;
    emails[name] = created.body.email;
  }
  return { tokens, ids, emails };
}
