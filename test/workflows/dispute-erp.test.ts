/**
 * The ERP is down when a dispute is accepted: the credit_note.requested event
 * is retried (signed, same event id) until the ERP acknowledges; the invoice is
 * reduced and the dispute closed meanwhile. Time-skipping server, real worker
 * and PostgreSQL, the ERP webhook stand-in.
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { startWorker, type RunningWorker } from '../../src/bootstrap/create-worker.js';
import { loadConfig } from '../../src/config/app-config.js';
import { Dispute } from '../../src/disputes/dispute.entity.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { startErpWebhookStandIn, type ErpWebhookStandIn } from '../support/erp-webhook-stand-in.js';
import { uniqueId } from '../support/platform.js';
import { quietTemporalRuntime } from '../support/quiet-runtime.js';
import { suiteState } from '../support/suite-state.js';
import { advanceTo, loadInvoice, parisDate, seedInvoice, shiftDate } from '../support/time-skipping.js';
import { decide, disputeSettled, erpEvents, seedPeople, startDispute } from './dispute-support.js';

let env: TestWorkflowEnvironment;
let db: TestDatabase;
let erp: ErpWebhookStandIn;
let worker: RunningWorker;
let taskQueue: string;

beforeAll(async () => {
  quietTemporalRuntime();
  env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: suiteState().testServerPath } },
  });
  db = await createTestDatabase();
  erp = await startErpWebhookStandIn();
  taskQueue = uniqueId('relance-dispute-erp');
  const config = loadConfig({ DATABASE_URL: db.url, TEMPORAL_TASK_QUEUE: taskQueue, LOG_LEVEL: 'error', ...erp.env() });
  worker = await startWorker(config, { workflowBundlePath: suiteState().workflowBundlePath, logger: false, connection: env.nativeConnection });
});
afterAll(async () => {
  await worker?.shutdown();
  await erp?.close();
  await db?.drop();
  await env?.teardown();
});

async function until<T>(probe: () => T | undefined | null | false | Promise<T | undefined | null | false>, what: string): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`not within 15 s: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

test('an ERP outage delays credit_note.requested, retried with the same id until acknowledged', async () => {
  const h = { dataSource: db.dataSource, env, taskQueue };
  const people = await seedPeople(db.dataSource);
  const invoice = await seedInvoice(db.dataSource, { dueDate: shiftDate(parisDate(await env.currentTimeMs()), 10), amountMinor: 300_000n });
  const { dispute, handle } = await startDispute(h, { invoices: [invoice], people });
  await disputeSettled(handle);

  erp.script([503, 503]);
  expect((await decide(handle, people.v1, { decision: 'accept', amountMinor: '100000', comment: 'ok' })).status).toBe('accepted');
  await until(() => erp.deliveries.length >= 1, 'first attempt');
  expect(erp.acknowledged()).toEqual([]);
  // The business change does not wait for the ERP.
  expect(await loadInvoice(db.dataSource, invoice.id)).toMatchObject({ openAmountMinor: 200_000n });
  await until(async () => (await db.dataSource.manager.findOneByOrFail(Dispute, { id: dispute.id })).status === 'closed', 'dispute closed');

  await advanceTo(env, (await env.currentTimeMs()) + 5 * 60_000);
  const delivered = await until(() => erp.acknowledged()[0], 'acknowledged delivery');
  const [event] = await erpEvents(db.dataSource, dispute.id);
  expect(erp.deliveries.map((d) => [d.status, d.eventId, d.signatureValid])).toEqual([
    [503, event!.id, true], [503, event!.id, true], [200, event!.id, true],
  ]);
  expect(delivered.body).toMatchObject({
    id: event!.id, type: 'credit_note.requested',
    data: { disputeId: dispute.id, amount: { amount: '1000.00', currency: 'EUR' }, full: false, invoices: [{ invoiceId: invoice.id, amount: '1000.00' }] },
  });
  await until(async () => (await erpEvents(db.dataSource, dispute.id))[0]?.status === 'delivered', 'outbox row delivered');
  expect(await disputeSettled(handle)).toBeNull();
});
