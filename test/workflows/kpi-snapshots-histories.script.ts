/**
 * Records the month-end KPI snapshot history that test/workflows/replay.test.ts
 * replays, into test/histories/kpi-snapshots/<set>/:
 *
 *   HISTORIES_SET=2026-12-what-changed npm run -s histories:record -- kpi-snapshots
 *
 * Run it after a deliberate, compatible change to the workflow, into a new set.
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import type { kpiSnapshotsWorkflow } from '../../workflows/kpi-snapshots.workflow.js';
import { uniqueId } from '../support/platform.js';
import { startDunningHarness, type DunningHarness } from '../support/time-skipping.js';
import { HistorySet } from '../support/history-sets.js';

const histories = new HistorySet('kpi-snapshots');

let h: DunningHarness;

beforeAll(async () => {
  h = await startDunningHarness();
  histories.open();
});
afterAll(async () => {
  await h?.close();
  process.stdout.write(histories.summary());
});

test('empty ledger: one activity call, nothing to take', async () => {
  const handle = await h.env.client.workflow.start<typeof kpiSnapshotsWorkflow>('kpiSnapshotsWorkflow', {
    taskQueue: h.taskQueue, workflowId: uniqueId('kpi-snapshots'), args: [],
  });
  expect(await handle.result()).toEqual({ taken: 0 });
  expect(await histories.record(h.env.client, 'empty-ledger', handle)).toBe(1);
});
