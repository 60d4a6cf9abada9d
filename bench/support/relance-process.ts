// One Relance process for the intake benchmark (bench/intake-throughput.bench.ts):
//
//   node scripts/run-ts.mjs bench/support/relance-process.ts all|api|worker
//
// Configured by the environment like `npm start` (DATABASE_URL, TEMPORAL_ADDRESS, PORT,
// RELANCE_DEV_API_KEY, RELANCE_WORKER_* sizing…); the database is migrated by the benchmark.
// Prints `ready` on stdout once it serves; answers each `stats` line on stdin with a JSON line
// (database round trips so far, RSS, CPU time); stops on SIGTERM.
import 'reflect-metadata';
import { createInterface } from 'node:readline';
import pg from 'pg';
import pino from 'pino';
import { createApiApp } from '../../src/bootstrap/create-api.js';
import { startWorker, type RunningWorker } from '../../src/bootstrap/create-worker.js';
import { loadConfig } from '../../src/config/app-config.js';
import { createRootLogger } from '../../src/observability/logger.js';
import { installTemporalRuntime } from '../../src/observability/temporal-runtime.js';

const mode = process.argv[2];
if (mode !== 'all' && mode !== 'api' && mode !== 'worker') {
  process.stderr.write('usage: relance-process.ts all|api|worker\n');
  process.exit(2);
}
// Every statement a pg client sends, API and worker alike: the benchmark's database round trips.
let queries = 0;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function countedQuery(this: pg.Client, ...args: unknown[]) {
  queries += 1;
  return (query as (...a: unknown[]) => unknown).apply(this, args);
} as typeof query;

const config = loadConfig(process.env);
// Logs (warnings and errors: LOG_LEVEL=warn) go to stderr; stdout carries the protocol.
installTemporalRuntime(config, createRootLogger(config, pino.destination(2)));
const key = config.RELANCE_DEV_API_KEY;
if (!key) throw new Error('RELANCE_DEV_API_KEY is required');

let worker: RunningWorker | null = null;
if (mode !== 'api') worker = await startWorker(config, { logger: false });
const api = mode === 'worker' ? null : await createApiApp(config, [key], { logger: false });
await api?.listen(config.PORT, '127.0.0.1');
process.stdout.write('ready\n');
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() !== 'stats') return;
  const cpu = process.cpuUsage();
  process.stdout.write(`${JSON.stringify({ queries, rssBytes: process.memoryUsage().rss, cpuMs: (cpu.user + cpu.system) / 1000 })}\n`);
});

process.on('SIGTERM', () => {
  void (async () => {
    await api?.close();
    await worker?.shutdown();
    process.exit(0);
  })();
});
worker?.done.catch((err: unknown) => {
  process.stderr.write(`worker stopped: ${String(err)}\n`);
  process.exit(1);
});
