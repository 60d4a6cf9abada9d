/**
 * Records the promise-to-pay and payment-plan workflow histories that
 * test/workflows/replay.test.ts replays, into test/histories/promise-to-pay/<set>/
 * and test/histories/payment-plan/<set>/:
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
import { makePlan, makePromise, pay, planResult, planSettled, promiseResult, promiseSettled, type PromiseHandle } from './promise-support.js';
import { addMonths, instalmentJudgedAt } from '../../workflows/domain/payment-plan-rules.js';
import { decidePaymentPlanUpdate } from '../../workflows/payment-plan.definitions.js';

const histories = new HistorySet('promise-to-pay');
const planHistories = new HistorySet('payment-plan');
const HOUR = 3_600_000;

let h: DunningHarness;

beforeAll(async () => {
  h = await startDunningHarness();
  histories.open();
  planHistories.open();
});
afterAll(async () => {
  await h?.terminateOpenWorkflows();
  await h?.close();
  process.stdout.write(histories.summary() + planHistories.summary());
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

async function planned(needsApproval: boolean) {
  const today = parisDate(await h.env.currentTimeMs());
  const invoice = await seedInvoice(h.dataSource, { dueDate: shiftDate(today, 5), amountMinor: 200_000n });
  await settled(h, await h.startWorkflow(invoice));
  const first = shiftDate(today, 10);
  const dues = [first, addMonths(first, 1)];
  const run = await makePlan(h, { invoices: [invoice], instalments: dues.map((dueDate) => ({ dueDate, amountMinor: 100_000n })), needsApproval });
  await planSettled(run.handle);
  return { invoice, dues, ...run };
}

test('plan approved, reminded, completed', async () => {
  const { invoice, dues, handle } = await planned(true);
  await handle.executeUpdate(decidePaymentPlanUpdate, { args: [{ decision: 'approve', comment: 'ok', decider: { userId: null, name: 'cm' } }] });
  await planSettled(handle);
  await advanceTo(h.env, zonedDateHourToEpoch(dues[0]!, 10, TEST_TIME_ZONE));
  await planSettled(handle);
  await pay(h, invoice, 100_000n, [handle]);
  await planSettled(handle);
  await advanceTo(h.env, zonedDateHourToEpoch(shiftDate(dues[1]!, -3), 10, TEST_TIME_ZONE));
  await planSettled(handle);
  await pay(h, invoice, 100_000n, [handle]);
  expect(await planResult(h, handle)).toMatchObject({ status: 'completed', remindersSent: ['1:before_due', '1:on_due', '2:before_due'] });
  await planHistories.record(h.env.client, 'approved-completed', handle);
});

test('plan broken after the grace', async () => {
  const { dues, handle } = await planned(false);
  await advanceTo(h.env, instalmentJudgedAt(dues[0]!, 2, createBusinessCalendar(), TEST_TIME_ZONE) + HOUR);
  expect(await planResult(h, handle)).toMatchObject({ status: 'broken', brokenSeq: 1 });
  await planHistories.record(h.env.client, 'broken', handle);
});

test('plan rejected', async () => {
  const { handle } = await planned(true);
  await handle.executeUpdate(decidePaymentPlanUpdate, { args: [{ decision: 'reject', comment: 'no', decider: { userId: null, name: 'cm' } }] });
  expect(await planResult(h, handle)).toMatchObject({ status: 'rejected' });
  await planHistories.record(h.env.client, 'rejected', handle);
});
