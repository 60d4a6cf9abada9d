/**
 * Fault suite: `kill -9` the worker process while 1,000 reminders are due at
 * once, start a new one, and count every message: exactly one per invoice in
 * outbound_messages and at the SendGrid stand-in (the provider edge).
 *
 * 1,000 invoices of 1,000 customers are posted overdue while no worker runs,
 * so their first reminder (reminder_1, email) is due at once when the worker
 * starts. The worker is killed once a few hundred emails have been accepted
 * and some are still in flight (counted before the kill); a second worker
 * process takes over.
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { inParallel, isoDate, startWorkerFaultScene, until, type WorkerFaultScene } from './support/worker-faults.js';

const INVOICES = Number(process.env.FAULTS_REMINDERS ?? 1000);
/** Kill once this many emails are accepted: well into the burst, far from its end. */
const KILL_AFTER_ACCEPTED = Math.round(INVOICES * 0.3);

let scene: WorkerFaultScene;
beforeAll(async () => {
  // The worker is what fails here, not Temporal: an in-memory dev server is enough (and faster).
  scene = await startWorkerFaultScene('fault-kill', { persistedTemporal: false });
}, 60_000);
afterAll(async () => {
  await scene?.close();
}, 60_000);

const IDEMPOTENCY_HEADER = 'x-relance-idempotency-key';

/** Idempotency key → how many times the stand-in accepted (202) an email under it. */
function acceptedByKey(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of scene.providers.requests) {
    if (r.provider !== 'sendgrid' || r.status !== 202) continue;
    const key = String(r.headers[IDEMPOTENCY_HEADER]);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

async function messageRows(): Promise<{ key: string; status: string; invoiceId: string | null }[]> {
  return scene.db.dataSource.query(
    `SELECT idempotency_key AS key, status, invoice_id AS "invoiceId" FROM outbound_messages WHERE step = 'reminder_1'`,
  );
}

test('kill -9 of the worker during a burst of 1,000 due reminders: every reminder exists exactly once', async () => {
  const now = Date.now();
  // Due 4 days ago: reminder_1 (due + 1 day) is due whatever the hour; reminder_2 (due + 7) is days away.
  const dueDate = isoDate(now, -4);
  const posted = new Array<string>(INVOICES);
  const postStart = Date.now();
  await inParallel([...Array(INVOICES).keys()], 8, async (i) => {
    const res = await scene.request('POST', '/api/v1/invoices', {
      externalId: `INV-K-${i}`, number: `F-K-${i}`,
      customer: { externalId: `CUST-K-${i}`, name: `Client ${i}`, email: `ap-${i}@client.example`, language: 'en' },
      issueDate: isoDate(now, -34), dueDate, amount: '120.00', currency: 'EUR',
    });
    if (res.status !== 201) throw new Error(`POST invoice ${i}: ${res.status} ${JSON.stringify(res.body)}`);
    posted[i] = res.body.id;
  });
  const postSeconds = (Date.now() - postStart) / 1000;
  process.stdout.write(`posted ${INVOICES} invoices in ${postSeconds} s\n`);
  expect(scene.providers.requests).toHaveLength(0);

  // The burst: every invoice's reminder is due; the first worker starts on all of them at once.
  const burstStart = Date.now();
  const first = await scene.startWorker('worker-1');
  const progress = setInterval(() => {
    void (async () => {
      const rows = await messageRows();
      const { count } = await scene.client.workflow.count(`WorkflowType = 'customerCommunicationsWorkflow' AND TaskQueue = '${scene.workerEnv.TEMPORAL_TASK_QUEUE}'`);
      process.stdout.write(`burst t+${((Date.now() - burstStart) / 1000).toFixed(0)} s: ${acceptedByKey().size} emails accepted, ${rows.length} rows, ${count} customer batches\n`);
    })().catch(() => undefined);
  }, 15_000);
  // Kill once enough emails are accepted and while some are in flight: claimed (row pending) but not marked sent.
  let inFlightBefore = 0;
  await until(async () => {
    if (!first.alive()) return true;
    if (acceptedByKey().size < KILL_AFTER_ACCEPTED) return false;
    inFlightBefore = (await messageRows()).filter((m) => m.status === 'pending').length;
    return inFlightBefore > 0;
  }, 'the burst to reach the kill point with sends in flight', 600_000, 10)
    .finally(() => clearInterval(progress))
    .catch((err: Error) => {
      throw new Error(`${err.message}; accepted ${acceptedByKey().size}; worker 1:\n${first.tail()}`);
    });
  await first.kill9();
  const killedAt = Date.now();
  if ((await first.exited).signal !== 'SIGKILL') throw new Error(`worker 1 ended before the kill:\n${first.tail()}`);

  // What the kill left: accepted emails, rows claimed but not marked sent (in flight).
  const acceptedAtKill = acceptedByKey();
  const rowsAtKill = await messageRows();
  const pendingAtKill = rowsAtKill.filter((m) => m.status === 'pending');
  /** The provider-edge window: accepted by the provider, not yet marked sent. A resend of these is the only duplicate the design allows. */
  const inDoubt = new Set(pendingAtKill.filter((m) => acceptedAtKill.has(m.key)).map((m) => m.key));
  expect(inFlightBefore).toBeGreaterThan(0);
  expect(acceptedAtKill.size).toBeGreaterThanOrEqual(KILL_AFTER_ACCEPTED);
  expect(acceptedAtKill.size).toBeLessThan(INVOICES);

  const second = await scene.startWorker('worker-2');
  const converged = await until(async () => {
    const rows = await messageRows();
    const sent = rows.filter((m) => m.status === 'sent').length;
    const timeline = await scene.db.dataSource.query(
      `SELECT count(*)::int AS n FROM invoice_events WHERE type = 'reminder_sent' AND dedupe_key = 'step:reminder_1'`,
    );
    return sent === INVOICES && timeline[0].n === INVOICES ? rows : null;
  }, 'every reminder sent after the restart', 600_000, 250).catch(async (err: Error) => {
    const rows = await messageRows();
    throw new Error(`${err.message}; rows ${rows.length}, sent ${rows.filter((r) => r.status === 'sent').length}; worker 2:\n${second.tail()}`);
  });
  const convergeSeconds = (Date.now() - killedAt) / 1000;
  // Nothing may still be on its way: every customer's batch workflow has finished.
  await until(async () => {
    const { count } = await scene.client.workflow.count(
      `WorkflowType = 'customerCommunicationsWorkflow' AND ExecutionStatus = 'Running' AND TaskQueue = '${scene.workerEnv.TEMPORAL_TASK_QUEUE}'`,
    );
    return count === 0;
  }, 'every customer batch closed', 60_000, 500);

  const accepted = acceptedByKey();
  const rows = await messageRows();
  const items = await scene.db.dataSource.query(
    `SELECT i.item_key AS key, count(DISTINCT i.message_id)::int AS messages FROM outbound_message_items i GROUP BY i.item_key`,
  );
  const perInvoice = new Map<string, number>();
  for (const r of rows) if (r.invoiceId) perInvoice.set(r.invoiceId, (perInvoice.get(r.invoiceId) ?? 0) + 1);
  const rowDuplicates = [...perInvoice.values()].reduce((n, c) => n + c - 1, 0)
    + items.reduce((n: number, i: { messages: number }) => n + i.messages - 1, 0);
  const missingRows = posted.filter((id) => !perInvoice.has(id)).length;
  const providerDuplicates = [...accepted.values()].reduce((n, c) => n + c - 1, 0);
  const duplicatedKeys = [...accepted.entries()].filter(([, c]) => c > 1).map(([k]) => k);
  const missingAtProvider = rows.filter((r) => !accepted.has(r.key)).length;
  const unknownAtProvider = [...accepted.keys()].filter((k) => !rows.some((r) => r.key === k)).length;

  process.stdout.write([
    '',
    '── fault suite: kill -9 of the worker during 1,000 due reminders ──',
    `invoices posted (no worker)      ${INVOICES} in ${postSeconds.toFixed(1)} s`,
    `killed after                     ${((killedAt - burstStart) / 1000).toFixed(1)} s of burst`,
    `accepted by provider at kill     ${acceptedAtKill.size}`,
    `rows pending at kill (in flight) ${pendingAtKill.length} (counted just before the kill: ${inFlightBefore})`,
    `  of which provider had accepted ${inDoubt.size} (the provider-edge window)`,
    `messages in outbound_messages    ${rows.length} (sent: ${converged.filter((r) => r.status === 'sent').length})`,
    `duplicates (rows / items)        ${rowDuplicates}`,
    `missing (rows)                   ${missingRows}`,
    `emails accepted by provider      ${[...accepted.values()].reduce((a, b) => a + b, 0)} for ${accepted.size} keys`,
    `duplicates at provider           ${providerDuplicates}`,
    `missing at provider              ${missingAtProvider}`,
    `time to converge after the kill  ${convergeSeconds.toFixed(1)} s`,
    '',
  ].join('\n') + '\n');

  expect(second.alive()).toBe(true);
  expect(rows).toHaveLength(INVOICES);
  expect(rowDuplicates).toBe(0);
  expect(missingRows).toBe(0);
  expect(missingAtProvider).toBe(0);
  expect(unknownAtProvider).toBe(0);
  // A duplicate at the provider is only possible for a message the provider accepted while its row was still pending at the kill.
  expect(duplicatedKeys.filter((k) => !inDoubt.has(k))).toEqual([]);
  expect(providerDuplicates).toBeLessThanOrEqual(inDoubt.size);
}, 1_500_000);
