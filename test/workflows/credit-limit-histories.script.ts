/**
 * Records the credit-limit approval histories that test/workflows/replay.test.ts
 * replays, into test/histories/credit-limit-approval/<set>/:
 *
 *   HISTORIES_SET=2026-12-what-changed npm run -s histories:record -- credit-limit
 *
 * Run it after a deliberate, compatible change to the workflow, into a new set
 * (older sets stay: requests started under older code may still be running,
 * temporary limits for months). Each scenario checks its outcome before its
 * history is written, so no recording captures a wrong behaviour.
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { giveSalesOpinionUpdate } from '../../workflows/credit-limit.definitions.js';
import { addDays, dateInZone } from '../../workflows/domain/calendar.js';
import { advanceTo, startDunningHarness, type DunningHarness } from '../support/time-skipping.js';
import { HistorySet } from '../support/history-sets.js';
import {
  creditSettled, decide, limitHistory, result, seedCustomer, seedUser, setManualLimit, startRequest, type CreditLimitHandle,
} from './credit-limit-support.js';

const histories = new HistorySet('credit-limit-approval');
const HOUR = 3_600_000;

let h: DunningHarness;

beforeAll(async () => {
  h = await startDunningHarness();
  histories.open();
});
afterAll(async () => {
  await h?.close();
  process.stdout.write(histories.summary());
});

async function record(name: string, handle: CreditLimitHandle): Promise<void> {
  await histories.record(h.env.client, name, handle);
}

async function people() {
  return {
    sales: await seedUser(h.dataSource, ['sales']),
    cm: await seedUser(h.dataSource, ['credit_manager']),
    fd: await seedUser(h.dataSource, ['finance_director']),
    cfo: await seedUser(h.dataSource, ['cfo']),
  };
}

test('counter-offer: CM approves less, FD approves, sales opinion given, refused decisions in between', async () => {
  const p = await people();
  const customer = await seedCustomer(h.dataSource, p.sales.email);
  const { handle } = await startRequest(h, { customer, amountMinor: 5_000_000n, requester: p.sales });
  await creditSettled(handle);
  await handle.executeUpdate(giveSalesOpinionUpdate, { args: [{ userId: p.sales.id, opinion: 'favourable', comment: 'ok' }] });
  await expect(decide(handle, p.fd, { decision: 'approve', comment: 'too early' })).rejects.toThrow();
  await decide(handle, p.cm, { decision: 'approve', amountMinor: '3000000', comment: 'less' });
  await decide(handle, p.fd, { decision: 'approve', comment: 'ok' });
  expect(await result(h, handle)).toEqual({ status: 'approved', approvedAmountMinor: '3000000' });
  await record('counter-offer', handle);
});

test('three levels, rejected at the second', async () => {
  const p = await people();
  const customer = await seedCustomer(h.dataSource);
  const { handle } = await startRequest(h, { customer, amountMinor: 20_000_000n, requester: p.sales });
  await creditSettled(handle);
  await decide(handle, p.cm, { decision: 'approve', comment: 'ok' });
  await decide(handle, p.fd, { decision: 'reject', comment: 'no' });
  expect(await result(h, handle)).toEqual({ status: 'rejected', approvedAmountMinor: null });
  await record('rejected', handle);
});

test('reminded, escalated and decided by the CFO, then the next level', async () => {
  const p = await people();
  const customer = await seedCustomer(h.dataSource);
  const { handle } = await startRequest(h, { customer, amountMinor: 5_000_000n, requester: p.sales });
  await creditSettled(handle);
  await advanceTo(h.env, (await h.env.currentTimeMs()) + 72 * HOUR + 60_000);
  expect((await creditSettled(handle))?.levels[0]).toMatchObject({ remindedAt: expect.any(String), escalatedAt: expect.any(String) });
  await decide(handle, p.cfo, { decision: 'approve', comment: 'escalated' });
  await decide(handle, p.fd, { decision: 'approve', comment: 'ok' });
  expect(await result(h, handle)).toEqual({ status: 'approved', approvedAmountMinor: '5000000' });
  await record('escalated', handle);
});

test('temporary limit reverted at the end of its last day', async () => {
  const p = await people();
  const customer = await seedCustomer(h.dataSource);
  await setManualLimit(h.dataSource, customer.id, 500_000n);
  const until = addDays(dateInZone(await h.env.currentTimeMs(), 'Europe/Paris'), 5);
  const { handle } = await startRequest(h, { customer, amountMinor: 800_000n, requester: p.sales, until });
  await creditSettled(handle);
  await decide(handle, p.cm, { decision: 'approve', comment: 'season' });
  await creditSettled(handle);
  await advanceTo(h.env, Date.parse(`${addDays(until, 1)}T00:00:00+01:00`) + 60_000);
  expect(await result(h, handle)).toEqual({ status: 'reverted', approvedAmountMinor: '800000' });
  expect((await limitHistory(h.dataSource, customer.id)).map((r) => r.amountMinor)).toEqual([500_000n, 800_000n, 500_000n]);
  await record('temporary-reverted', handle);
});

test('temporary limit superseded before its end', async () => {
  const p = await people();
  const customer = await seedCustomer(h.dataSource);
  const until = addDays(dateInZone(await h.env.currentTimeMs(), 'Europe/Paris'), 2);
  const { handle } = await startRequest(h, { customer, amountMinor: 800_000n, requester: p.sales, until });
  await creditSettled(handle);
  await decide(handle, p.cm, { decision: 'approve', comment: 'season' });
  await creditSettled(handle);
  await setManualLimit(h.dataSource, customer.id, 2_000_000n);
  await advanceTo(h.env, Date.parse(`${addDays(until, 1)}T00:00:00+01:00`) + 60_000);
  expect(await result(h, handle)).toEqual({ status: 'superseded', approvedAmountMinor: '800000' });
  await record('temporary-superseded', handle);
});
