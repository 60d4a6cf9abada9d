/**
 * Records the promise-to-pay workflow histories that test/workflows/replay.test.ts
 * replays, into test/histories/promise-to-pay/<set>/:
 *
 *   HISTORIES_SET=2026-12-what-changed NODE_OPTIONS=--experimental-vm-modules npx jest --testMatch '<rootDir>/test/workflows/promise-histories.script.ts'
 *
 * (`npm run histories:record -- promise` records every workflow's scripts, not only this one.)
 *
 * Run it after a deliberate, compatible change to the workflow, into a new set
 * (older sets stay: promises made under older code may still be open).
 * Each scenario checks its outcome before its history is written.
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { createBusinessCalendar } from '../../workflows/domain/business-calendar.js';
import { zonedDateHourToEpoch } from '../../workflows/domain/calendar.js';
import { promiseDeadline } from '../../workflows/domain/promise-rules.js';
import { HistorySet } from '../support/history-sets.js';
import {
  advanceTo, parisDate, seedInvoice, settled, shiftDate, startDunningHarness, TEST_TIME_ZONE, type DunningHarness,
} from '../support/time-skipping.js';
import { makePromise, pay, promiseResult, promiseSettled, type PromiseHandle } from './promise-support.js';

const histories = new HistorySet('promise-to-pay');
const HOUR = 3_600_000;

let h: DunningHarness;

beforeAll(async () => {
  h = await startDunningHarness();
  histories.open();
});
afterAll(async () => {
  await h?.terminateOpenWorkflows();
  await h?.close();
  process.stdout.write(histories.summary());
});

async function promised(amountMinor: bigint, promisedInDays: number): Promise<{ invoice: Awaited<ReturnType<typeof seedInvoice>>; handle: PromiseHandle; promisedFor: string }> {
  const today = parisDate(await h.env.currentTimeMs());
  const invoice = await seedInvoice(h.dataSource, { dueDate: shiftDate(today, 5), amountMinor: 200_000n });
  await settled(h, await h.startWorkflow(invoice));
  const promisedFor = shiftDate(today, promisedInDays);
  const { handle } = await makePromise(h, { invoices: [invoice], amountMinor, promisedFor });
  await promiseSettled(handle);
  return { invoice, handle, promisedFor };
}

test('kept on time by two payments', async () => {
  const { invoice, handle } = await promised(150_000n, 4);
  await pay(h, invoice, 50_000n, [handle]);
  await promiseSettled(handle);
  await pay(h, invoice, 100_000n, [handle]);
  expect(await promiseResult(h, handle)).toMatchObject({ status: 'kept', keptLate: false });
  await histories.record(h.env.client, 'kept-on-time', handle);
});

test('kept late within the grace', async () => {
  const { invoice, handle, promisedFor } = await promised(100_000n, 2);
  await advanceTo(h.env, zonedDateHourToEpoch(shiftDate(promisedFor, 1), 10, TEST_TIME_ZONE));
  await pay(h, invoice, 100_000n, [handle]);
  expect(await promiseResult(h, handle)).toMatchObject({ status: 'kept', keptLate: true });
  await histories.record(h.env.client, 'kept-late', handle);
});

test('broken after a partial payment', async () => {
  const { invoice, handle, promisedFor } = await promised(100_000n, 2);
  await pay(h, invoice, 30_000n, [handle]);
  await promiseSettled(handle);
  await advanceTo(h.env, promiseDeadline(promisedFor, 2, createBusinessCalendar(), TEST_TIME_ZONE).judgedAt + HOUR);
  expect(await promiseResult(h, handle)).toMatchObject({ status: 'broken', receivedMinor: '30000' });
  await histories.record(h.env.client, 'broken', handle);
});
