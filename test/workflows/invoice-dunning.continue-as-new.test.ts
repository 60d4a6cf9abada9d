/**
 * An invoice workflow continues as new when the server suggests it
 * (`workflowInfo().continueAsNewSuggested`), not only past its own event
 * limit: a dev server of its own is told to suggest it after 40 events, the
 * workflow is kept busy by ERP changes, and its next run carries the state on.
 * The first run's history then replays on the current code.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { startWorker, type RunningWorker } from '../../src/bootstrap/create-worker.js';
import { projectRoot } from '../../src/bootstrap/project-root.js';
import { loadTemporalBinaries } from '../../src/bootstrap/temporal-binaries.js';
import { loadConfig } from '../../src/config/app-config.js';
import { dunningStateQuery, invoiceChangedSignal } from '../../workflows/definitions.js';
import type { invoiceDunningWorkflow } from '../../workflows/invoice-dunning.workflow.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { freePort } from '../support/free-port.js';
import { uniqueId } from '../support/platform.js';
import { quietTemporalRuntime } from '../support/quiet-runtime.js';
import { suiteState } from '../support/suite-state.js';
import { dunningInput, seedInvoice, shiftDate } from '../support/time-skipping.js';

const SUGGEST_AFTER_EVENTS = 40;

let server: ChildProcess;
let connection: NativeConnection;
let client: Client;
let db: TestDatabase;
let worker: RunningWorker;
const taskQueue = uniqueId('can-suggested');

beforeAll(async () => {
  quietTemporalRuntime();
  const { resolveTemporalBinaries } = await loadTemporalBinaries();
  const { cli } = resolveTemporalBinaries({ root: projectRoot() });
  if (!cli) throw new Error('The Temporal CLI is required: run `node scripts/ensure-temporal.mjs`');
  const [port, httpPort] = [await freePort(), await freePort()];
  server = spawn(cli, [
    'server', 'start-dev', '--headless', '--ip', '127.0.0.1', '--port', String(port), '--http-port', String(httpPort), '--log-level', 'error',
    '--dynamic-config-value', `limit.historyCount.suggestContinueAsNew=${SUGGEST_AFTER_EVENTS}`,
  ], { stdio: 'ignore' });
  const address = `127.0.0.1:${port}`;
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
  connection = await NativeConnection.connect({ address });
  client = new Client({ connection: await Connection.connect({ address }) });
  db = await createTestDatabase();
  const config = loadConfig({ DATABASE_URL: db.url, TEMPORAL_ADDRESS: address, TEMPORAL_TASK_QUEUE: taskQueue, LOG_LEVEL: 'error' });
  worker = await startWorker(config, { workflowBundlePath: suiteState().workflowBundlePath, logger: false, connection });
}, 60_000);

afterAll(async () => {
  await worker?.shutdown();
  await client?.connection.close();
  await connection?.close();
  await db?.drop();
  server?.kill('SIGTERM');
});

test('the server\'s continue-as-new suggestion starts a new run that keeps the invoice\'s state', async () => {
  const today = new Date().toISOString().slice(0, 10);
  const invoice = await seedInvoice(db.dataSource, { dueDate: shiftDate(today, 20) });
  // The workflow's own limit is out of reach: only the suggestion can end the run.
  const handle = await client.workflow.start<typeof invoiceDunningWorkflow>('invoiceDunningWorkflow', {
    workflowId: invoice.workflowId, taskQueue, args: [dunningInput(invoice, { continueAsNewAfterEvents: 1_000_000 })],
  });
  const dueDate = shiftDate(invoice.dueDate, 30);
  for (let i = 0; i < 20; i++) {
    await handle.signal(invoiceChangedSignal, { dueDate: i % 2 === 0 ? dueDate : invoice.dueDate, openAmountMinor: invoice.amountMinor.toString() });
    const latest = await client.workflow.getHandle(invoice.workflowId).describe();
    if (latest.runId !== handle.firstExecutionRunId) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const deadline = Date.now() + 20_000;
  let latestRunId = handle.firstExecutionRunId;
  while (latestRunId === handle.firstExecutionRunId && Date.now() < deadline) {
    latestRunId = (await client.workflow.getHandle(invoice.workflowId).describe()).runId;
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(latestRunId).not.toBe(handle.firstExecutionRunId);

  const first = await client.workflow.getHandle(invoice.workflowId, handle.firstExecutionRunId).fetchHistory();
  const events = first.events ?? [];
  expect(events.at(-1)?.workflowExecutionContinuedAsNewEventAttributes).toBeTruthy();
  expect(events.some((e) => e.workflowTaskStartedEventAttributes?.suggestContinueAsNew)).toBe(true);
  // Far below the workflow's own limit: the suggestion did it.
  expect(events.length).toBeLessThan(200);

  const state = await client.workflow.getHandle(invoice.workflowId).query(dunningStateQuery);
  expect(state).toMatchObject({ status: 'open', openAmountMinor: invoice.amountMinor.toString() });
  expect([invoice.dueDate, dueDate]).toContain(state.dueDate);

  await Worker.runReplayHistory({ workflowBundle: { codePath: suiteState().workflowBundlePath } }, first, invoice.workflowId);
  await client.workflow.getHandle(invoice.workflowId).terminate('test over');
}, 60_000);
