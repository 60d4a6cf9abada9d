/**
 * Fault suite: stop the Temporal dev server in the middle of a dunning
 * scenario and start it again on the same state file, with the real worker
 * process running throughout: every step due during or after the outage
 * still fires, once.
 *
 * Timers that cross the outage are seconds long (a real short wait is the
 * only way to have a timer due while the server is down; the scenario's day
 * steps are reached by dates instead, never by the hour):
 *  - group A: overdue invoices whose reminder_1 sits in their customer's
 *    message batch (quiet window of a few seconds) when the server stops;
 *  - group B: overdue invoices paused until a few seconds later: the pause
 *    expires during the outage, then reminder_1 goes out;
 *  - after the restart, every invoice's due date moves back (ERP update):
 *    reminder_2 (email and SMS) goes out.
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { dunningStateQuery } from '../../workflows/definitions.js';
import { inParallel, isoDate, startWorkerFaultScene, until, type WorkerFaultScene } from './support/worker-faults.js';

const CUSTOMERS_PER_GROUP = 10;
const INVOICES_PER_CUSTOMER = 2;
/** A batch leaves this long after its latest invoice step: long enough to be pending when the server stops. */
const BATCH_QUIET_SECONDS = 8;
/** Group B's pauses end this long after they are set: during the outage. */
const PAUSE_SECONDS = 5;
const OUTAGE_SECONDS = 12;

let scene: WorkerFaultScene;
beforeAll(async () => {
  scene = await startWorkerFaultScene('fault-temporal', {
    env: { RELANCE_MESSAGE_BATCH_SECONDS: String(BATCH_QUIET_SECONDS), RELANCE_MESSAGE_BATCH_QUIET_SECONDS: String(BATCH_QUIET_SECONDS) },
  });
}, 60_000);
afterAll(async () => {
  await scene?.close();
}, 60_000);

interface PostedInvoice {
  id: string;
  externalId: string;
  body: Record<string, unknown>;
  group: 'A' | 'B';
}

/** Item key (`invoice:<id>:step:<step>:<channel>`) → messages carrying it. */
async function itemsByKey(): Promise<Map<string, number>> {
  const rows: { key: string; n: number }[] = await scene.db.dataSource.query(
    `SELECT item_key AS key, count(DISTINCT message_id)::int AS n FROM outbound_message_items GROUP BY item_key`,
  );
  return new Map(rows.map((r) => [r.key, r.n]));
}

/** Provider requests accepted per message idempotency key (SendGrid header) or SMS body+recipient (Twilio). */
function acceptedAtProvider(): { emails: Map<string, number>; sms: Map<string, number> } {
  const emails = new Map<string, number>();
  const sms = new Map<string, number>();
  for (const r of scene.providers.requests) {
    if (r.provider === 'sendgrid' && r.status === 202) {
      const key = String(r.headers['x-relance-idempotency-key']);
      emails.set(key, (emails.get(key) ?? 0) + 1);
    } else if (r.provider === 'twilio' && r.status === 201) {
      const form = r.body as Record<string, string>;
      const key = `${form.To}|${form.Body}`;
      sms.set(key, (sms.get(key) ?? 0) + 1);
    }
  }
  return { emails, sms };
}

test('Temporal stopped and restarted mid-scenario: every later step fires, once', async () => {
  const now = Date.now();
  const invoices: PostedInvoice[] = [];
  for (const group of ['A', 'B'] as const) {
    for (let c = 0; c < CUSTOMERS_PER_GROUP; c++) {
      for (let i = 0; i < INVOICES_PER_CUSTOMER; i++) {
        const externalId = `INV-T-${group}${c}-${i}`;
        invoices.push({
          id: '', externalId, group,
          body: {
            externalId, number: `F-T-${group}${c}-${i}`,
            customer: { externalId: `CUST-T-${group}${c}`, name: `Client ${group}${c}`, email: `ap-${group}${c}@client.example`, phone: `+3361234${group === 'A' ? 1 : 2}${String(c).padStart(3, '0')}`, language: 'en' },
            // Due 4 days ago: reminder_1 (due + 1) is due whatever the hour, reminder_2 (due + 7) days away.
            issueDate: isoDate(now, -34), dueDate: isoDate(now, -4), amount: `${100 + c}.${String(10 + i)}`, currency: 'EUR',
          },
        });
      }
    }
  }
  // Posted while no worker runs: nothing moves before the scenario is set up.
  await inParallel(invoices, 4, async (invoice) => {
    const res = await scene.request('POST', '/api/v1/invoices', invoice.body);
    if (res.status !== 201) throw new Error(`POST ${invoice.externalId}: ${res.status} ${JSON.stringify(res.body)}`);
    invoice.id = res.body.id;
  });
  const groupB = invoices.filter((i) => i.group === 'B');
  for (const invoice of groupB) {
    expect((await scene.request('POST', `/api/v1/invoices/${invoice.id}/pause`, { reason: 'fault suite: waiting for the outage' })).status).toBe(200);
  }

  const worker = await scene.startWorker('worker');
  // Group A: every customer's batch holds its reminder_1 (the batch timer runs); group B: paused.
  await until(async () => {
    const { count } = await scene.client.workflow.count(
      `WorkflowType = 'customerCommunicationsWorkflow' AND ExecutionStatus = 'Running' AND TaskQueue = '${scene.workerEnv.TEMPORAL_TASK_QUEUE}'`,
    );
    return count === CUSTOMERS_PER_GROUP;
  }, 'group A handed to the customer batches', 120_000);
  // Group B's pauses now end in a few seconds: their expiry timers run in the invoice workflows.
  const pauseEnds = new Date(Date.now() + PAUSE_SECONDS * 1000).toISOString();
  await inParallel(groupB, 4, async (invoice) => {
    const res = await scene.request('POST', `/api/v1/invoices/${invoice.id}/pause`, { reason: 'fault suite: ends during the outage', until: pauseEnds });
    if (res.status !== 200) throw new Error(`re-pause ${invoice.externalId}: ${res.status} ${JSON.stringify(res.body)}`);
  });
  await inParallel(groupB, 4, async (invoice) => {
    await until(async () => {
      const state = await scene.client.workflow.getHandle(`invoice-default-${invoice.externalId}`).query(dunningStateQuery);
      return state.pauses.some((p) => p.until === pauseEnds);
    }, `${invoice.externalId} waiting for its pause to end`, 60_000);
  });

  const sentBeforeStop = scene.providers.requests.filter((r) => r.status < 300).length;
  const stoppedAt = Date.now();
  await scene.temporal.stop();
  await new Promise((r) => setTimeout(r, OUTAGE_SECONDS * 1000));
  // Only a send already running when the server stopped could finish meanwhile (the worker lives on): a figure, not a fault.
  const sentDuringOutage = scene.providers.requests.filter((r) => r.status < 300).length - sentBeforeStop;
  await scene.temporal.start();
  const restartedAt = Date.now();

  // Every reminder_1 goes out: group A's batches, group B after its pause ended.
  await until(async () => {
    const items = await itemsByKey();
    return invoices.every((i) => items.has(`invoice:${i.id}:step:reminder_1:email`));
  }, 'reminder_1 of every invoice after the restart', 120_000, 250);
  const reminder1Seconds = (Date.now() - restartedAt) / 1000;

  // A later step, driven by the ERP after the restart: due dates move back, reminder_2 comes due.
  await inParallel(invoices, 4, async (invoice) => {
    const res = await scene.request('POST', '/api/v1/invoices', { ...invoice.body, dueDate: isoDate(now, -8) });
    if (res.status !== 200 && res.status !== 201) throw new Error(`update ${invoice.externalId}: ${res.status} ${JSON.stringify(res.body)}`);
  });
  const expectedKeys = invoices.flatMap((i) => [
    `invoice:${i.id}:step:reminder_1:email`, `invoice:${i.id}:step:reminder_2:email`, `invoice:${i.id}:step:reminder_2:sms`,
  ]);
  await until(async () => {
    const items = await itemsByKey();
    const messages: { n: number }[] = await scene.db.dataSource.query(`SELECT count(*)::int AS n FROM outbound_messages WHERE status = 'pending'`);
    return expectedKeys.every((k) => items.has(k)) && messages[0]!.n === 0;
  }, 'reminder_2 of every invoice', 120_000, 250);
  await until(async () => {
    const { count } = await scene.client.workflow.count(
      `WorkflowType = 'customerCommunicationsWorkflow' AND ExecutionStatus = 'Running' AND TaskQueue = '${scene.workerEnv.TEMPORAL_TASK_QUEUE}'`,
    );
    return count === 0;
  }, 'every customer batch closed', 60_000, 500);
  const convergeSeconds = (Date.now() - restartedAt) / 1000;

  const items = await itemsByKey();
  const itemDuplicates = [...items.values()].reduce((n, c) => n + c - 1, 0);
  const missingItems = expectedKeys.filter((k) => !items.has(k));
  const unexpectedItems = [...items.keys()].filter((k) => !expectedKeys.includes(k));
  const messages: { key: string; channel: string; status: string; recipient: string; body: string }[] = await scene.db.dataSource.query(
    `SELECT idempotency_key AS key, channel, status, recipient, body FROM outbound_messages WHERE audience = 'customer'`,
  );
  const provider = acceptedAtProvider();
  const providerDuplicates = [...provider.emails.values(), ...provider.sms.values()].reduce((n, c) => n + c - 1, 0);
  const missingAtProvider = messages.filter((m) =>
    m.channel === 'email' ? !provider.emails.has(m.key) : !provider.sms.has(`${m.recipient}|${m.body}`)).length;
  const timeline: { type: string; key: string; n: number }[] = await scene.db.dataSource.query(
    `SELECT type, dedupe_key AS key, count(*)::int AS n FROM invoice_events
      WHERE type IN ('reminder_sent', 'dunning_resumed') GROUP BY type, dedupe_key`,
  );
  const timelineCount = (type: string, key: string) => timeline.filter((t) => t.type === type && t.key === key).reduce((n, t) => n + t.n, 0);
  const resumed = timeline.filter((t) => t.type === 'dunning_resumed').reduce((n, t) => n + t.n, 0);

  process.stdout.write([
    '',
    '── fault suite: Temporal dev server stopped and restarted mid-scenario ──',
    `invoices / customers             ${invoices.length} / ${CUSTOMERS_PER_GROUP * 2} (A: batch pending, B: pause ending during the outage)`,
    `provider sends before the stop   ${sentBeforeStop}; during the ${OUTAGE_SECONDS} s outage: ${sentDuringOutage}`,
    `worker process                   ${worker.alive() ? 'kept running across the outage' : 'EXITED'}`,
    `message items (invoice×step×ch.) ${items.size} of ${expectedKeys.length} expected`,
    `messages sent (email / sms)      ${messages.filter((m) => m.channel === 'email').length} / ${messages.filter((m) => m.channel === 'sms').length} (${CUSTOMERS_PER_GROUP * 2 * 3} when every customer's invoices share each batch)`,
    `duplicates (items / provider)    ${itemDuplicates} / ${providerDuplicates}`,
    `missing (items / provider)       ${missingItems.length} / ${missingAtProvider}`,
    `pauses ended (dunning_resumed)   ${resumed} of ${groupB.length}`,
    `reminder_1 everywhere after      ${reminder1Seconds.toFixed(1)} s from the restart`,
    `time to converge                 ${convergeSeconds.toFixed(1)} s from the restart (stopped ${((restartedAt - stoppedAt) / 1000).toFixed(1)} s)`,
    '',
  ].join('\n') + '\n');

  expect(worker.alive()).toBe(true);
  expect(missingItems).toEqual([]);
  expect(unexpectedItems).toEqual([]);
  expect(itemDuplicates).toBe(0);
  expect(messages.every((m) => m.status === 'sent')).toBe(true);
  expect(missingAtProvider).toBe(0);
  expect(providerDuplicates).toBe(0);
  // At most one message per invoice, step and channel; usually one per customer (its invoices' steps share a batch),
  // but a step reaching the batch after its quiet window closed goes in a message of its own: both are right.
  expect(messages.length).toBeGreaterThanOrEqual(CUSTOMERS_PER_GROUP * 2 * 3);
  expect(messages.length).toBeLessThanOrEqual(expectedKeys.length);
  expect(resumed).toBe(groupB.length);
  for (const step of ['reminder_1', 'reminder_2']) expect(timelineCount('reminder_sent', `step:${step}`)).toBe(invoices.length);
}, 400_000);
