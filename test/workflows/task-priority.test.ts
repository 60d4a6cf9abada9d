/**
 * The Temporal server we run (the CLI's `server start-dev`, as src/bootstrap/dev-temporal.ts
 * starts it) hands out a higher-priority workflow task before a backlog of default ones: a start
 * with a step due (src/temporal/task-priority.ts) is served ahead of starts that only set a timer.
 * Priority holds within a task-queue partition, so this server keeps one partition (the default
 * four spread a backlog at random and blur the order; docs/scaling.md). Without the priority
 * matcher (`matching.useNewMatcher=false`, the default before server 1.28… 1.29) the due start
 * comes last, after the whole backlog.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, NativeConnection, Worker } from '@temporalio/worker';
import { projectRoot } from '../../src/bootstrap/project-root.js';
import { loadTemporalBinaries } from '../../src/bootstrap/temporal-binaries.js';
import { startPriority } from '../../src/temporal/task-priority.js';
import { freePort } from '../support/free-port.js';
import { quietTemporalRuntime } from '../support/quiet-runtime.js';

const BACKLOG = 200;
const taskQueue = 'priority-probe';

let server: ChildProcess;
let address: string;
let client: Client;

beforeAll(async () => {
  quietTemporalRuntime();
  const { resolveTemporalBinaries } = await loadTemporalBinaries();
  const { cli } = resolveTemporalBinaries({ root: projectRoot() });
  if (!cli) throw new Error('The Temporal CLI is required: run `node scripts/ensure-temporal.mjs`');
  const [port, httpPort] = [await freePort(), await freePort()];
  server = spawn(cli, [
    'server', 'start-dev', '--headless', '--ip', '127.0.0.1', '--port', String(port), '--http-port', String(httpPort), '--log-level', 'error',
    '--dynamic-config-value', 'matching.numTaskqueueReadPartitions=1', '--dynamic-config-value', 'matching.numTaskqueueWritePartitions=1',
  ], { stdio: 'ignore' });
  address = `127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      const c = await Connection.connect({ address, connectTimeout: 1000 });
      await c.workflowService.getSystemInfo({});
      await c.close();
      break;
    } catch (err) {
      if (i > 150) throw err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  client = new Client({ connection: await Connection.connect({ address }) });
}, 60_000);

afterAll(async () => {
  await client?.connection.close();
  server?.kill('SIGTERM');
});

/** When the workflow's first task was handed to a worker (server time, ms). */
async function firstTaskAt(workflowId: string): Promise<number | null> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  const started = history.events?.find((e) => e.workflowTaskStartedEventAttributes);
  return started ? Number(started.eventTime!.seconds) * 1000 + Math.floor((started.eventTime!.nanos ?? 0) / 1e6) : null;
}

test('a start with a step due is served before a backlog of starts that only set a timer', async () => {
  const start = (workflowId: string, urgency: 'due_now' | 'scheduled') =>
    client.workflow.start('priorityProbeWorkflow', { workflowId, taskQueue, priority: startPriority('live', urgency) });
  // The backlog builds while no worker polls; then a due start, then one more like the backlog.
  const backlog = Array.from({ length: BACKLOG }, (_, i) => `backlog-${i}`);
  for (let i = 0; i < backlog.length; i += 20) await Promise.all(backlog.slice(i, i + 20).map((id) => start(id, 'scheduled')));
  await start('due', 'due_now');
  await start('after', 'scheduled');

  const workflowBundle = await bundleWorkflowCode({
    workflowsPath: join(projectRoot(), 'test', 'workflows', 'support', 'priority-probe.workflow.ts'),
    logger: { trace: () => {}, debug: () => {}, info: () => {}, log: () => {}, warn: () => {}, error: () => {} },
  });
  const worker = await Worker.create({
    connection: await NativeConnection.connect({ address }), taskQueue, workflowBundle,
    maxConcurrentWorkflowTaskExecutions: 2, maxConcurrentWorkflowTaskPolls: 2,
  });
  // Every probe's first task, once all have run: a start not yet served has no time to compare
  // (the default ones enqueued together are not served in strict order, so "after" may come before a few).
  const probes = [...backlog, 'due', 'after'];
  const servedAt = new Map<string, number>();
  await worker.runUntil(async () => {
    for (let i = 0; servedAt.size < probes.length; i++) {
      if (i > 600) throw new Error(`the backlog did not drain: ${probes.length - servedAt.size} never served`);
      const waiting = probes.filter((id) => !servedAt.has(id));
      const times = await Promise.all(waiting.map(async (id) => [id, await firstTaskAt(id)] as const));
      for (const [id, at] of times) if (at !== null) servedAt.set(id, at);
      if (servedAt.size < probes.length) await new Promise((r) => setTimeout(r, 100));
    }
  });

  const served = backlog.map((id) => servedAt.get(id)!);
  const due = servedAt.get('due')!;
  const after = servedAt.get('after')!;
  const backlogBeforeDue = served.filter((t) => t < due).length;
  // The due start, enqueued behind the whole backlog, is served within its first tenth …
  expect(backlogBeforeDue).toBeLessThan(BACKLOG / 10);
  // … while a default start enqueued with it waits for most of the backlog (first in, first out, loosely).
  expect(served.filter((t) => t <= after).length).toBeGreaterThan(BACKLOG * 0.75);
}, 120_000);
