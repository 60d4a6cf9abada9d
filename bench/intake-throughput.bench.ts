// Intake throughput, end to end (prints figures; not a test):
//
//   npm run -s bench:intake [-- --sizes 2000,10000 --modes one,separate --raw 2000 --clients 32]
//
// One Temporal dev server and one scratch database for the whole run, so the ratios compare like
// with like on a machine shared with other work (its load average is printed beside the figures):
//   (a) raw `client.workflow.start` rate, the worker running (it drains what is started);
//   (b) end-to-end invoice rate: first POST /api/v1/invoices until the last workflow has set its
//       first timer (read from each workflow's history), API and worker in one process (`one`) and
//       in two (`separate`);
//   (c) live work while that load drains, fired when the last invoice is accepted: an invoice 8
//       days overdue until its reminder is recorded, a payment until its invoice's workflow has
//       completed, a dispute decision until the API has recorded it;
//   (d) worker RSS and CPU per 1,000 workflows taken in and per 1,000 open (sleeping) workflows;
// and the intake path's cost per invoice: workflow tasks, activities, local activities before the
// first timer, and database round trips (API and worker).
// Worker sizing comes from the RELANCE_WORKER_* variables (docs/scaling.md), passed through.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode } from '@temporalio/worker';
import type { temporal } from '@temporalio/proto';
import { startDevTemporal } from '../src/bootstrap/dev-temporal.js';
import { workerSizing } from '../src/bootstrap/create-worker.js';
import { loadConfig } from '../src/config/app-config.js';
import { runMigrations } from '../src/database/migrate.js';
import { DEFAULT_TASK_QUEUE, invoiceWorkflowId, type InvoiceDunningInput } from '../workflows/definitions.js';
import { scratchDatabase } from './support/scratch-database.js';

const argText = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const sizes = argText('sizes', '2000').split(',').map(Number);
const modes = argText('modes', 'one,separate').split(',') as ('one' | 'separate')[];
const rawStarts = Number(argText('raw', '2000'));
const clients = Number(argText('clients', '32'));
const KEY = 'bench-operator-key-0123456789abcdef';
const root = process.cwd();
const run = randomUUID().slice(0, 8);

const line = (s: string) => process.stdout.write(`${s}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
const isoDay = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const tsMs = (t: temporal.api.history.v1.IHistoryEvent['eventTime']) =>
  Number(t?.seconds ?? 0) * 1000 + Math.floor((t?.nanos ?? 0) / 1e6);

async function pool<T>(items: T[], width: number, each: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      await each(items[i]!, i);
    }
  }));
}

/** A Relance process (bench/support/relance-process.ts) that reports its round trips, RSS and CPU when asked. */
class RelanceProcess {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly waiting: ((l: string) => void)[] = [];
  private readonly stderr: string[] = [];
  readonly ready: Promise<void>;

  constructor(mode: 'all' | 'api' | 'worker', env: Record<string, string>) {
    this.child = spawn(process.execPath, ['scripts/run-ts.mjs', 'bench/support/relance-process.ts', mode], {
      cwd: root, env: { ...process.env, ...env },
    });
    this.child.stderr.on('data', (c: Buffer) => this.stderr.push(c.toString()));
    const lines = createInterface({ input: this.child.stdout });
    this.ready = new Promise((resolve, reject) => {
      this.child.once('exit', (code) => reject(new Error(`${mode} exited (${code}): ${this.stderr.join('').slice(-2000)}`)));
      lines.on('line', (l) => (l === 'ready' ? resolve() : this.waiting.shift()?.(l)));
    });
  }

  async stats(): Promise<{ queries: number; rssBytes: number; cpuMs: number }> {
    const answer = new Promise<string>((r) => this.waiting.push(r));
    this.child.stdin.write('stats\n');
    return JSON.parse(await answer) as { queries: number; rssBytes: number; cpuMs: number };
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGTERM');
    await Promise.race([exited, sleep(15_000)]);
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}

const { name: dbName, url: dbUrl, admin } = scratchDatabase('relance_bench_intake');
const dataDir = mkdtempSync(join(tmpdir(), 'relance-bench-intake-'));
const temporalPort = 17_233 + Math.floor(Math.random() * 2000);
const apiPort = 13_000 + Math.floor(Math.random() * 2000);
const baseUrl = `http://127.0.0.1:${apiPort}`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the answers of several routes, read loosely
async function api(method: string, path: string, body?: unknown, token = KEY): Promise<{ status: number; body: any }> {
  const res = await fetch(baseUrl + path, {
    method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

function invoiceBody(externalId: string, customer: string, dueInDays: number, amount = '1200.00') {
  return {
    externalId, number: `F-${externalId}`, issueDate: isoDay(dueInDays - 30), dueDate: isoDay(dueInDays), amount, currency: 'EUR',
    customer: { externalId: customer, name: `Customer ${customer}`, email: `ap-${customer}@bench.example`, language: 'fr' },
  };
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 1_800_000, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

/** What one workflow did from its start to its first timer (or to its end). */
interface IntakeTrace {
  firstTimerAt: number | null;
  workflowTasks: number;
  activities: number;
  localActivities: number;
}

async function trace(client: Client, workflowId: string): Promise<IntakeTrace> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  const t: IntakeTrace = { firstTimerAt: null, workflowTasks: 0, activities: 0, localActivities: 0 };
  for (const e of history.events ?? []) {
    if (e.timerStartedEventAttributes) {
      t.firstTimerAt = tsMs(e.eventTime);
      break;
    }
    if (e.workflowTaskCompletedEventAttributes) t.workflowTasks += 1;
    if (e.activityTaskScheduledEventAttributes) t.activities += 1;
    if (e.markerRecordedEventAttributes?.markerName === 'core_local_activity') t.localActivities += 1;
  }
  return t;
}

/** Waits until every workflow has set its first timer; returns each one's trace. */
async function firstTimers(client: Client, workflowIds: string[]): Promise<Map<string, IntakeTrace>> {
  const done = new Map<string, IntakeTrace>();
  let pending = workflowIds;
  while (pending.length > 0) {
    // Cheap check first: the most recently started ones are the last to be served.
    await until('the backlog to drain', async () => {
      const tail = pending.slice(-16);
      const traces = await Promise.all(tail.map((id) => trace(client, id)));
      return traces.every((t) => t.firstTimerAt !== null);
    }, 3_600_000, 2_000);
    const still: string[] = [];
    await pool(pending, 16, async (id) => {
      const t = await trace(client, id);
      if (t.firstTimerAt === null) still.push(id);
      else done.set(id, t);
    });
    pending = still;
  }
  return done;
}

function quantiles(samples: number[]): string {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return `p50 ${(at(0.5) / 1000).toFixed(1)} s, p95 ${(at(0.95) / 1000).toFixed(1)} s, max ${(s.at(-1)! / 1000).toFixed(1)} s`;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

line(`intake benchmark ${new Date().toISOString()}: sizes ${sizes.join(', ')}, modes ${modes.join(', ')}, ${clients} clients; load average at start ${load()}`);
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
const temporalServer = await startDevTemporal(
  loadConfig({ TEMPORAL_DEV_PORT: String(temporalPort), TEMPORAL_UI_PORT: String(temporalPort + 1), RELANCE_DATA_DIR: dataDir }),
  () => undefined,
);
const connection = await Connection.connect({ address: temporalServer.address });
const client = new Client({ connection });
const db = new pg.Client({ connectionString: dbUrl.toString() });
await db.connect();

const env: Record<string, string> = {
  DATABASE_URL: dbUrl.toString(), TEMPORAL_ADDRESS: temporalServer.address, PORT: String(apiPort),
  RELANCE_DEV_API_KEY: KEY, RELANCE_WORKFLOW_BUNDLE: bundlePath, LOG_LEVEL: 'warn', LOG_FORMAT: 'json',
  RELANCE_SENDING_WINDOW: 'off', RELANCE_MESSAGE_BATCH_QUIET_SECONDS: '5',
};
let openWorkflows = 0;

try {
  // (a) Raw starts: as many workflows as the API would start, straight to Temporal, while a worker drains them.
  {
    const worker = new RelanceProcess('worker', env);
    await worker.ready;
    const ids = Array.from({ length: rawStarts }, (_, i) => `bench-raw-${run}-${i}`);
    const t0 = Date.now();
    await pool(ids, clients, async (workflowId) => {
      const input: InvoiceDunningInput = {
        invoiceId: randomUUID(), dueDate: isoDay(20), currency: 'EUR', openAmountMinor: '120000', timeZone: 'Europe/Paris', sendHour: 9,
      };
      await client.workflow.start('invoiceDunningWorkflow', { workflowId, taskQueue: DEFAULT_TASK_QUEUE, args: [input] });
    });
    const rawSeconds = (Date.now() - t0) / 1000;
    const traces = await firstTimers(client, ids);
    const drained = (Math.max(...[...traces.values()].map((t) => t.firstTimerAt!)) - t0) / 1000;
    openWorkflows += rawStarts;
    line(`(a) raw client.workflow.start: ${rawStarts} in ${rawSeconds.toFixed(1)} s = ${(rawStarts / rawSeconds).toFixed(1)}/s ` +
      `(worker running; all at their first timer after ${drained.toFixed(1)} s = ${(rawStarts / drained).toFixed(1)}/s); load ${load()}`);
    (globalThis as { rawRate?: number }).rawRate = rawStarts / rawSeconds;
    await worker.stop();
  }
  const rawRate = (globalThis as { rawRate?: number }).rawRate!;

  let probeSeq = 0;
  let people: { validator: string; collector: string } | undefined;
  for (const size of sizes) {
    for (const mode of modes) {
      const tag = `${mode}/${size}`;
      const procs = mode === 'one' ? [new RelanceProcess('all', env)] : [new RelanceProcess('api', env), new RelanceProcess('worker', env)];
      await Promise.all(procs.map((p) => p.ready));
      const worker = procs.at(-1)!;
      const apiProc = procs[0]!;

      // Live work prepared before the load: an invoice to pay, a dispute waiting for its validator.
      const p = `${run}-${++probeSeq}`;
      people ??= await (async () => {
        const group = `grp-${run}`;
        const user = async (name: string, roles: string[], groups: string[]) =>
          (await api('POST', '/api/v1/users', { email: `${name}-${run}@bench.example`, name, roles, groups })).body.token as string;
        const found = { validator: await user('validator', ['dispute_validator'], [group]), collector: await user('collector', ['collector'], []) };
        await api('POST', '/api/v1/dispute-rules', { reasonCode: 'price', validatorGroup: group, resolutionHours: 48 });
        return found;
      })();
      const { validator, collector } = people;
      await api('POST', '/api/v1/invoices', invoiceBody(`PAY-${p}`, `CP-${p}`, 20));
      const disputed = await api('POST', '/api/v1/invoices', invoiceBody(`DSP-${p}`, `CD-${p}`, -10));
      const dispute = await api('POST', '/api/v1/disputes', {
        invoiceIds: [disputed.body.id], amount: '100.00', reasonCode: 'price', comment: 'Price above the order',
      }, collector);
      await until('the dispute in review', async () => (await api('GET', `/api/v1/disputes/${dispute.body.id}`)).body.status === 'in_review');
      await firstTimers(client, [invoiceWorkflowId('default', `PAY-${p}`)]);

      const before = await Promise.all(procs.map((x) => x.stats()));
      const xact0 = (await db.query(`SELECT xact_commit FROM pg_stat_database WHERE datname = $1`, [dbName])).rows[0].xact_commit;
      const accepted: number[] = [];
      const ids = Array.from({ length: size }, (_, i) => `B-${p}-${i}`);
      const t0 = Date.now();
      await pool(ids, clients, async (externalId, i) => {
        const started = Date.now();
        const res = await api('POST', '/api/v1/invoices', invoiceBody(externalId, `C-${p}-${i % Math.max(1, Math.floor(size / 4))}`, 20));
        if (res.status !== 201) throw new Error(`intake ${externalId}: ${res.status} ${JSON.stringify(res.body)}`);
        accepted[i] = Date.now() - started;
      });
      const acceptSeconds = (Date.now() - t0) / 1000;
      const atAccepted = Date.now();

      // (c) Live work while the load drains.
      const overdueId = `LATE-${p}`;
      const probes = Promise.all([
        (async () => {
          const started = Date.now();
          const res = await api('POST', '/api/v1/invoices', invoiceBody(overdueId, `CL-${p}`, -8));
          await until('the overdue reminder', async () =>
            (await db.query(`SELECT 1 FROM invoice_events WHERE invoice_id = $1 AND type = 'reminder_sent'`, [res.body.id])).rowCount! > 0, 3_600_000, 250);
          return Date.now() - started;
        })(),
        (async () => {
          const started = Date.now();
          const res = await api('POST', '/api/v1/payments', {
            externalId: `PMT-${p}`, amount: '1200.00', currency: 'EUR', receivedAt: new Date().toISOString(),
            allocations: [{ invoiceExternalId: `PAY-${p}`, amount: '1200.00' }],
          });
          if (res.status !== 201) throw new Error(`payment: ${res.status} ${JSON.stringify(res.body)}`);
          await until('the paid workflow to complete', async () =>
            (await client.workflow.getHandle(invoiceWorkflowId('default', `PAY-${p}`)).describe()).status.name === 'COMPLETED', 3_600_000, 250);
          return Date.now() - started;
        })(),
        (async () => {
          const started = Date.now();
          const res = await api('POST', `/api/v1/disputes/${dispute.body.id}/decisions`, { decision: 'reject', comment: 'Price as agreed' }, validator);
          if (res.status !== 200) throw new Error(`decision: ${res.status} ${JSON.stringify(res.body)}`);
          return Date.now() - started;
        })(),
      ]);

      const traces = await firstTimers(client, ids.map((id) => invoiceWorkflowId('default', id)));
      const [reminderMs, paymentMs, decisionMs] = await probes;
      const lastTimer = Math.max(...[...traces.values()].map((t) => t.firstTimerAt!));
      const e2eSeconds = (lastTimer - t0) / 1000;
      const after = await Promise.all(procs.map((x) => x.stats()));
      const xact1 = (await db.query(`SELECT xact_commit FROM pg_stat_database WHERE datname = $1`, [dbName])).rows[0].xact_commit;
      openWorkflows += size + 1; // the overdue probe stays open too
      const all = [...traces.values()];
      const perInvoice = (k: 'queries') => after.map((a, i) => ((a[k] - before[i]![k]) / size).toFixed(1));
      line(`(b) ${tag}: accepted ${size} in ${acceptSeconds.toFixed(1)} s = ${(size / acceptSeconds).toFixed(1)}/s (accept ${quantiles(accepted)}); ` +
        `last first-timer after ${e2eSeconds.toFixed(1)} s = ${(size / e2eSeconds).toFixed(1)}/s end to end = ${(size / e2eSeconds / rawRate).toFixed(2)}x raw; ` +
        `drained ${((lastTimer - atAccepted) / 1000).toFixed(1)} s after the last acceptance; load ${load()}`);
      line(`    intake cost per invoice: ${mean(all.map((t) => t.workflowTasks)).toFixed(2)} workflow tasks, ${mean(all.map((t) => t.activities)).toFixed(2)} activities, ` +
        `${mean(all.map((t) => t.localActivities)).toFixed(2)} local activities before the first timer; database round trips ` +
        `${mode === 'one' ? `${perInvoice('queries')[0]} (API + worker)` : `${perInvoice('queries')[0]} API + ${perInvoice('queries')[1]} worker`}, ` +
        `${((Number(xact1) - Number(xact0)) / size).toFixed(1)} committed transactions`);
      line(`(c) ${tag} live work during the drain: overdue invoice's first reminder ${(reminderMs / 1000).toFixed(1)} s, ` +
        `payment until its workflow completed ${(paymentMs / 1000).toFixed(1)} s, dispute decision recorded ${(decisionMs / 1000).toFixed(1)} s`);
      const cpuLoad = (after.at(-1)!.cpuMs - before.at(-1)!.cpuMs) / 1000;
      // Idle: a minute of sleeping workflows.
      const idle0 = await worker.stats();
      await sleep(30_000);
      const idle1 = await worker.stats();
      const rssMb = idle1.rssBytes / 2 ** 20;
      line(`(d) ${tag} ${mode === 'one' ? 'API+worker process' : 'worker process'}: CPU ${(cpuLoad / (size / 1000)).toFixed(1)} s per 1,000 invoices taken in; ` +
        `RSS ${rssMb.toFixed(0)} MB with ${openWorkflows} open workflows (${(rssMb / (openWorkflows / 1000)).toFixed(0)} MB per 1,000, ` +
        `+${((idle1.rssBytes - before.at(-1)!.rssBytes) / 2 ** 20 / (size / 1000)).toFixed(0)} MB per 1,000 taken in by this process); ` +
        `idle CPU ${((idle1.cpuMs - idle0.cpuMs) / 30_000 * 100).toFixed(1)} % of a core`);
      if (mode === 'separate') line(`    API process RSS ${(after[0]!.rssBytes / 2 ** 20).toFixed(0)} MB`);
      await Promise.all(procs.map((x) => x.stop()));
      void apiProc;
    }
  }
  line(`load average at the end ${load()}`);
} finally {
  await db.end().catch(() => undefined);
  await connection.close().catch(() => undefined);
  await temporalServer.stop();
  await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => undefined);
  rmSync(dataDir, { recursive: true, force: true });
}
