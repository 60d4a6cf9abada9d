/**
 * Records the nightly rescoring histories that test/workflows/replay.test.ts
 * replays, into test/histories/credit-rescoring/<set>/:
 *
 *   HISTORIES_SET=2026-11-credit-rescoring npm run -s jest -- --testMatch '<rootDir>/test/workflows/credit-rescoring-histories.script.ts'
 *
 * Run it after a deliberate, compatible change to the workflow, into a new set.
 * Each scenario checks its outcome before its history is written.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { seedCreditPortfolio } from '../../bench/credit-portfolio.js';
import type { creditRescoringWorkflow } from '../../workflows/credit-rescoring.workflow.js';
import { uniqueId } from '../support/platform.js';
import { historyToJson, startDunningHarness, type DunningHarness } from '../support/time-skipping.js';

const SET = process.env.HISTORIES_SET;
if (!SET || !/^[\w.-]+$/.test(SET)) throw new Error('Name the history set: HISTORIES_SET=2026-12-what-changed');
const DIR = join(process.cwd(), 'test', 'histories', 'credit-rescoring', SET);

let h: DunningHarness;
const recorded: string[] = [];

beforeAll(async () => {
  h = await startDunningHarness();
  mkdirSync(DIR, { recursive: true });
  for (const file of readdirSync(DIR)) if (file.endsWith('.json')) rmSync(join(DIR, file));
});
afterAll(async () => {
  await h?.close();
  process.stdout.write(`recorded ${recorded.length} histories in ${DIR}:\n  ${recorded.join('\n  ')}\n`);
});

/** Runs the workflow to its end and writes every run (following continue-as-new). */
async function runAndRecord(name: string, input: Parameters<typeof creditRescoringWorkflow>[0]) {
  const handle = await h.env.client.workflow.start<typeof creditRescoringWorkflow>('creditRescoringWorkflow', {
    taskQueue: h.taskQueue, workflowId: uniqueId('credit-rescoring'), args: [input],
  });
  const totals = await handle.result();
  const runs = [handle.firstExecutionRunId];
  const histories = [];
  for (;;) {
    const history = await h.env.client.workflow.getHandle(handle.workflowId, runs[runs.length - 1]).fetchHistory();
    histories.push(history);
    const next = history.events?.at(-1)?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId;
    if (!next) break;
    runs.push(next);
  }
  histories.forEach((history, i) => {
    const file = histories.length === 1 ? `${name}.json` : `${name}.run-${i + 1}.json`;
    writeFileSync(join(DIR, file), historyToJson(history));
    recorded.push(file);
  });
  return { totals, runs: histories.length };
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
