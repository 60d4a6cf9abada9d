// Initial loads through POST /api/v1/imports against the real Temporal dev server and PostgreSQL:
// a rejected file writes nothing, an accepted one loads on the bulk queue with progress, the same
// file again changes nothing, loading survives a worker and API restart, and live work goes first.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { createApiApp } from '../../src/bootstrap/create-api.js';
import { startWorker } from '../../src/bootstrap/create-worker.js';
import { createUsers, eventually, isoDateDaysFromToday, startPlatform, TEST_API_KEY, uniqueId, type Platform } from '../support/platform.js';
import { suiteState } from '../support/suite-state.js';

let platform: Platform;
beforeAll(async () => {
  // Few bulk slots and a short bulk backlog: an import of a few hundred rows takes long enough to watch.
  platform = await startPlatform({ env: { RELANCE_BULK_TASK_SLOTS: '2', RELANCE_IMPORT_MAX_BACKLOG: '4' } });
});
afterAll(async () => {
  await platform?.close();
});

function invoiceRow(i: number, prefix: string) {
  return {
    externalId: `${prefix}-${i}`,
    number: `F-${prefix}-${i}`,
    customer: { externalId: `${prefix}-C${i % 7}`, name: `Customer ${i % 7}`, email: `ap${i % 7}@opening.example` },
    issueDate: isoDateDaysFromToday(-10),
    dueDate: isoDateDaysFromToday(20),
    amount: `${100 + i}.50`,
    currency: 'EUR',
  };
}

const jsonLines = (rows: object[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

async function postFile(base: string, body: string, contentType: string, name?: string) {
  const res = await fetch(`${base}/api/v1/imports${name ? `?name=${encodeURIComponent(name)}` : ''}`, {
    method: 'POST', headers: { authorization: `Bearer ${TEST_API_KEY}`, 'content-type': contentType }, body,
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}

async function count(table: string, where = 'true'): Promise<number> {
  const [{ n }] = await platform.db.dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`);
  return n;
}

async function completed(id: string, base = platform.baseUrl, timeoutMs = 60_000) {
  return eventually(async () => {
    const res = await fetch(`${base}/api/v1/imports/${id}`, { headers: { authorization: `Bearer ${TEST_API_KEY}` } });
    const view = (await res.json()) as any;
    return view.status === 'completed' ? view : null;
  }, timeoutMs);
}

describe('initial load imports', () => {
  test('a file with invalid rows is refused with every row error, and nothing is written', async () => {
    const csv = [
      'externalId,number,customer.externalId,customer.name,customer.email,issueDate,dueDate,amount,currency,colour',
      `R-1,F-1,C-1,Acme,ap@acme.example,${isoDateDaysFromToday(-10)},${isoDateDaysFromToday(20)},10.00,EUR,`,
      `R-2,F-2,C-2,Beta,not-an-email,${isoDateDaysFromToday(-10)},${isoDateDaysFromToday(20)},10.00,EUR,`,
      `R-3,F-3,C-3,Gamma,ap@gamma.example,${isoDateDaysFromToday(-10)},${isoDateDaysFromToday(-20)},10.00,EUR,`,
      `R-1,F-1b,C-1,Acme,ap@acme.example,${isoDateDaysFromToday(-10)},${isoDateDaysFromToday(20)},10.00,EUR,`,
      `R-5,F-5,C-5,Delta,ap@delta.example,${isoDateDaysFromToday(-10)},${isoDateDaysFromToday(20)},10.00,EUR,red`,
      `R-6,F-6,C-6,Epsilon,ap@epsilon.example,${isoDateDaysFromToday(-10)},${isoDateDaysFromToday(20)},"12,50",EUR,`,
    ].join('\n');
    const res = await postFile(platform.baseUrl, csv, 'text/csv', 'refused.csv');
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'IMPORT_REJECTED', rows: 6, errorCount: res.body.errors.length });
    const byRow = (row: number) => res.body.errors.filter((e: any) => e.row === row).map((e: any) => e.field);
    expect(byRow(1)).toEqual([]);
    expect(byRow(2)).toEqual(['customer.email']);
    expect(byRow(3)).toEqual(['dueDate']);
    expect(byRow(4)).toEqual(['externalId']);
    expect(byRow(5)).toEqual(['colour']);
    expect(byRow(6)).toEqual(['amount']);
    expect(res.body.errors.find((e: any) => e.row === 4).message).toBe('invoice R-1 is already in row 1 of this file');
    // Each error as a code with params too, for the console to write in the reader's language.
    expect(res.body.errors.map((e: any) => [e.row, e.code, e.params])).toEqual([
      [2, 'FIELD_INVALID', { rule: 'isEmail' }],
      [3, 'FIELD_REFUSED', { reason: 'VALIDATION_FAILED' }],
      [4, 'DUPLICATE_IN_FILE', { invoice: 'R-1', firstRow: 1 }],
      [5, 'FIELD_INVALID', { rule: 'whitelistValidation' }],
      [6, 'FIELD_INVALID', { rule: 'decimalAmount' }],
    ]);
    for (const table of ['imports', 'import_rows', 'invoices', 'customers']) expect(await count(table)).toBe(0);
  });

  test('a file that is not CSV or JSON lines is refused (415)', async () => {
    const res = await postFile(platform.baseUrl, '{}', 'application/json');
    expect(res.status).toBe(415);
    expect(res.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  test('an accepted file loads in the background on the bulk queue with progress, rate and ETA; the same file again changes nothing', async () => {
    const prefix = uniqueId('OB');
    const file = jsonLines(Array.from({ length: 60 }, (_, i) => invoiceRow(i, prefix)));
    const accepted = await postFile(platform.baseUrl, file, 'application/x-ndjson', 'opening.jsonl');
    expect(accepted.status).toBe(202);
    expect(accepted.body).toMatchObject({ status: 'loading', format: 'jsonl', fileName: 'opening.jsonl', rows: { total: 60 } });
    const id = accepted.body.id as string;

    // Progress as it goes: rows done only grow, and a rate and an ETA appear once loading started.
    const seen: any[] = [];
    const done = await eventually(async () => {
      const view = (await platform.request('GET', `/api/v1/imports/${id}`)).body;
      seen.push(view);
      return view.status === 'completed' ? view : null;
    }, 60_000);
    expect(done).toMatchObject({ rows: { total: 60, done: 60, failed: 0, pending: 0 }, etaSeconds: 0, failures: [] });
    expect(done.ratePerSecond).toBeGreaterThan(0);
    const dones = seen.map((v) => v.rows.done);
    expect(dones).toEqual([...dones].sort((a, b) => a - b));
    const midway = seen.find((v) => v.status === 'loading' && v.rows.done > 0);
    if (midway) expect(midway.etaSeconds).toEqual(expect.any(Number));

    expect(await count('invoices', `external_id LIKE '${prefix}-%'`)).toBe(60);
    const [{ workflow_id: workflowId }] = await platform.db.dataSource.query(`SELECT workflow_id FROM invoices WHERE external_id = $1`, [`${prefix}-0`]);
    const described = await platform.temporal.workflow.getHandle(workflowId).describe();
    // On the live queue below every live priority: its later reminders get the live worker's slots.
    expect([described.taskQueue, described.priority?.priorityKey]).toEqual([platform.config.TEMPORAL_TASK_QUEUE, 5]);

    const eventsBefore = await count('invoice_events');
    const ledgerBefore = await count('receivable_movements');
    expect(ledgerBefore).toBeGreaterThanOrEqual(60);
    const again = await postFile(platform.baseUrl, file, 'application/x-ndjson', 'opening-again.jsonl');
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id, status: 'completed', fileName: 'opening.jsonl', rows: { done: 60 } });
    expect(await count('imports')).toBe(1);
    expect(await count('invoices', `external_id LIKE '${prefix}-%'`)).toBe(60);
    expect(await count('invoice_events')).toBe(eventsBefore);
    expect(await count('receivable_movements')).toBe(ledgerBefore);

    // Another file holding the same invoices (a CSV this time): every row loads as "unchanged".
    const csv = ['externalId,number,customer.externalId,customer.name,customer.email,issueDate,dueDate,amount,currency',
      ...Array.from({ length: 60 }, (_, i) => invoiceRow(i, prefix)).map((r) =>
        [r.externalId, r.number, r.customer.externalId, r.customer.name, r.customer.email, r.issueDate, r.dueDate, r.amount, r.currency].join(','))].join('\n');
    const overlapping = await postFile(platform.baseUrl, csv, 'text/csv');
    expect(overlapping.status).toBe(202);
    expect(await completed(overlapping.body.id)).toMatchObject({ rows: { total: 60, done: 60, failed: 0 } });
    expect(await count('invoices', `external_id LIKE '${prefix}-%'`)).toBe(60);
    expect(await count('invoice_events')).toBe(eventsBefore);
  }, 240_000);

  test('rows load in batches: a row in conflict with what Relance holds fails alone, and each new invoice costs its workflow one task before its timer', async () => {
    const prefix = uniqueId('BATCH');
    const rows = Array.from({ length: 12 }, (_, i) => invoiceRow(i, prefix));
    // Invoice 5 already exists for another customer: loading it is a conflict, the other rows load.
    const other = await platform.request('POST', '/api/v1/invoices', { ...rows[5], customer: { externalId: uniqueId('OTHER'), name: 'Other SA', email: 'ap@other.example' } });
    expect(other.status).toBe(201);
    // Invoice 7 already exists, the same: it loads as unchanged (no second event or ledger line).
    expect((await platform.request('POST', '/api/v1/invoices', rows[7])).status).toBe(201);

    const accepted = await postFile(platform.baseUrl, jsonLines(rows), 'application/x-ndjson');
    expect(accepted.status).toBe(202);
    const done = await completed(accepted.body.id);
    expect(done).toMatchObject({ rows: { total: 12, done: 11, failed: 1, pending: 0 } });
    // Refused while loading: a code with params for the console to write in its reader's language, and the English words kept.
    expect(done.failures).toEqual([{
      row: 6, code: 'INVOICE_CUSTOMER_MISMATCH', params: { invoice: rows[5]!.externalId }, message: expect.stringContaining('INVOICE_CUSTOMER_MISMATCH'),
    }]);

    const like = `external_id LIKE '${prefix}-%'`;
    expect(await count('invoices', like)).toBe(12);
    expect(await count('invoice_events', `type = 'invoice_created' AND invoice_id IN (SELECT id FROM invoices WHERE ${like})`)).toBe(12);
    expect(await count('receivable_movements', `kind = 'invoice' AND document_id IN (SELECT id FROM invoices WHERE ${like})`)).toBe(12);
    // The projection holds each new invoice's next step, written by the batch rather than by its workflow.
    expect(await count('invoices', `${like} AND next_action_step IS NULL`)).toBe(0);

    const [{ workflow_id: workflowId, next_action_step: step, next_action_at: at }] = await platform.db.dataSource.query(
      'SELECT workflow_id, next_action_step, next_action_at FROM invoices WHERE external_id = $1', [`${prefix}-0`]);
    const events = await eventually(async () => {
      const history = await platform.temporal.workflow.getHandle(workflowId).fetchHistory();
      return history.events?.some((e) => e.timerStartedEventAttributes) ? history.events : null;
    });
    const beforeTimer = events.slice(0, events.findIndex((e) => e.timerStartedEventAttributes));
    expect(beforeTimer.filter((e) => e.workflowTaskCompletedEventAttributes)).toHaveLength(1);
    expect(beforeTimer.filter((e) => e.activityTaskScheduledEventAttributes || e.markerRecordedEventAttributes?.markerName === 'core_local_activity')).toEqual([]);
    expect(step).toBe('courtesy_notice');
    expect(at).toBeInstanceOf(Date);
  }, 120_000);

  test('loading survives a worker and an API restart: a new API reports the import the old one accepted, completed', async () => {
    const prefix = uniqueId('RS');
    const accepted = await postFile(platform.baseUrl, jsonLines(Array.from({ length: 80 }, (_, i) => invoiceRow(i, prefix))), 'application/x-ndjson');
    expect(accepted.status).toBe(202);
    const id = accepted.body.id as string;
    await eventually(async () => (await platform.request('GET', `/api/v1/imports/${id}`)).body.rows.done > 0);

    await platform.worker!.shutdown();
    const stopped = (await platform.request('GET', `/api/v1/imports/${id}`)).body;
    expect(stopped.rows.pending).toBeGreaterThan(0);
    const worker = await startWorker(platform.config, { workflowBundlePath: suiteState().workflowBundlePath, logger: false });
    platform.worker = worker;
    let api: INestApplication | undefined;
    try {
      api = await createApiApp(platform.config, [TEST_API_KEY], { logger: false });
      await api.listen(0, '127.0.0.1');
      const { port } = api.getHttpServer().address() as { port: number };
      expect(await completed(id, `http://127.0.0.1:${port}`, 150_000)).toMatchObject({ rows: { total: 80, done: 80, failed: 0 } });
    } finally {
      await api?.close();
    }
    expect(await count('invoices', `external_id LIKE '${prefix}-%'`)).toBe(80);
  }, 240_000);

  test('a live invoice posted during an import runs on the live queue and gets its first reminder while the import still loads', async () => {
    const prefix = uniqueId('BULK');
    const file = jsonLines(Array.from({ length: 200 }, (_, i) => invoiceRow(i, prefix)));
    const accepted = await postFile(platform.baseUrl, file, 'application/x-ndjson');
    expect(accepted.status).toBe(202);
    const id = accepted.body.id as string;
    await eventually(async () => (await platform.request('GET', `/api/v1/imports/${id}`)).body.rows.done > 0);

    const live = await platform.request('POST', '/api/v1/invoices', {
      ...invoiceRow(0, uniqueId('LIVE')), customer: { externalId: uniqueId('LC'), name: 'Live SARL', email: 'ap@live.example' },
      issueDate: isoDateDaysFromToday(-38), dueDate: isoDateDaysFromToday(-8),
    });
    expect(live.status).toBe(201);
    expect((await platform.temporal.workflow.getHandle(live.body.workflowId).describe()).taskQueue).toBe(platform.config.TEMPORAL_TASK_QUEUE);
    await eventually(async () => {
      const messages = (await platform.request('GET', `/api/v1/messages?invoiceId=${live.body.id}`)).body as any[];
      return messages.some((m) => m.status === 'sent');
    }, 30_000);
    const during = (await platform.request('GET', `/api/v1/imports/${id}`)).body;
    expect(during.status).toBe('loading');
    expect(during.rows.pending).toBeGreaterThan(0);
  }, 120_000);

  test('GET /api/v1/imports lists past and running imports newest first with their progress, a cursor page at a time, for admins and ERPs only', async () => {
    // The files of the tests above, newest first: the bulk one, the restarted one, the batched one, the opening balance's CSV twin, the opening balance.
    const sent: { id: string; created_at: Date }[] = await platform.db.dataSource.query('SELECT id, created_at FROM imports ORDER BY created_at DESC, id DESC');
    expect(sent.length).toBe(5);

    const all = await platform.request('GET', '/api/v1/imports');
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ total: 5, limit: 50, nextCursor: null });
    expect(all.body.items.map((i: any) => i.id)).toEqual(sent.map((s) => s.id));
    const opening = all.body.items.at(-1);
    expect(opening).toEqual({
      id: expect.any(String), status: 'completed', fileName: 'opening.jsonl', format: 'jsonl', fileSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      workflowId: `invoice-import-${opening.id}`, rows: { total: 60, done: 60, failed: 0, pending: 0 },
      ratePerSecond: expect.any(Number), etaSeconds: 0,
      createdAt: expect.any(String), loadingStartedAt: expect.any(String), completedAt: expect.any(String),
    });
    // The bulk import of the test above may still load: its progress is the one GET /imports/{id} reports.
    const newest = all.body.items[0];
    expect(newest.rows.total).toBe(200);
    expect(newest.rows.done + newest.rows.failed + newest.rows.pending).toBe(200);
    const { failures, ...single } = (await platform.request('GET', `/api/v1/imports/${newest.id}`)).body;
    expect(failures).toEqual([]);
    expect(single.rows.done).toBeGreaterThanOrEqual(newest.rows.done);

    // Two at a time: the cursor walks every import once, in the same order.
    const walked: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await platform.request('GET', `/api/v1/imports?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      walked.push(...page.body.items.map((i: any) => i.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(walked).toEqual(sent.map((s) => s.id));

    const oldestFirst = await platform.request('GET', '/api/v1/imports?sort=createdAt&total=false');
    expect(oldestFirst.body.items.map((i: any) => i.id)).toEqual([...sent].reverse().map((s) => s.id));
    expect(oldestFirst.body.total).toBeNull();
    const completedOnly = await platform.request('GET', '/api/v1/imports?status=completed');
    expect(completedOnly.body.items.every((i: any) => i.status === 'completed')).toBe(true);
    expect(completedOnly.body.items.map((i: any) => i.id)).toEqual(expect.arrayContaining(sent.slice(1).map((s) => s.id)));

    const refused = await platform.request('GET', '/api/v1/imports?status=paused&sort=fileName&limit=0');
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((e: any) => e.field).sort()).toEqual(['limit', 'sort', 'status']);
    const garbled = await platform.request('GET', '/api/v1/imports?cursor=not-a-cursor');
    expect(garbled.status).toBe(400);

    const { tokens } = await createUsers(platform, { collector: ['collector'], admin: ['admin'] });
    expect((await platform.request('GET', '/api/v1/imports', undefined, { apiKey: tokens.collector })).status).toBe(403);
    expect((await platform.request('GET', '/api/v1/imports', undefined, { apiKey: tokens.admin })).body.total).toBe(5);
    // Last in this file: the platform closes while the bulk import may still load; close stops the worker in place
    // (the one the restart test started) before it drops the database, so the import's slice stops with it.
  }, 60_000);
});
