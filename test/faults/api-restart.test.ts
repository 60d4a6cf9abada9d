/**
 * Fault suite: the API process is killed (SIGKILL) and restarted three times
 * while an ERP pushes 500 invoices and 200 payments, each delivered twice
 * concurrently and retried on connection errors and 5xx until a 2xx. Nothing
 * may be lost or applied twice: one invoice and one payment per externalId,
 * the right amounts, one workflow per invoice that knows its open amount.
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import type { Client } from '@temporalio/client';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { freePort } from '../support/free-port.js';
import { startApiProcess, startWorkerProcess, type ApiProcess, type RelanceProcess } from './support/api-process.js';
import { ErpClient, inPool, printFigures } from './support/erp-client.js';
import { FAULT_API_KEY, isoDateDaysFromToday, logDirFor, processEnv, temporalClient, uniqueId, workflowView } from './support/fault-env.js';

const INVOICES = 500;
const PAYMENTS = 200;
/** Two deliveries race each other (an ERP's at-least-once delivery) for every payment and every 4th invoice. */
const DELIVERIES = 2;
const DUPLICATED_INVOICE_EVERY = 4;
const CONCURRENCY = 12;
/** The API is killed when this many documents (of 700) have been acknowledged. */
const RESTART_AFTER = [120, 330, 540];

let db: TestDatabase;
let api: ApiProcess | undefined;
let worker: RelanceProcess | undefined;
let temporal: Awaited<ReturnType<typeof temporalClient>>;
const logDir = logDirFor('api-restart');

beforeAll(async () => {
  db = await createTestDatabase();
  temporal = await temporalClient();
  const env = processEnv(db.url, uniqueId('faults-api'));
  worker = await startWorkerProcess({ env, logDir });
  api = await startApiProcess({ env, port: await freePort(), logDir });
}, 180_000);

afterAll(async () => {
  await api?.kill9();
  await worker?.stop();
  await temporal?.close();
  await db?.drop();
});

// Amounts in cents, decimal strings on the wire; due dates far ahead so no reminder fires during the suite.
const run = uniqueId('R');
const invoiceAmount = (i: number) => 10_000n + BigInt(i) * 137n;
const paidAmount = (i: number) => (i % 2 === 0 ? invoiceAmount(i) : 4_000n + BigInt(i)); // even: in full; odd: part
const decimal = (minor: bigint) => `${minor / 100n}.${(minor % 100n).toString().padStart(2, '0')}`;
const invoiceExternalId = (i: number) => `${run}-INV-${i}`;
const paymentExternalId = (i: number) => `${run}-PAY-${i}`;

function invoiceBody(i: number) {
  return {
    externalId: invoiceExternalId(i), number: `F-${run}-${i}`,
    issueDate: isoDateDaysFromToday(-5), dueDate: isoDateDaysFromToday(60),
    amount: decimal(invoiceAmount(i)), currency: 'EUR',
    customer: { externalId: `${run}-C-${i % 40}`, name: `Client ${i % 40}`, email: `ap${i % 40}@client.example`, language: 'fr' },
  };
}

function paymentBody(i: number) {
  return {
    externalId: paymentExternalId(i), amount: decimal(paidAmount(i)), currency: 'EUR', receivedAt: '2026-11-20T09:30:00+01:00',
    allocations: [{ invoiceExternalId: invoiceExternalId(i), amount: decimal(paidAmount(i)) }],
  };
}

test('restarting the API under ERP retries loses nothing and duplicates nothing', async () => {
  const erp = new ErpClient(() => api!.baseUrl, FAULT_API_KEY);
  const created = { invoices: new Map<string, number>(), payments: new Map<string, number>() };
  let acknowledged = 0;
  const restartsDue = [...RESTART_AFTER];
  let restarting: Promise<void> = Promise.resolve();
  const acknowledge = () => {
    acknowledged += 1;
    if (restartsDue.length > 0 && acknowledged >= restartsDue[0]!) {
      restartsDue.shift();
      restarting = restarting.then(() => api!.restart());
    }
  };
  /** Every delivery of one document, concurrently; counts the 201s (a second 201 is a duplicate creation). */
  const deliverAll = async (path: string, body: { externalId: string }, creations: Map<string, number>, deliveries: number) => {
    const results = await Promise.all(Array.from({ length: deliveries }, () => erp.deliver('POST', `/api/v1/${path}`, body)));
    creations.set(body.externalId, results.filter((r) => r.status === 201).length);
    acknowledge();
  };

  const started = Date.now();
  await inPool([...Array(INVOICES).keys()], CONCURRENCY, async (i) => {
    await deliverAll('invoices', invoiceBody(i), created.invoices, i % DUPLICATED_INVOICE_EVERY === 0 ? DELIVERIES : 1);
    // The ERP sends a payment once its invoice is accepted.
    if (i < PAYMENTS) await deliverAll('payments', paymentBody(i), created.payments, DELIVERIES);
  });
  await restarting;
  const loadMs = Date.now() - started;
  expect(api!.restarts).toBe(RESTART_AFTER.length);

  // The database: one row per externalId, amounts as sent.
  const invoiceRows = await db.dataSource.query<{ external_id: string; n: number; amount_minor: string; open_amount_minor: string; status: string; workflow_id: string }[]>(
    `SELECT external_id, count(*) OVER (PARTITION BY external_id)::int AS n, amount_minor, open_amount_minor, status, workflow_id
       FROM invoices WHERE external_id LIKE $1`, [`${run}-INV-%`]);
  const paymentRows = await db.dataSource.query<{ external_id: string; n: number; amount_minor: string; allocations: number; allocated: string }[]>(
    `SELECT p.external_id, count(*) OVER (PARTITION BY p.external_id)::int AS n, p.amount_minor,
            (SELECT count(*)::int FROM payment_allocations a WHERE a.payment_id = p.id) AS allocations,
            (SELECT coalesce(sum(a.amount_minor), 0)::text FROM payment_allocations a WHERE a.payment_id = p.id) AS allocated
       FROM payments p WHERE p.external_id LIKE $1`, [`${run}-PAY-%`]);
  const paymentEvents = await db.dataSource.query<{ external_id: string; n: number }[]>(
    `SELECT i.external_id, count(*)::int AS n FROM invoice_events e JOIN invoices i ON i.id = e.invoice_id
      WHERE i.external_id LIKE $1 AND e.type = 'payment_received' GROUP BY i.external_id`, [`${run}-INV-%`]);
  const invoiceById = new Map(invoiceRows.map((r) => [r.external_id, r]));
  const paymentById = new Map(paymentRows.map((r) => [r.external_id, r]));
  const eventsByInvoice = new Map(paymentEvents.map((r) => [r.external_id, r.n]));

  const wrong: string[] = [];
  for (let i = 0; i < INVOICES; i++) {
    const row = invoiceById.get(invoiceExternalId(i));
    if (!row) continue;
    const paid = i < PAYMENTS ? paidAmount(i) : 0n;
    const open = invoiceAmount(i) - paid;
    if (BigInt(row.amount_minor) !== invoiceAmount(i) || BigInt(row.open_amount_minor) !== open || row.status !== (open === 0n ? 'paid' : 'open')) {
      wrong.push(`${row.external_id}: amount ${row.amount_minor}, open ${row.open_amount_minor}, ${row.status}`);
    }
    if ((eventsByInvoice.get(row.external_id) ?? 0) !== (i < PAYMENTS ? 1 : 0)) wrong.push(`${row.external_id}: ${eventsByInvoice.get(row.external_id) ?? 0} payment events`);
  }
  for (let i = 0; i < PAYMENTS; i++) {
    const row = paymentById.get(paymentExternalId(i));
    if (row && (BigInt(row.amount_minor) !== paidAmount(i) || row.allocations !== 1 || BigInt(row.allocated) !== paidAmount(i))) {
      wrong.push(`${row.external_id}: amount ${row.amount_minor}, ${row.allocations} allocations of ${row.allocated}`);
    }
  }

  // The workflows: one per invoice; running ones know the open amount, settled ones ended as paid.
  const convergeStarted = Date.now();
  let mismatched: string[] = [];
  let missingWorkflows: string[] = [];
  for (;;) {
    mismatched = [];
    missingWorkflows = [];
    await inPool(invoiceRows, 16, async (row) => {
      const view = await workflowView(temporal.client, row.workflow_id);
      if (!view) missingWorkflows.push(row.workflow_id);
      else if (row.status === 'paid' ? view.status !== 'paid' : !(view.running && view.status === 'open' && view.openAmountMinor === row.open_amount_minor)) {
        mismatched.push(`${row.external_id}: db ${row.status} ${row.open_amount_minor}, workflow ${view.status} ${view.openAmountMinor}`);
      }
    });
    if ((mismatched.length === 0 && missingWorkflows.length === 0) || Date.now() - convergeStarted > 60_000) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  const convergeMs = Date.now() - convergeStarted;
  const workflowRuns = await countInvoiceWorkflows(temporal.client, invoiceRows.map((r) => r.workflow_id));

  const duplicates = {
    invoiceRows: invoiceRows.filter((r) => r.n > 1).length,
    paymentRows: paymentRows.filter((r) => r.n > 1).length,
    invoice201s: [...created.invoices.values()].filter((n) => n > 1).length,
    payment201s: [...created.payments.values()].filter((n) => n > 1).length,
    workflowRuns: workflowRuns - invoiceRows.length,
  };
  const missing = {
    invoices: INVOICES - invoiceById.size,
    payments: PAYMENTS - paymentById.size,
    workflows: missingWorkflows.length,
  };
  printFigures('fault: API restarts under ERP retries', {
    documents: `${INVOICES} invoices (every ${DUPLICATED_INVOICE_EVERY}th delivered ${DELIVERIES}× concurrently) + ${PAYMENTS} payments (each ${DELIVERIES}×)`,
    'API restarts (kill -9)': api!.restarts,
    'API down per restart (s)': api!.downtimesMs.map((ms) => (ms / 1000).toFixed(1)).join(', '),
    'HTTP requests': erp.stats.requests,
    retries: erp.stats.retries,
    'connection errors': erp.stats.connectionErrors,
    'answers by status': erp.stats.statuses,
    '5xx by code': erp.stats.codes5xx,
    'load time (s)': (loadMs / 1000).toFixed(1),
    duplicates,
    missing,
    'wrong amounts': wrong.length,
    'workflows out of step': mismatched.length,
    'time to converge (s)': (convergeMs / 1000).toFixed(1),
  });

  expect(wrong).toEqual([]);
  expect(missing).toEqual({ invoices: 0, payments: 0, workflows: 0 });
  expect(duplicates).toEqual({ invoiceRows: 0, paymentRows: 0, invoice201s: 0, payment201s: 0, workflowRuns: 0 });
  expect(mismatched).toEqual([]);
  // The restarts did cut requests: otherwise this suite proved nothing.
  expect(erp.stats.connectionErrors).toBeGreaterThan(0);
}, 600_000);

/** Executions (runs) of these workflow ids, from the server's visibility store. */
async function countInvoiceWorkflows(client: Client, workflowIds: string[]): Promise<number> {
  let runs = 0;
  await inPool(workflowIds, 16, async (workflowId) => {
    // An id has one run unless someone started it twice (a closed run and a new one).
    for await (const _ of client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) runs += 1;
  });
  return runs;
}
