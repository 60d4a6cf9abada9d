/**
 * Fault suite: PostgreSQL goes away for 20 s under load. The suite runs its
 * own PostgreSQL instance (never the shared server), the API and the worker
 * as processes against it, an ERP pushing invoices and payments, and
 * reminders coming due. While PostgreSQL is down the API answers 503
 * DATABASE_UNAVAILABLE (and /health says so) instead of hanging or a 500,
 * activities retry; after the restart every invoice's projection (status,
 * open amount, next action, timeline, messages) converges on its workflow,
 * with no write lost and no message sent twice.
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import pg from 'pg';
import { startProviderStandIn, type ProviderStandIn } from '../support/provider-stand-in.js';
import { freePort } from '../support/free-port.js';
import { startApiProcess, startWorkerProcess, type ApiProcess, type RelanceProcess } from './support/api-process.js';
import { ErpClient, inPool, printFigures } from './support/erp-client.js';
import { FAULT_API_KEY, isoDateDaysFromToday, logDirFor, processEnv, temporalClient, uniqueId, workflowView } from './support/fault-env.js';
import { startPrivatePostgres, type PrivatePostgres } from './support/private-postgres.js';

/** The fault itself: how long PostgreSQL stays stopped. */
const OUTAGE_MS = 20_000;
/** Sent before the outage: invoices whose first reminders are due (past due date), others not yet due, payments. */
const BEFORE = { due: 80, notDue: 40, payments: 20 };
/** Sent by the ERP during the outage (it retries until PostgreSQL is back). */
const DURING = { due: 20, notDue: 20, payments: 20 };

let postgres: PrivatePostgres | undefined;
let providers: ProviderStandIn;
let api: ApiProcess | undefined;
let worker: RelanceProcess | undefined;
let temporal: Awaited<ReturnType<typeof temporalClient>>;
let checks: pg.Pool;
const logDir = logDirFor('postgres-outage');

beforeAll(async () => {
  postgres = await startPrivatePostgres();
  providers = await startProviderStandIn();
  temporal = await temporalClient();
  const url = postgres.url('relance_faults');
  const env = processEnv(url, uniqueId('faults-pg'), {
    ...providers.env(),
    // A customer's batch leaves 6 s after its last step (10 s at most): sends of the last steps handed over fall in the outage.
    RELANCE_MESSAGE_BATCH_SECONDS: '10',
    RELANCE_MESSAGE_BATCH_QUIET_SECONDS: '6',
  });
  api = await startApiProcess({ env, port: await freePort(), logDir }); // creates and migrates the database
  worker = await startWorkerProcess({ env, logDir });
  checks = new pg.Pool({ connectionString: url, max: 3 });
  checks.on('error', () => undefined); // its idle connections die with the server
}, 180_000);

afterAll(async () => {
  await api?.kill9();
  await worker?.stop();
  await checks?.end();
  await temporal?.close();
  await providers?.close();
  await postgres?.destroy();
});

const run = uniqueId('P');
type Doc = { externalId: string; dueInDays: number; amountMinor: bigint; paidMinor: bigint };
const decimal = (minor: bigint) => `${minor / 100n}.${(minor % 100n).toString().padStart(2, '0')}`;

/** Past due by 5 days: the courtesy notice is superseded and reminder_1 (email) is due whatever the hour. */
function invoices(phase: string, due: number, notDue: number): Doc[] {
  return [...Array(due + notDue).keys()].map((i) => ({
    externalId: `${run}-${phase}-${i}`, dueInDays: i < due ? -5 : 30, amountMinor: 50_000n + BigInt(i) * 101n, paidMinor: 0n,
  }));
}

function invoiceBody(doc: Doc) {
  return {
    externalId: doc.externalId, number: `F-${doc.externalId}`, issueDate: isoDateDaysFromToday(-40), dueDate: isoDateDaysFromToday(doc.dueInDays),
    amount: decimal(doc.amountMinor), currency: 'EUR',
    // One customer per invoice: each due invoice gets its own reminder email.
    customer: { externalId: `C-${doc.externalId}`, name: `Client ${doc.externalId}`, email: `ap-${doc.externalId.toLowerCase()}@client.example`, language: 'fr' },
  };
}

/** Pays not-yet-due invoices (a payment racing a reminder would make the expected messages depend on timing): even ones in full. */
function pay(docs: Doc[], count: number, from: number) {
  return docs.filter((d) => d.dueInDays > 0).slice(from, from + count).map((doc, i) => {
    doc.paidMinor = i % 2 === 0 ? doc.amountMinor : 12_345n;
    return {
      externalId: `${doc.externalId}-PAY`, amount: decimal(doc.paidMinor), currency: 'EUR', receivedAt: '2026-11-20T09:30:00+01:00',
      allocations: [{ invoiceExternalId: doc.externalId, amount: decimal(doc.paidMinor) }],
    };
  });
}

interface Probe {
  what: string;
  status: number | 'no answer';
  code?: string;
  ms: number;
  /** When the answer came (a probe answered after PostgreSQL restarted proves nothing). */
  at: number;
  /** The invoice a POST probe tried to create. */
  externalId?: string;
}

test('PostgreSQL down for 20 s: 503 meanwhile, nothing lost or sent twice, projections converge on the workflows', async () => {
  const erp = new ErpClient(() => api!.baseUrl, FAULT_API_KEY, { giveUpAfterMs: 240_000 });
  const before = invoices('A', BEFORE.due, BEFORE.notDue);
  const during = invoices('B', DURING.due, DURING.notDue);
  const beforePayments = pay(before, BEFORE.payments, 0);
  const duringPayments = pay(before, DURING.payments, BEFORE.payments);
  const all = [...before, ...during];

  const workflowIds: string[] = [];
  await inPool(before, 8, async (doc) => {
    workflowIds.push((await erp.deliver<{ workflowId: string }>('POST', '/api/v1/invoices', invoiceBody(doc))).body.workflowId);
  });
  await inPool(beforePayments, 8, async (body) => void (await erp.deliver('POST', '/api/v1/payments', body)));
  const sample = (await erp.deliver('POST', '/api/v1/invoices', invoiceBody(before[0]!))).body as { id: string };

  // The outage, with reminders being handed over and batches waiting to leave.
  await postgres!.stop();
  const outageStarted = Date.now();
  const outageOver = () => Date.now() - outageStarted >= OUTAGE_MS;

  const probes: Probe[] = [];
  const probe = async (what: string, method: string, path: string, body?: { externalId: string }) => {
    const t0 = Date.now();
    try {
      const res = await fetch(api!.baseUrl + path, {
        method, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(15_000),
        headers: { authorization: `Bearer ${FAULT_API_KEY}`, 'content-type': 'application/json' },
      });
      const json = (await res.json()) as { code?: string; checks?: { database?: string } };
      const code = json.code ?? (json.checks ? `database ${json.checks.database}` : undefined);
      probes.push({ what, status: res.status, code, ms: Date.now() - t0, at: Date.now(), externalId: body?.externalId });
    } catch {
      probes.push({ what, status: 'no answer', ms: Date.now() - t0, at: Date.now(), externalId: body?.externalId });
    }
  };
  let probeCount = 0;
  const probing = (async () => {
    // Stop probing a little before the restart: a probe should not straddle it.
    while (Date.now() - outageStarted < OUTAGE_MS - 5000) {
      const probeId = `${run}-PROBE-${probeCount++}`;
      await Promise.all([
        probe('GET /health', 'GET', '/health'),
        probe('GET /api/v1/invoices/:id', 'GET', `/api/v1/invoices/${sample.id}`),
        probe('POST /api/v1/invoices (not retried)', 'POST', '/api/v1/invoices', invoiceBody({ externalId: probeId, dueInDays: 30, amountMinor: 100n, paidMinor: 0n })),
      ]);
      await new Promise((r) => setTimeout(r, 1000));
    }
  })();
  // Meanwhile the ERP keeps pushing, and retries until PostgreSQL is back.
  const erpDuring = Promise.all([
    inPool(during, 8, async (doc) => void (await erp.deliver('POST', '/api/v1/invoices', invoiceBody(doc)))),
    inPool(duringPayments, 8, async (body) => void (await erp.deliver('POST', '/api/v1/payments', body))),
  ]);
  // Late in the outage, the worker's activities should be failing and waiting for their next attempt
  // (a sample slower than the outage still counts them: an attempt number stays until the activity succeeds).
  const sampling = new Promise((r) => setTimeout(r, OUTAGE_MS - 6000)).then(() => activitiesRetrying(temporal.client, workflowIds));
  while (!outageOver()) await new Promise((r) => setTimeout(r, 100));
  await postgres!.start();
  await probing;
  const retrying = await sampling;
  const restartedAt = Date.now();
  const outageMs = restartedAt - outageStarted;
  await erpDuring;
  const erpDoneMs = Date.now() - restartedAt;

  // Convergence: poll until every invoice's projection matches its workflow (or give up after 3 minutes).
  const trace: string[] = [];
  // Only probes answered while PostgreSQL was down count; a refused write must have written nothing.
  // (A probe that got no answer always counts: a hang must not hide behind the restart.)
  const duringOutage = probes.filter((p) => p.at < restartedAt || p.status === 'no answer');
  const refusedWrites = duringOutage.flatMap((p) => (p.externalId && p.status === 503 ? [p.externalId] : []));
  let { problems, figures } = await inspect(all, refusedWrites);
  while (problems.length > 0 && Date.now() - restartedAt < 180_000) {
    trace.push(`${((Date.now() - restartedAt) / 1000).toFixed(0)}s: ${problems.length}${problems.length <= 3 ? ` (${problems.join('; ')})` : ''}`);
    await new Promise((r) => setTimeout(r, 1000));
    ({ problems, figures } = await inspect(all, refusedWrites));
  }
  const convergeMs = Date.now() - restartedAt;
  if (problems.length > 0) process.stdout.write(`pending activities of the invoices left over:\n${await pendingActivitiesOf(problems)}\n`);

  const byAnswer: Record<string, number> = {};
  for (const p of duringOutage) byAnswer[`${p.what} → ${p.status} ${p.code ?? ''}`.trim()] = (byAnswer[`${p.what} → ${p.status} ${p.code ?? ''}`.trim()] ?? 0) + 1;
  printFigures('fault: PostgreSQL unavailable', {
    'outage: stop → restarted server ready (s)': (outageMs / 1000).toFixed(1),
    documents: `${all.length} invoices (${BEFORE.due + DURING.due} with a reminder due), ${BEFORE.payments + DURING.payments} payments; ${during.length} invoices and ${DURING.payments} payments sent during the outage`,
    'probes during the outage': byAnswer,
    'probes answered after the restart (not counted)': probes.length - duringOutage.length,
    'slowest probe answer (ms)': Math.max(...probes.map((p) => p.ms)),
    'ERP requests': erp.stats.requests,
    'ERP retries': erp.stats.retries,
    'ERP 5xx by code': erp.stats.codes5xx,
    'ERP done after restart (s)': (erpDoneMs / 1000).toFixed(1),
    'activities retrying (sampled)': retrying,
    ...figures,
    'problems left after restart (s: count)': trace.join(', '),
    problems: problems.length,
    'time to converge after restart (s)': (convergeMs / 1000).toFixed(1),
  });

  expect(problems.slice(0, 20)).toEqual([]);
  expect(figures).toMatchObject({ 'messages sent': BEFORE.due + DURING.due, 'duplicate emails': 0, 'missing messages': 0, 'missing invoices': 0, 'missing payments': 0, 'duplicate rows': 0 });
  // During the outage: 503 with a code on every route that needs the database, never a hang or a 500.
  expect(duringOutage.length).toBeGreaterThanOrEqual(9);
  for (const p of duringOutage) {
    expect({ what: p.what, status: p.status, code: p.code }).toEqual({
      what: p.what, status: 503, code: p.what === 'GET /health' ? 'database down' : 'DATABASE_UNAVAILABLE',
    });
  }
  expect(erp.stats.codes5xx).toEqual({ DATABASE_UNAVAILABLE: expect.any(Number) });
  expect(retrying).toBeGreaterThan(0);
  expect([api!.alive(), worker!.alive()]).toEqual([true, true]);
}, 600_000);

/** For a failure message: the pending activities of the workflows (invoice and customer's) behind the problems. */
async function pendingActivitiesOf(problems: string[]): Promise<string> {
  const externalIds = [...new Set(problems.map((p) => p.split(':')[0]!))].slice(0, 5);
  const rows = (await checks.query(`SELECT workflow_id, customer_id FROM invoices WHERE external_id = ANY($1)`, [externalIds])).rows as { workflow_id: string; customer_id: string }[];
  const lines: string[] = [];
  for (const id of rows.flatMap((r) => [r.workflow_id, `customer-comms-${r.customer_id}`])) {
    const desc = await temporal.client.workflow.getHandle(id).describe().catch((err: unknown) => String(err));
    if (typeof desc === 'string') lines.push(`${id}: ${desc}`);
    else for (const a of desc.raw.pendingActivities ?? []) {
      lines.push(`${id}: ${a.activityType?.name} attempt ${a.attempt} state ${a.state} lastStarted ${a.lastStartedTime?.seconds} lastFailure ${a.lastFailure?.message ?? '-'}`);
    }
  }
  return lines.join('\n') || '(none)';
}

/** Pending activities past their first attempt, across these invoice workflows and their customers' communications workflows. */
async function activitiesRetrying(client: Awaited<ReturnType<typeof temporalClient>>['client'], invoiceWorkflowIds: string[]): Promise<number> {
  let count = 0;
  const ids = [...invoiceWorkflowIds];
  for await (const wf of client.workflow.list({ query: `WorkflowType = 'customerCommunicationsWorkflow' AND ExecutionStatus = 'Running'` })) ids.push(wf.workflowId);
  await inPool(ids, 16, async (workflowId) => {
    const desc = await client.workflow.getHandle(workflowId).describe().catch(() => null);
    count += (desc?.raw.pendingActivities ?? []).filter((a) => (a.attempt ?? 1) > 1).length;
  });
  return count;
}

/** Compares the database with the workflows and the provider; the problems found and the figures. */
async function inspect(all: Doc[], probeIds: string[]) {
  const problems: string[] = [];
  const q = async <T>(sql: string, params: unknown[] = []) => (await checks.query(sql, params)).rows as T[];
  const invoiceRows = await q<{ id: string; external_id: string; amount_minor: string; open_amount_minor: string; status: string; workflow_id: string; next_action_step: string | null }>(
    `SELECT id, external_id, amount_minor, open_amount_minor, status, workflow_id, next_action_step FROM invoices WHERE external_id LIKE $1`, [`${run}-%`]);
  const payments = await q<{ external_id: string }>(`SELECT external_id FROM payments WHERE external_id LIKE $1`, [`${run}-%`]);
  const events = await q<{ invoice_id: string; type: string; dedupe_key: string; data: { messageIds?: string[] } }>(
    `SELECT e.invoice_id, e.type, e.dedupe_key, e.data FROM invoice_events e JOIN invoices i ON i.id = e.invoice_id WHERE i.external_id LIKE $1`, [`${run}-%`]);
  const messages = await q<{ id: string; invoice_id: string; idempotency_key: string; status: string; step: string }>(
    `SELECT m.id, m.invoice_id, m.idempotency_key, m.status, m.step FROM outbound_messages m JOIN invoices i ON i.id = m.invoice_id WHERE i.external_id LIKE $1`, [`${run}-%`]);
  const accepted = new Map<string, number>();
  for (const mail of providers.acceptedEmails()) {
    const key = String(mail.custom_args?.relance_idempotency_key ?? '');
    accepted.set(key, (accepted.get(key) ?? 0) + 1);
  }

  const rowsByExternalId = new Map<string, typeof invoiceRows>();
  for (const r of invoiceRows) rowsByExternalId.set(r.external_id, [...(rowsByExternalId.get(r.external_id) ?? []), r]);
  const duplicateRows = [...rowsByExternalId.values()].filter((rows) => rows.length > 1).length + (payments.length - new Set(payments.map((p) => p.external_id)).size);
  const eventsOf = (invoiceId: string) => events.filter((e) => e.invoice_id === invoiceId);
  let missingInvoices = 0;
  let missingMessages = 0;

  await inPool(all, 16, async (doc) => {
    const row = rowsByExternalId.get(doc.externalId)?.[0];
    if (!row) {
      missingInvoices += 1;
      problems.push(`${doc.externalId}: no invoice row`);
      return;
    }
    const open = doc.amountMinor - doc.paidMinor;
    const status = open === 0n ? 'paid' : 'open';
    if (BigInt(row.open_amount_minor) !== open || row.status !== status) problems.push(`${doc.externalId}: db ${row.status} ${row.open_amount_minor}, expected ${status} ${open}`);
    const timeline = eventsOf(row.id);
    if (doc.paidMinor > 0n && !timeline.some((e) => e.type === 'payment_received')) problems.push(`${doc.externalId}: payment missing from the timeline`);

    const wf = await workflowView(temporal.client, row.workflow_id);
    if (!wf) {
      problems.push(`${doc.externalId}: no workflow`);
      return;
    }
    if (wf.status !== row.status) problems.push(`${doc.externalId}: workflow ${wf.status}, db ${row.status}`);
    if (wf.state) {
      if (wf.state.openAmountMinor !== row.open_amount_minor) problems.push(`${doc.externalId}: workflow open ${wf.state.openAmountMinor}, db ${row.open_amount_minor}`);
      if ((wf.state.nextAction?.step ?? null) !== row.next_action_step) problems.push(`${doc.externalId}: next action ${wf.state.nextAction?.step ?? null} vs db ${row.next_action_step}`);
      for (const step of wf.state.handledSteps) {
        if (!timeline.some((e) => e.dedupe_key === `step:${step}` || e.dedupe_key === `skip:${step}`)) problems.push(`${doc.externalId}: step ${step} handled but not in the timeline`);
      }
    } else if (!timeline.some((e) => e.type === 'dunning_stopped')) problems.push(`${doc.externalId}: dunning ended but not in the timeline`);

    const mine = messages.filter((m) => m.invoice_id === row.id);
    const expected = doc.dueInDays < 0 ? ['reminder_1'] : [];
    if (mine.map((m) => m.step).sort().join() !== expected.join()) problems.push(`${doc.externalId}: messages for [${mine.map((m) => m.step).join()}], expected [${expected.join()}]`);
    for (const m of mine) {
      if (m.status !== 'sent' || accepted.get(m.idempotency_key) !== 1) {
        problems.push(`${doc.externalId}: message ${m.idempotency_key} ${m.status}, accepted ${accepted.get(m.idempotency_key) ?? 0}×`);
      }
      const sentEvent = timeline.find((e) => e.dedupe_key === `step:${m.step}` && e.type === 'reminder_sent');
      if (!sentEvent?.data.messageIds?.includes(m.id)) problems.push(`${doc.externalId}: message ${m.id} not in the timeline`);
      if (wf.state && !wf.state.handledSteps.includes(m.step)) problems.push(`${doc.externalId}: message for ${m.step}, a step its workflow has not handled`);
    }
    if (doc.dueInDays < 0 && !mine.some((m) => m.status === 'sent')) missingMessages += 1;
  });
  for (const id of probeIds) if (rowsByExternalId.has(id)) problems.push(`${id}: a request answered 503 wrote an invoice`);

  const expectedPayments = all.filter((d) => d.paidMinor > 0n).length;
  const missingPayments = expectedPayments - new Set(payments.map((p) => p.external_id)).size;
  if (missingPayments !== 0) problems.push(`${missingPayments} payments missing`);
  return {
    problems,
    figures: {
      'messages sent': messages.filter((m) => m.status === 'sent').length,
      'emails accepted by the provider': [...accepted.values()].reduce((a, b) => a + b, 0),
      'duplicate emails': [...accepted.values()].filter((n) => n > 1).length,
      'missing messages': missingMessages,
      'missing invoices': missingInvoices,
      'missing payments': missingPayments,
      'duplicate rows': duplicateRows,
    },
  };
}
