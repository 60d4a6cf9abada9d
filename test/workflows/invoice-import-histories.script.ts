/**
 * Records the import workflow's histories that test/workflows/replay.test.ts
 * replays, into test/histories/invoice-import/<set>/, on the real platform
 * (the loader's activities read PostgreSQL and start invoice workflows):
 *
 *   HISTORIES_SET=2026-12-what-changed npm run -s histories:record -- invoice-import
 *
 * Run it after a deliberate, compatible change to the workflow, into a new set.
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { eventually, isoDateDaysFromToday, startPlatform, TEST_API_KEY, uniqueId, type Platform } from '../support/platform.js';
import { HistorySet } from '../support/history-sets.js';

const histories = new HistorySet('invoice-import');

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
  histories.open();
});
afterAll(async () => {
  await platform?.close();
  process.stdout.write(histories.summary());
});

async function importFile(rows: object[]): Promise<{ id: string; workflowId: string }> {
  const res = await fetch(`${platform.baseUrl}/api/v1/imports`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TEST_API_KEY}`, 'content-type': 'application/x-ndjson' },
    body: rows.map((r) => JSON.stringify(r)).join('\n'),
  });
  expect(res.status).toBe(202);
  const view = (await res.json()) as { id: string; workflowId: string };
  await eventually(async () => (await platform.request('GET', `/api/v1/imports/${view.id}`)).body.status === 'completed', 60_000);
  return view;
}

const row = (externalId: string, customer: string) => ({
  externalId, number: `F-${externalId}`, customer: { externalId: customer, name: customer, email: 'ap@history.example' },
  issueDate: isoDateDaysFromToday(-10), dueDate: isoDateDaysFromToday(20), amount: '10.00', currency: 'EUR',
});

test('a small file: one slice, then completion', async () => {
  const { workflowId } = await importFile([row(uniqueId('H'), 'C-1'), row(uniqueId('H'), 'C-2')]);
  const handle = await platform.temporal.workflow.getHandle(workflowId).describe();
  expect(await histories.record(platform.temporal, 'two-rows', { workflowId, firstExecutionRunId: handle.runId })).toBe(1);
}, 120_000);

test('a row refused while loading (another customer\'s invoice) is counted failed; the workflow completes', async () => {
  const taken = uniqueId('H');
  await importFile([row(taken, 'C-1')]);
  const { workflowId } = await importFile([row(taken, 'C-9'), row(uniqueId('H'), 'C-2')]);
  const handle = await platform.temporal.workflow.getHandle(workflowId).describe();
  expect(await histories.record(platform.temporal, 'row-failed', { workflowId, firstExecutionRunId: handle.runId })).toBe(1);
}, 120_000);
