// Open invoices at scale (prints figures; not a test):
//
//   npm run -s bench:open-invoices [-- --invoices 100000 --due 10000 --per-customer 10]
//
// Into a fresh database and a Temporal dev server of its own (its SQLite file, so its size can be
// read), with the API and the worker as two processes (so the worker's RSS is its own), it loads
// `--invoices` open, not-yet-due invoices through the initial-load path (POST /api/v1/imports), then:
//   1. load time and rate (the file's check, then its loading);
//   2. worker RSS once every workflow sleeps (the bulk queue empty), API RSS;
//   3. the Temporal SQLite file's size and Relance's PostgreSQL sizes, per invoice;
//   4. `--due` of them fall due for a reminder in the same minute: how long until every one of those
//      reminders is recorded (first to last message), and how late the first was.
// The `--due` invoices are imported last, one per customer (each customer's reminder is its own
// message), not yet due: their first step (the built-in courtesy notice, 3 days before the due date,
// at RELANCE_SEND_HOUR local time) falls at an instant T a few minutes after their load, chosen from
// the rate measured on the others: a time zone where T is the send hour, due dates 3 days after T's
// local date. Reminders run in real time (a dev server has no time skipping), so T is the nearest
// quarter hour some time zone offers; the run waits for it. The others are due in 20–79 days.
// The machine's load average is printed with every figure.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode } from '@temporalio/worker';
import { startDevTemporal } from '../src/bootstrap/dev-temporal.js';
import { workerSizing } from '../src/bootstrap/create-worker.js';
import { loadConfig } from '../src/config/app-config.js';
import { runMigrations } from '../src/database/migrate.js';
import { TaskQueueBacklog } from '../src/temporal/task-queue-backlog.js';
import { addDays, dateInZone } from '../workflows/domain/calendar.js';
import { scratchDatabase } from './support/scratch-database.js';

const argText = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const INVOICES = Number(argText('invoices', process.env.BENCH_INVOICES ?? '100000'));
const DUE = Math.min(INVOICES, Number(argText('due', '10000')));
const PER_CUSTOMER = Number(argText('per-customer', '10'));
const SEND_HOUR = Number(process.env.BENCH_SEND_HOUR ?? 20);
/** The first step of the built-in scenario: courtesy notice, 3 days before the due date. */
const FIRST_STEP_OFFSET_DAYS = -3;
const KEY = 'bench-open-invoices-key-0123456789';
const root = process.cwd();

const line = (s: string) => process.stdout.write(`${s}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const load = () => `load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
const today = dateInZone(Date.now(), 'Europe/Paris');

/** A Relance process (bench/support/relance-process.ts) that reports its RSS and CPU when asked. */
class RelanceProcess {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly waiting: ((l: string) => void)[] = [];
  private readonly stderr: string[] = [];
  readonly ready: Promise<void>;

  constructor(mode: 'api' | 'worker', env: Record<string, string>) {
    this.child = spawn(process.execPath, ['scripts/run-ts.mjs', 'bench/support/relance-process.ts', mode], { cwd: root, env: { ...process.env, ...env } });
    this.child.stderr.on('data', (c: Buffer) => {
      this.stderr.push(c.toString());
      if (this.stderr.length > 200) this.stderr.shift();
    });
    const lines = createInterface({ input: this.child.stdout });
    this.ready = new Promise((resolve, reject) => {
      this.child.once('exit', (code) => reject(new Error(`${mode} exited (${code}): ${this.stderr.join('').slice(-2000)}`)));
      lines.on('line', (l) => (l === 'ready' ? resolve() : this.waiting.shift()?.(l)));
    });
    this.ready.catch(() => undefined);
  }

  async stats(): Promise<{ rssBytes: number; cpuMs: number }> {
    const answer = new Promise<string>((r) => this.waiting.push(r));
    this.child.stdin.write('stats\n');
    return JSON.parse(await answer) as { rssBytes: number; cpuMs: number };
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGTERM');
    await Promise.race([exited, sleep(20_000)]);
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}

/** The local hour and minute at `ms` in `zone`. */
function localHourMinute(ms: number, zone: string): [number, number] {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(ms));
  return [Number(parts.find((p) => p.type === 'hour')!.value), Number(parts.find((p) => p.type === 'minute')!.value)];
}

/** The first quarter hour at or after `notBefore` that is SEND_HOUR:00 in some time zone, and that zone. */
function reminderSlot(notBefore: number): { at: number; zone: string } {
  const zones = Intl.supportedValuesOf('timeZone');
  const quarter = 15 * 60_000;
  for (let at = Math.ceil(notBefore / quarter) * quarter; at < notBefore + 86_400_000; at += quarter) {
    const zone = zones.find((z) => {
      const [h, m] = localHourMinute(at, z);
      return h === SEND_HOUR && m === 0;
    });
    if (zone) return { at, zone };
  }
  throw new Error('no time zone has the send hour within a day');
}

function coldRow(i: number) {
  const c = Math.floor(i / PER_CUSTOMER);
  return {
    externalId: `OPEN-${i}`, number: `F-OPEN-${i}`, issueDate: addDays(today, -10 - (i % 30)), dueDate: addDays(today, 20 + (i % 60)),
    amount: `${100 + (i % 9000)}.${String(i % 100).padStart(2, '0')}`, currency: 'EUR',
    customer: { externalId: `CUST-${c}`, name: `Customer ${c}`, email: `ap${c}@open.example` },
  };
}

function dueRow(i: number, slot: { at: number; zone: string }) {
  const dueDate = addDays(dateInZone(slot.at, slot.zone), -FIRST_STEP_OFFSET_DAYS);
  return {
    externalId: `DUE-${i}`, number: `F-DUE-${i}`, issueDate: addDays(dueDate, -30), dueDate,
    amount: `${200 + (i % 5000)}.00`, currency: 'EUR',
    customer: { externalId: `DUE-CUST-${i}`, name: `Due customer ${i}`, email: `ap-due${i}@open.example`, timeZone: slot.zone },
  };
}

const { name: dbName, url: dbUrl, admin } = scratchDatabase('relance_bench_open');
const dataDir = mkdtempSync(join(tmpdir(), 'relance-bench-open-'));
const temporalPort = 19_233 + Math.floor(Math.random() * 2000);
const apiPort = 15_000 + Math.floor(Math.random() * 2000);
const baseUrl = `http://127.0.0.1:${apiPort}`;
const auth = { authorization: `Bearer ${KEY}` };

interface ImportProgress { status: string; rows: { total: number; done: number; failed: number }; ratePerSecond: number | null; etaSeconds: number | null }

/** Posts a JSON-lines file as an import and follows it to the end; returns the seconds spent checking and loading. */
async function importFile(label: string, rows: object[]): Promise<{ checkSeconds: number; loadSeconds: number; done: number; failed: number }> {
  const file = rows.map((r) => JSON.stringify(r)).join('\n');
  const posted = Date.now();
  const res = await fetch(`${baseUrl}/api/v1/imports?name=${label}`, { method: 'POST', headers: { ...auth, 'content-type': 'application/x-ndjson' }, body: file });
  const accepted = (await res.json()) as { id: string };
  const checkSeconds = (Date.now() - posted) / 1000;
  if (res.status !== 202) throw new Error(`${label} refused: ${res.status} ${JSON.stringify(accepted).slice(0, 500)}`);
  line(`${label}: ${rows.length} rows (${(file.length / 1e6).toFixed(1)} MB) checked and stored in ${checkSeconds.toFixed(1)} s (${load()})`);
  let lastPrint = 0;
  for (;;) {
    await sleep(2000);
    const view = (await (await fetch(`${baseUrl}/api/v1/imports/${accepted.id}`, { headers: auth })).json()) as ImportProgress;
    const processed = view.rows.done + view.rows.failed;
    if (view.status === 'completed' || Date.now() - lastPrint > 60_000) {
      lastPrint = Date.now();
      line(`  ${label}: ${processed}/${view.rows.total} rows, ${view.ratePerSecond ?? '–'} rows/s, ETA ${view.etaSeconds ?? '–'} s (${load()})`);
    }
    if (view.status === 'completed') {
      return { checkSeconds, loadSeconds: (Date.now() - posted) / 1000 - checkSeconds, done: view.rows.done, failed: view.rows.failed };
    }
  }
}

line(`open-invoices benchmark ${new Date().toISOString()}: ${INVOICES} invoices (${DUE} falling due together), ${PER_CUSTOMER} per customer otherwise; ${load()}`);
line(`worker sizing: ${JSON.stringify(workerSizing(loadConfig(process.env)))}`);
await admin(`CREATE DATABASE ${dbName}`);
const bundlePath = join(dataDir, 'workflow-bundle.js');
const silent = () => undefined;
const { code } = await bundleWorkflowCode({
  workflowsPath: join(root, 'workflows', 'index.ts'),
  workflowInterceptorModules: [join(root, 'workflows', 'log-context.interceptors.ts')],
  logger: { trace: silent, debug: silent, info: silent, log: silent, warn: console.warn, error: console.error },
});
writeFileSync(bundlePath, code);
await runMigrations(dbUrl.toString());
const devConfig = loadConfig({ TEMPORAL_DEV_PORT: String(temporalPort), TEMPORAL_UI_PORT: String(temporalPort + 1), RELANCE_DATA_DIR: dataDir });
const temporalServer = await startDevTemporal(devConfig, () => undefined);
const temporalDb = join(dataDir, 'temporal.db');
const connection = await Connection.connect({ address: temporalServer.address });
const client = new Client({ connection });
const db = new pg.Client({ connectionString: dbUrl.toString() });
await db.connect();
const env: Record<string, string> = {
  DATABASE_URL: dbUrl.toString(), TEMPORAL_ADDRESS: temporalServer.address, PORT: String(apiPort),
  RELANCE_DEV_API_KEY: KEY, RELANCE_WORKFLOW_BUNDLE: bundlePath, LOG_LEVEL: 'warn', LOG_FORMAT: 'json',
  RELANCE_SENDING_WINDOW: 'off', RELANCE_SEND_HOUR: String(SEND_HOUR), RELANCE_IMPORT_LIMIT_MB: '500',
};
const appConfig = loadConfig({ ...process.env, ...env });
const backlog = new TaskQueueBacklog(client, appConfig);
const worker = new RelanceProcess('worker', env);
const api = new RelanceProcess('api', env);
const query = async <T>(sql: string, params: unknown[] = []) => (await db.query(sql, params)).rows as T[];

/** Every started workflow has run its first task: nothing waits on either queue. */
async function allSleeping(): Promise<number> {
  const started = Date.now();
  let quiet = 0;
  while (quiet < 3) {
    await sleep(2000);
    const snapshot = await backlog.snapshot();
    quiet = snapshot.queues.every((q) => q.backlog === 0) ? quiet + 1 : 0;
  }
  return (Date.now() - started) / 1000;
}

try {
  await Promise.all([worker.ready, api.ready]);
  const idle = await worker.stats();
  line(`worker RSS before the load: ${mb(idle.rssBytes)} (${load()})`);

  // 1. The invoices not falling due during the run.
  const cold = INVOICES - DUE;
  const coldRun = cold > 0 ? await importFile('open', Array.from({ length: cold }, (_, i) => coldRow(i))) : null;
  const coldRate = coldRun ? coldRun.done / coldRun.loadSeconds : 20;
  if (coldRun) line(`loaded ${coldRun.done} (${coldRun.failed} failed) in ${coldRun.loadSeconds.toFixed(0)} s: ${coldRate.toFixed(1)} invoices/s (${load()})`);

  // 2. The invoices falling due together, at a slot after their expected load time.
  const slot = reminderSlot(Date.now() + (DUE / coldRate) * 1.5 * 1000 + 180_000);
  line(`${DUE} invoices will fall due at ${new Date(slot.at).toISOString()} (${SEND_HOUR}:00 in ${slot.zone})`);
  const dueRun = await importFile('due', Array.from({ length: DUE }, (_, i) => dueRow(i, slot)));
  line(`loaded ${dueRun.done} (${dueRun.failed} failed) in ${dueRun.loadSeconds.toFixed(0)} s: ${(dueRun.done / dueRun.loadSeconds).toFixed(1)} invoices/s (${load()})`);
  const totalLoad = (coldRun?.loadSeconds ?? 0) + dueRun.loadSeconds;
  const totalCheck = (coldRun?.checkSeconds ?? 0) + dueRun.checkSeconds;
  line(`LOAD: ${INVOICES} invoices checked in ${totalCheck.toFixed(0)} s, loaded in ${totalLoad.toFixed(0)} s = ${(INVOICES / totalLoad).toFixed(1)} invoices/s (${load()})`);
  const settle = await allSleeping();
  line(`every workflow asleep ${settle.toFixed(0)} s after the last row (${load()})`);

  // 3. Memory and storage with everything asleep.
  const [w, a] = [await worker.stats(), await api.stats()];
  const running = await client.workflow.count('ExecutionStatus = "Running"');
  line(`RSS with ${running.count} running workflows asleep: worker ${mb(w.rssBytes)} (target < 1 GB), API ${mb(a.rssBytes)}; worker CPU ${(w.cpuMs / 1000).toFixed(0)} s so far (${load()})`);
  const fileSize = (p: string) => (existsSync(p) ? statSync(p).size : 0);
  const temporalBytes = fileSize(temporalDb) + fileSize(`${temporalDb}-wal`) + fileSize(`${temporalDb}-shm`);
  line(`Temporal SQLite: ${mb(temporalBytes)} (${(temporalBytes / INVOICES / 1024).toFixed(1)} KiB per invoice; main file ${mb(fileSize(temporalDb))}, WAL ${mb(fileSize(`${temporalDb}-wal`))})`);
  const [{ bytes: relanceBytes }] = await query<{ bytes: string }>('SELECT pg_database_size(current_database()) AS bytes');
  const tables = await query<{ name: string; bytes: string }>(
    `SELECT c.relname AS name, pg_total_relation_size(c.oid) AS bytes FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY 2 DESC LIMIT 12`);
  line(`Relance PostgreSQL: ${mb(Number(relanceBytes))} (${(Number(relanceBytes) / INVOICES / 1024).toFixed(1)} KiB per invoice, import rows included); largest tables:`);
  for (const t of tables) line(`  ${t.name}: ${mb(Number(t.bytes))} (${(Number(t.bytes) / INVOICES).toFixed(0)} B per invoice)`);

  // 4. The reminders falling due together.
  const wait = slot.at - Date.now();
  line(`waiting ${Math.max(0, wait / 1000).toFixed(0)} s for ${new Date(slot.at).toISOString()} (${load()})`);
  let peakRss = 0;
  while (Date.now() < slot.at) {
    await sleep(Math.min(10_000, Math.max(0, slot.at - Date.now())));
  }
  const recorded = () => query<{ n: number; first: Date | null; last: Date | null }>(
    `SELECT count(*)::int AS n, min(m.created_at) AS first, max(m.created_at) AS last FROM outbound_messages m
       JOIN customers c ON c.id = m.customer_id WHERE c.external_id LIKE 'DUE-CUST-%'`);
  let last = { n: 0, first: null as Date | null, last: null as Date | null };
  let stalledSince = Date.now();
  for (;;) {
    await sleep(2000);
    peakRss = Math.max(peakRss, (await worker.stats()).rssBytes);
    const [now] = await recorded();
    if (now!.n !== last.n) stalledSince = Date.now();
    last = now!;
    if (last.n >= DUE || Date.now() - stalledSince > 300_000) break;
  }
  const firstLate = last.first ? (last.first.getTime() - slot.at) / 1000 : NaN;
  const drain = last.first && last.last ? (last.last.getTime() - last.first.getTime()) / 1000 : NaN;
  line(`REMINDERS: ${last.n}/${DUE} recorded; first ${firstLate.toFixed(1)} s after they fell due, last ${(firstLate + drain).toFixed(1)} s after: drained in ${drain.toFixed(1)} s = ${(last.n / drain).toFixed(1)} reminders/s (${load()})`);
  line(`worker RSS peak while draining: ${mb(peakRss)} (${load()})`);
  const after = fileSize(temporalDb) + fileSize(`${temporalDb}-wal`);
  line(`Temporal SQLite after the reminders: ${mb(after)} (+${((after - temporalBytes) / Math.max(1, last.n) / 1024).toFixed(1)} KiB per reminder)`);
} finally {
  await api.stop();
  await worker.stop();
  await db.end().catch(() => undefined);
  await connection.close().catch(() => undefined);
  await temporalServer.stop();
  await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(0);
