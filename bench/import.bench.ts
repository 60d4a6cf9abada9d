// Initial load benchmark (npm run bench:import): the whole platform (a Temporal dev server, a scratch
// PostgreSQL database, API and worker in one process) loads BENCH_IMPORT_ROWS open invoices (default
// 2,000) through POST /api/v1/imports, and prints: the check time of the file, the load rate and
// duration, the bulk and live queues' backlog while loading, and the latency of live work during the
// load (an overdue invoice's first reminder sent, from its POST). TEMPORAL_ADDRESS: use that server.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { createApiApp } from '../src/bootstrap/create-api.js';
import { startWorker, type RunningWorker } from '../src/bootstrap/create-worker.js';
import { startDevTemporal, type DevTemporal } from '../src/bootstrap/dev-temporal.js';
import { prepareDatabase } from '../src/bootstrap/prepare-database.js';
import { loadConfig } from '../src/config/app-config.js';
import { TaskQueueBacklog } from '../src/temporal/task-queue-backlog.js';
import { addDays, dateInZone } from '../workflows/domain/calendar.js';
import { scratchDatabase } from './support/scratch-database.js';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 2000);
const KEY = 'bench-import-key-0123456789';
const day = (offset: number) => addDays(dateInZone(Date.now(), 'Europe/Paris'), offset);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function row(i: number) {
  return JSON.stringify({
    externalId: `OB-${i}`, number: `F-OB-${i}`,
    customer: { externalId: `C-${i % 5000}`, name: `Customer ${i % 5000}`, email: `ap${i % 5000}@opening.example` },
    issueDate: day(-10 - (i % 30)), dueDate: day(5 + (i % 60)), amount: `${100 + (i % 900)}.${String(i % 100).padStart(2, '0')}`, currency: 'EUR',
  });
}

async function main(): Promise<void> {
  const db = scratchDatabase('relance_bench_import');
  await db.admin(`CREATE DATABASE ${db.name}`);
  const dataDir = mkdtempSync(join(tmpdir(), 'relance-bench-import-'));
  let devTemporal: DevTemporal | null = null;
  let worker: RunningWorker | null = null;
  let api: INestApplication | null = null;
  try {
    const devPort = await freePort();
    const config = loadConfig({
      ...process.env, DATABASE_URL: db.url.toString(), RELANCE_DATA_DIR: dataDir, RELANCE_DEV_API_KEY: KEY,
      RELANCE_SENDING_WINDOW: 'off', RELANCE_MESSAGE_BATCH_SECONDS: '1', LOG_LEVEL: 'error', LOG_FORMAT: 'json',
      TEMPORAL_DEV_PORT: String(devPort), TEMPORAL_UI_PORT: String(await freePort()),
    });
    if (!config.TEMPORAL_ADDRESS) {
      devTemporal = await startDevTemporal(config, () => undefined);
      config.TEMPORAL_ADDRESS = devTemporal.address;
    }
    await prepareDatabase(config, () => undefined);
    worker = await startWorker(config, { logger: false });
    api = await createApiApp(config, [KEY], { logger: false });
    await api.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${(api.getHttpServer().address() as { port: number }).port}`;
    const auth = { authorization: `Bearer ${KEY}` };
    const backlog = api.get(TaskQueueBacklog);

    const file = Array.from({ length: ROWS }, (_, i) => row(i)).join('\n');
    const posted = Date.now();
    const res = await fetch(`${base}/api/v1/imports`, { method: 'POST', headers: { ...auth, 'content-type': 'application/x-ndjson' }, body: file });
    const accepted = (await res.json()) as { id: string };
    const checkSeconds = (Date.now() - posted) / 1000;
    if (res.status !== 202) throw new Error(`import refused: ${res.status} ${JSON.stringify(accepted).slice(0, 500)}`);
    process.stdout.write(`${ROWS} rows (${(file.length / 1e6).toFixed(1)} MB) checked and stored in ${checkSeconds.toFixed(1)} s\n`);

    let live: { postedAt: number; id: string } | null = null;
    let liveLatency: number | null = null;
    let maxBulk = 0;
    let maxLiveAge = 0;
    for (;;) {
      await new Promise((r) => setTimeout(r, 1000));
      const view = (await (await fetch(`${base}/api/v1/imports/${accepted.id}`, { headers: auth })).json()) as {
        status: string; rows: { done: number; failed: number; total: number }; ratePerSecond: number | null; etaSeconds: number | null;
      };
      const snapshot = await backlog.snapshot();
      maxBulk = Math.max(maxBulk, snapshot.queues.find((q) => q.lane === 'bulk')!.backlog);
      maxLiveAge = Math.max(maxLiveAge, snapshot.queues.find((q) => q.lane === 'live')!.oldestTaskAgeSeconds);
      process.stdout.write(`\r${view.rows.done + view.rows.failed}/${view.rows.total} rows, ${view.ratePerSecond ?? '–'} rows/s, ETA ${view.etaSeconds ?? '–'} s   `);
      if (!live && view.rows.done >= ROWS / 4) {
        const body = JSON.parse(row(ROWS + 1)) as Record<string, unknown>;
        const postedAt = Date.now();
        const created = await fetch(`${base}/api/v1/invoices`, {
          method: 'POST', headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify({ ...body, externalId: 'LIVE-1', issueDate: day(-38), dueDate: day(-8) }),
        });
        live = { postedAt, id: ((await created.json()) as { id: string }).id };
      }
      if (live && liveLatency === null) {
        const messages = (await (await fetch(`${base}/api/v1/messages?invoiceId=${live.id}`, { headers: auth })).json()) as { status: string }[];
        // Without provider keys a message is `recorded` instead of `sent`: either way it went out.
        if (messages.some((m) => m.status === 'sent' || m.status === 'recorded')) liveLatency = (Date.now() - live.postedAt) / 1000;
      }
      if (view.status === 'completed') {
        process.stdout.write('\n');
        const seconds = (Date.now() - posted) / 1000 - checkSeconds;
        process.stdout.write(`loaded ${view.rows.done} rows (${view.rows.failed} failed) in ${seconds.toFixed(1)} s: ${(view.rows.done / seconds).toFixed(1)} rows/s end to end (API ratePerSecond ${view.ratePerSecond})\n`);
        process.stdout.write(`backlog while loading: bulk queue max ${maxBulk} tasks; live queue oldest task max ${maxLiveAge.toFixed(1)} s\n`);
        process.stdout.write(`live invoice posted at 25% of the load: first reminder sent after ${liveLatency === null ? 'not yet (after the load)' : `${liveLatency.toFixed(1)} s`}\n`);
        process.stdout.write(`process RSS at the end: ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB\n`);
        break;
      }
    }
  } finally {
    await api?.close();
    await worker?.shutdown();
    await devTemporal?.stop();
    await db.admin(`DROP DATABASE IF EXISTS ${db.name} WITH (FORCE)`);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${String(err)}\n`);
    process.exit(1);
  },
);
