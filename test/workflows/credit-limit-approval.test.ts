/**
 * Credit-limit requests through their approval chain on the time-skipping
 * server, with the real worker and PostgreSQL: every band, counter-offers,
 * rejection, reminders and escalation, refused decisions, the sales opinion,
 * and a temporary limit that reverts (or finds itself superseded).
 */
import { afterEach, describe, expect, test } from '@jest/globals';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { dateInZone, addDays, zonedDateHourToEpoch } from '../../workflows/domain/calendar.js';
import { giveSalesOpinionUpdate } from '../../workflows/credit-limit.definitions.js';
import { advanceTo, useDunningHarness } from '../support/time-skipping.js';
import {
  acceptedUpdates, creditSettled, result, decide, erpEvents, limitHistory, loadRequest, mailKeys, mailTo, seedCustomer, seedUser,
  setManualLimit, startRequest, type CreditLimitHandle, type SeededUser,
} from './credit-limit-support.js';

const h = useDunningHarness();
const HOUR = 3_600_000;
const started: CreditLimitHandle[] = [];

afterEach(async () => {
  for (const handle of started.splice(0)) {
    // Terminating a workflow with an activity in flight leaves the test server unable to skip time: settle first.
    if (await creditSettled(handle).catch(() => null)) await handle.terminate('test over');
  }
});

async function refusal(promise: Promise<unknown>): Promise<{ type: string | undefined | null; message: string }> {
  const err = await promise.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  const cause = (err as WorkflowUpdateFailedError).cause;
  expect(cause).toBeInstanceOf(ApplicationFailure);
  return { type: (cause as ApplicationFailure).type, message: (cause as ApplicationFailure).message };
}

async function people() {
  return {
    sales: await seedUser(h.dataSource, ['sales']),
    cm: await seedUser(h.dataSource, ['credit_manager']),
    fd: await seedUser(h.dataSource, ['finance_director']),
    cfo: await seedUser(h.dataSource, ['cfo']),
  };
}

async function start(amountMinor: bigint, requester: SeededUser, extra: { until?: string; salesperson?: string } = {}) {
  const customer = await seedCustomer(h.dataSource, extra.salesperson ?? null);
  const run = await startRequest(h, { customer, amountMinor, requester, until: extra.until ?? null });
  started.push(run.handle);
  await creditSettled(run.handle);
  return { customer, ...run };
}

describe('credit-limit approval chain', () => {
  test('up to 10 000.00: one credit manager approves; the limit is set with its ERP event and the requester is told', async () => {
    const p = await people();
    const { customer, request, handle } = await start(800_000n, p.sales);
    const waiting = await creditSettled(handle);
    expect(waiting).toMatchObject({ status: 'pending', pendingLevel: 1, pendingRoles: ['credit_manager'], currentAmountMinor: '800000' });
    expect(await mailKeys(h.dataSource, request.id)).toEqual(expect.arrayContaining([
      `credit-limit:${request.id}:level:1:requested:${p.cm.id}`,
    ]));

    const answer = await decide(handle, p.cm, { decision: 'approve', comment: 'Good payer' });
    expect(answer).toMatchObject({ status: 'approved', approvedAmountMinor: '800000', pendingLevel: null });
    expect(answer.levels.map((l) => l.state)).toEqual(['approved']);
    expect(await result(h, handle)).toEqual({ status: 'approved', approvedAmountMinor: '800000' });

    expect((await limitHistory(h.dataSource, customer.id)).map((r) => [r.amountMinor, r.kind, r.requestId])).toEqual([
      [800_000n, 'permanent', request.id],
    ]);
    const row = await loadRequest(h.dataSource, request.id);
    expect(row).toMatchObject({ status: 'approved', approvedAmountMinor: 800_000n, previousLimit: { amountMinor: null, currency: null } });
    const events = await erpEvents(h.dataSource, request.id);
    expect(events.map((e) => [e.type, e.status])).toEqual([['credit_limit.changed', 'held']]);
    expect(events[0]!.data).toMatchObject({
      requestId: request.id, customer: { id: customer.id, externalId: customer.externalId }, change: 'permanent',
      limit: { amount: '8000.00', currency: 'EUR' }, previousLimit: null,
      approvals: [{ level: 1, role: 'credit_manager', userId: p.cm.id, decision: 'approve', amount: { amount: '8000.00', currency: 'EUR' } }],
    });
    expect((await mailTo(h.dataSource, `credit-limit:${request.id}:approved`))?.recipient).toBe(p.sales.email);
  });

  test('up to 100 000.00: credit manager then finance director; a counter-offer becomes the amount decided on and the limit', async () => {
    const p = await people();
    const { customer, request, handle } = await start(5_000_000n, p.sales);
    expect((await creditSettled(handle))?.levels.map((l) => [l.role, l.state])).toEqual([
      ['credit_manager', 'pending'], ['finance_director', 'waiting'],
    ]);

    // A counter-offer above the amount under decision is refused.
    expect((await refusal(decide(handle, p.cm, { decision: 'approve', amountMinor: '5000001', comment: 'x' }))).type).toBe('AMOUNT_ABOVE_CURRENT');
    const afterCm = await decide(handle, p.cm, { decision: 'approve', amountMinor: '3000000', comment: 'Only 30k' });
    expect(afterCm).toMatchObject({ status: 'pending', pendingLevel: 2, currentAmountMinor: '3000000', pendingRoles: ['finance_director'] });
    await creditSettled(handle);
    expect(await mailKeys(h.dataSource, request.id)).toEqual(expect.arrayContaining([
      `credit-limit:${request.id}:level:2:requested:${p.fd.id}`,
    ]));
    // The next level decides on the counter-offer: the originally requested amount is now too high.
    expect((await refusal(decide(handle, p.fd, { decision: 'approve', amountMinor: '5000000', comment: 'x' }))).type).toBe('AMOUNT_ABOVE_CURRENT');
    const done = await decide(handle, p.fd, { decision: 'approve', comment: 'Agreed' });
    expect(done).toMatchObject({ status: 'approved', approvedAmountMinor: '3000000' });
    expect(done.decisions.map((d) => [d.level, d.userId, d.amountMinor])).toEqual([[1, p.cm.id, '3000000'], [2, p.fd.id, '3000000']]);
    await result(h, handle);
    expect((await limitHistory(h.dataSource, customer.id)).map((r) => r.amountMinor)).toEqual([3_000_000n]);
    expect((await erpEvents(h.dataSource, request.id))[0]!.data).toMatchObject({
      limit: { amount: '30000.00', currency: 'EUR' }, requestedLimit: { amount: '50000.00', currency: 'EUR' },
    });
    // Two accepted decisions; the two refused ones never entered the history.
    expect(await acceptedUpdates(handle)).toBe(2);
  });

  test('above 100 000.00: three levels; the operator key, a wrong role, an admin and a second level by the same person are refused', async () => {
    const p = await people();
    const both = await seedUser(h.dataSource, ['credit_manager', 'finance_director']);
    const admin = await seedUser(h.dataSource, ['admin']);
    const { customer, handle } = await start(25_000_000n, p.sales);
    expect((await creditSettled(handle))?.levels.map((l) => l.role)).toEqual(['credit_manager', 'finance_director', 'cfo']);

    expect((await refusal(decide(handle, { kind: 'system' }, { decision: 'approve', comment: 'x' }))).type).toBe('NOT_A_USER');
    expect((await refusal(decide(handle, p.fd, { decision: 'approve', comment: 'x' }))).type).toBe('NOT_AN_APPROVER');
    expect((await refusal(decide(handle, admin, { decision: 'approve', comment: 'x' }))).type).toBe('NOT_AN_APPROVER');
    await decide(handle, both, { decision: 'approve', comment: 'Level 1' });
    expect((await refusal(decide(handle, both, { decision: 'approve', comment: 'Level 2 too' }))).type).toBe('SAME_APPROVER');
    await decide(handle, p.fd, { decision: 'approve', comment: 'Level 2' });
    expect((await refusal(decide(handle, p.fd, { decision: 'approve', comment: 'x' }))).type).toBe('NOT_AN_APPROVER');
    const done = await decide(handle, p.cfo, { decision: 'approve', comment: 'Level 3' });
    expect(done).toMatchObject({ status: 'approved', approvedAmountMinor: '25000000' });
    expect(done.levels.map((l) => l.state)).toEqual(['approved', 'approved', 'approved']);
    await result(h, handle);
    expect((await limitHistory(h.dataSource, customer.id)).map((r) => r.amountMinor)).toEqual([25_000_000n]);
    expect(await acceptedUpdates(handle)).toBe(3);
  });

  test('a rejection ends the chain: later levels skipped, the limit untouched, the ERP and the requester told; no decision after it', async () => {
    const p = await people();
    const customer = await seedCustomer(h.dataSource);
    await setManualLimit(h.dataSource, customer.id, 1_000_000n);
    const { request, handle } = await startRequest(h, { customer, amountMinor: 20_000_000n, requester: p.sales });
    started.push(handle);
    await creditSettled(handle);
    await decide(handle, p.cm, { decision: 'approve', comment: 'Fine by me' });
    const rejected = await decide(handle, p.fd, { decision: 'reject', amountMinor: '1', comment: 'Too risky' });
    expect(rejected).toMatchObject({ status: 'rejected', pendingLevel: null, approvedAmountMinor: null });
    expect(rejected.levels.map((l) => l.state)).toEqual(['approved', 'rejected', 'skipped']);
    expect(rejected.decisions[1]).toMatchObject({ decision: 'reject', amountMinor: null, comment: 'Too risky' });
    expect(await result(h, handle)).toEqual({ status: 'rejected', approvedAmountMinor: null });
    expect((await limitHistory(h.dataSource, customer.id)).map((r) => [r.amountMinor, r.kind])).toEqual([[1_000_000n, 'manual']]);
    expect((await loadRequest(h.dataSource, request.id)).status).toBe('rejected');
    expect((await erpEvents(h.dataSource, request.id)).map((e) => e.type)).toEqual(['credit_limit.request_rejected']);
    expect((await mailTo(h.dataSource, `credit-limit:${request.id}:rejected`))?.recipient).toBe(p.sales.email);
  });

  test('a waiting level is reminded after 24 h, escalated to the CFO after 72 h, who may then decide; the next level starts its own clock', async () => {
    const p = await people();
    const { request, handle } = await start(5_000_000n, p.sales);
    const t0 = await h.env.currentTimeMs();
    const remind = `credit-limit:${request.id}:level:1:reminder:${p.cm.id}`;
    const escalate = `credit-limit:${request.id}:level:1:escalated:${p.cfo.id}`;

    await advanceTo(h.env, t0 + 24 * HOUR - 60_000);
    expect((await creditSettled(handle))?.levels[0]?.remindedAt).toBeNull();
    expect(await mailTo(h.dataSource, remind)).toBeNull();
    // Before escalation the CFO is not in the chain for level 1.
    expect((await refusal(decide(handle, p.cfo, { decision: 'approve', comment: 'x' }))).type).toBe('NOT_AN_APPROVER');

    await advanceTo(h.env, t0 + 24 * HOUR + 60_000);
    const reminded = await creditSettled(handle);
    expect(reminded?.levels[0]?.remindedAt).not.toBeNull();
    expect((await mailTo(h.dataSource, remind))?.recipient).toBe(p.cm.email);
    expect(await mailTo(h.dataSource, escalate)).toBeNull();

    await advanceTo(h.env, t0 + 72 * HOUR + 60_000);
    const escalated = await creditSettled(handle);
    expect(escalated).toMatchObject({ pendingLevel: 1, pendingRoles: ['credit_manager', 'cfo'] });
    expect((await mailTo(h.dataSource, escalate))?.recipient).toBe(p.cfo.email);
    expect((await loadRequest(h.dataSource, request.id)).levelEvents.map((e) => [e.level, e.event])).toEqual([[1, 'reminded'], [1, 'escalated']]);

    const afterCfo = await decide(handle, p.cfo, { decision: 'approve', comment: 'Escalated to me: approved' });
    expect(afterCfo.decisions[0]).toMatchObject({ level: 1, role: 'credit_manager', userId: p.cfo.id, asEscalation: true });
    expect(afterCfo).toMatchObject({ pendingLevel: 2, pendingRoles: ['finance_director'] });
    // Level 2's reminder comes 24 h after level 2 started, not after the request.
    const t2 = await h.env.currentTimeMs();
    await advanceTo(h.env, t2 + 23 * HOUR);
    expect((await creditSettled(handle))?.levels[1]?.remindedAt).toBeNull();
    await advanceTo(h.env, t2 + 24 * HOUR + 60_000);
    expect((await creditSettled(handle))?.levels[1]?.remindedAt).not.toBeNull();
    expect((await mailTo(h.dataSource, `credit-limit:${request.id}:level:2:reminder:${p.fd.id}`))?.recipient).toBe(p.fd.email);
    // The CFO already approved level 1: segregation of duties holds after escalation too.
    await advanceTo(h.env, t2 + 72 * HOUR + 60_000);
    expect((await creditSettled(handle))?.pendingRoles).toEqual(['finance_director', 'cfo']);
    expect((await refusal(decide(handle, p.cfo, { decision: 'approve', comment: 'again' }))).type).toBe('SAME_APPROVER');
    expect((await decide(handle, p.fd, { decision: 'approve', comment: 'ok' })).status).toBe('approved');
    expect(await result(h, handle)).toEqual({ status: 'approved', approvedAmountMinor: '5000000' });
  });

  test('a temporary limit reverts to the previous one at the end of its last day (customer time zone)', async () => {
    const p = await people();
    const customer = await seedCustomer(h.dataSource);
    await setManualLimit(h.dataSource, customer.id, 500_000n);
    const today = dateInZone(await h.env.currentTimeMs(), 'Europe/Paris');
    const until = addDays(today, 10);
    const { request, handle } = await startRequest(h, { customer, amountMinor: 2_000_000n, requester: p.sales, until });
    started.push(handle);
    await creditSettled(handle);
    await decide(handle, p.cm, { decision: 'approve', comment: 'For the season' });
    expect((await decide(handle, p.fd, { decision: 'approve', comment: 'ok' })).status).toBe('approved');
    // The workflow still runs (its revert timer), but the request takes no more decisions.
    expect((await refusal(decide(handle, p.cfo, { decision: 'approve', comment: 'late' }))).type).toBe('REQUEST_NOT_PENDING');
    expect((await limitHistory(h.dataSource, customer.id)).map((r) => [r.amountMinor, r.kind, r.validUntil])).toEqual([
      [500_000n, 'manual', null], [2_000_000n, 'temporary', until],
    ]);

    // Still in force at 23:59 on its last day in Paris (midnight in Paris, +01:00 or +02:00 by the season).
    const endsAt = zonedDateHourToEpoch(addDays(until, 1), 0, 'Europe/Paris');
    await advanceTo(h.env, endsAt - 60_000);
    expect((await creditSettled(handle))?.status).toBe('approved');
    expect(await limitHistory(h.dataSource, customer.id)).toHaveLength(2);

    await advanceTo(h.env, endsAt + 60_000);
    expect(await creditSettled(handle)).toBeNull();
    expect(await result(h, handle)).toEqual({ status: 'reverted', approvedAmountMinor: '2000000' });
    expect((await limitHistory(h.dataSource, customer.id)).map((r) => [r.amountMinor, r.kind, r.requestId])).toEqual([
      [500_000n, 'manual', null], [2_000_000n, 'temporary', request.id], [500_000n, 'revert', request.id],
    ]);
    expect((await loadRequest(h.dataSource, request.id)).status).toBe('reverted');
    const events = await erpEvents(h.dataSource, request.id);
    expect(events.map((e) => e.data.change)).toEqual(['temporary', 'temporary_ended']);
    expect(events[1]!.data).toMatchObject({ limit: { amount: '5000.00', currency: 'EUR' }, previousLimit: { amount: '20000.00', currency: 'EUR' } });
    expect((await mailTo(h.dataSource, `credit-limit:${request.id}:reverted`))?.recipient).toBe(p.sales.email);
  });

  test('a temporary limit changed since is left alone when its timer fires (superseded)', async () => {
    const p = await people();
    const customer = await seedCustomer(h.dataSource);
    const until = addDays(dateInZone(await h.env.currentTimeMs(), 'Europe/Paris'), 3);
    const { request, handle } = await startRequest(h, { customer, amountMinor: 900_000n, requester: p.sales, until });
    started.push(handle);
    await creditSettled(handle);
    await decide(handle, p.cm, { decision: 'approve', comment: 'ok' });
    await setManualLimit(h.dataSource, customer.id, 1_500_000n);

    await advanceTo(h.env, Date.parse(`${addDays(until, 1)}T00:00:00+01:00`) + 60_000);
    expect(await creditSettled(handle)).toBeNull();
    expect(await result(h, handle)).toEqual({ status: 'superseded', approvedAmountMinor: '900000' });
    expect((await limitHistory(h.dataSource, customer.id)).map((r) => r.amountMinor)).toEqual([900_000n, 1_500_000n]);
    expect((await erpEvents(h.dataSource, request.id)).map((e) => e.data.change)).toEqual(['temporary']);
    expect((await mailTo(h.dataSource, `credit-limit:${request.id}:superseded`))?.recipient).toBe(p.sales.email);
  });

  test('the sales opinion is asked of the customer\'s salesperson, given once, shown to approvers, and never holds the chain', async () => {
    const p = await people();
    const { request, handle } = await start(800_000n, p.sales, { salesperson: p.sales.email.toUpperCase() });
    expect(await mailKeys(h.dataSource, request.id)).toEqual(expect.arrayContaining([`credit-limit:${request.id}:sales-opinion:${p.sales.id}`]));
    const other = await seedUser(h.dataSource, ['sales']);
    expect(await mailTo(h.dataSource, `credit-limit:${request.id}:sales-opinion:${other.id}`)).toBeNull();

    const given = await handle.executeUpdate(giveSalesOpinionUpdate, { args: [{ userId: p.sales.id, opinion: 'favourable', comment: 'Growing account' }] });
    expect(given.salesOpinion).toMatchObject({ userId: p.sales.id, opinion: 'favourable', comment: 'Growing account' });
    expect((await loadRequest(h.dataSource, request.id))).toMatchObject({ salesOpinion: 'favourable', salesOpinionComment: 'Growing account' });
    expect((await refusal(handle.executeUpdate(giveSalesOpinionUpdate, {
      args: [{ userId: other.id, opinion: 'unfavourable', comment: 'x' }],
    }))).type).toBe('SALES_OPINION_GIVEN');
    expect((await decide(handle, p.cm, { decision: 'approve', comment: 'ok' })).status).toBe('approved');
    expect(await result(h, handle)).toEqual({ status: 'approved', approvedAmountMinor: '800000' });
  });
});
