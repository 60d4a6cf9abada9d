/**
 * Records the nightly rescoring histories that test/workflows/replay.test.ts
 * replays, into test/histories/credit-rescoring/<set>/:
 *
 *   HISTORIES_SET=2026-12-what-changed npm run -s histories:record -- credit-rescoring
 *
 * Run it after a deliberate, compatible change to the workflow, into a new set.
 * Each scenario checks its outcome before its history is written.
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { seedCreditPortfolio } from '../../bench/credit-portfolio.js';
import type { creditRescoringWorkflow } from '../../workflows/credit-rescoring.workflow.js';
import { uniqueId } from '../support/platform.js';
import { startDunningHarness, type DunningHarness } from '../support/time-skipping.js';
import { HistorySet } from '../support/history-sets.js';

const histories = new HistorySet('credit-rescoring');

let h: DunningHarness;

beforeAll(async () => {
  h = await startDunningHarness();
  histories.open();
});
afterAll(async () => {
  await h?.close();
  process.stdout.write(histories.summary());
});

/** Runs the workflow to its end and writes every run (following continue-as-new). */
async function runAndRecord(name: string, input: Parameters<typeof creditRescoringWorkflow>[0]) {
  const handle = await h.env.client.workflow.start<typeof creditRescoringWorkflow>('creditRescoringWorkflow', {
    taskQueue: h.taskQueue, workflowId: uniqueId('credit-rescoring'), args: [input],
  });
  const totals = await handle.result();
  return { totals, runs: await histories.record(h.env.client, name, handle) };
}

test('paged: three activity calls over a small portfolio', async () => {
  await seedCreditPortfolio(h.dataSource, { prefix: uniqueId('H'), customers: 5, invoicesPerCustomer: 6 });
  const { totals, runs } = await runAndRecord('paged', { pageSize: 1, pagesPerActivity: 2 });
  expect(totals.scored).toBeGreaterThanOrEqual(5);
  expect(runs).toBe(1);
});

test('continued-as-new: more than 50 activity calls', async () => {
  await seedCreditPortfolio(h.dataSource, { prefix: uniqueId('H'), customers: 50, invoicesPerCustomer: 3 });
  const { totals, runs } = await runAndRecord('continued-as-new', { pageSize: 1, pagesPerActivity: 1 });
  expect(totals.scored).toBeGreaterThanOrEqual(55);
  expect(runs).toBe(2);
});
