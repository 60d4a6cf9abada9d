/**
 * The ERP is down when a credit limit changes: the event is retried (signed,
 * same event id) until the ERP acknowledges, and the outage holds neither the
 * requester's notice nor a temporary limit's revert. Time-skipping server, real
 * worker and PostgreSQL, the ERP webhook stand-in. Each event is delivered by
 * its own workflow: the request's workflow never waits on the ERP.
 */
import { expect, test } from '@jest/globals';
import { addDays, dateInZone } from '../../workflows/domain/calendar.js';
import { erpDeliveryWorkflowId } from '../../workflows/erp-outbox.definitions.js';
import { advanceTo } from '../support/time-skipping.js';
import {
  creditSettled, decide, erpEvents, limitHistory, mailTo, result, seedCustomer, seedUser, setManualLimit, startRequest,
} from './credit-limit-support.js';
import { untilReal, useTimeSkippingWorker } from '../support/worker-harness.js';

const w = useTimeSkippingWorker('relance-credit-erp', { erpWebhook: true });

test('an ERP outage delays the credit_limit.changed events, retried with the same id until acknowledged; the revert still happens on time', async () => {
  const { env, db, erp, taskQueue } = w;
  const h = { dataSource: db.dataSource, env, taskQueue };
  const sales = await seedUser(db.dataSource, ['sales']);
  const cm = await seedUser(db.dataSource, ['credit_manager']);
  const customer = await seedCustomer(db.dataSource);
  await setManualLimit(db.dataSource, customer.id, 200_000n);
  const lastDay = addDays(dateInZone(await env.currentTimeMs(), 'Europe/Paris'), 2);
  const { request, handle } = await startRequest(h, { customer, amountMinor: 700_000n, requester: sales, until: lastDay });
  await creditSettled(handle);

  erp.script([503, 500, 503]);
  expect((await decide(handle, cm, { decision: 'approve', comment: 'ok' })).status).toBe('approved');
  // The requester hears at once; the ERP has refused the first attempt.
  await untilReal(() => erp.deliveries.length >= 1, 'first attempt');
  expect(await untilReal(async () => mailTo(db.dataSource, `credit-limit:${request.id}:approved`), 'requester notice')).toBeTruthy();
  expect(erp.acknowledged()).toEqual([]);

  // Retries 10 s, 20 s, 40 s later (skipped time): the fourth attempt is acknowledged.
  await advanceTo(env, (await env.currentTimeMs()) + 5 * 60_000);
  const changed = await untilReal(() => erp.acknowledged()[0], 'acknowledged delivery');
  const [event] = await erpEvents(db.dataSource, request.id);
  expect(erp.deliveries.map((d) => [d.status, d.eventId, d.signatureValid])).toEqual([
    [503, event!.id, true], [500, event!.id, true], [503, event!.id, true], [200, event!.id, true],
  ]);
  expect(changed.body).toMatchObject({
    id: event!.id, type: 'credit_limit.changed',
    data: { requestId: request.id, change: 'temporary', limit: { amount: '7000.00', currency: 'EUR' }, previousLimit: { amount: '2000.00', currency: 'EUR' }, validUntil: lastDay },
  });
  await untilReal(async () => (await erpEvents(db.dataSource, request.id))[0]?.status === 'delivered', 'outbox row delivered');

  // The ERP is down again when the temporary limit ends: the limit reverts anyway; its event follows once acknowledged.
  erp.script([503]);
  await advanceTo(env, Date.parse(`${addDays(lastDay, 1)}T00:00:00+01:00`) + 60_000);
  expect((await limitHistory(db.dataSource, customer.id)).map((r) => [r.amountMinor, r.kind])).toEqual([
    [200_000n, 'manual'], [700_000n, 'temporary'], [200_000n, 'revert'],
  ]);
  // The request closes without waiting for the ERP; its event's own delivery workflow retries (awaiting it skips the backoff).
  expect(await result(h, handle)).toEqual({ status: 'reverted', approvedAmountMinor: '700000' });
  const [, ended] = await erpEvents(db.dataSource, request.id);
  expect(await env.client.workflow.getHandle(erpDeliveryWorkflowId(ended!.id)).result()).toEqual({ outcome: 'delivered' });
  expect(erp.acknowledged().map((d) => [d.type, d.body.data.change])).toEqual([
    ['credit_limit.changed', 'temporary'], ['credit_limit.changed', 'temporary_ended'],
  ]);
  expect(erp.deliveries.at(-2)?.status).toBe(503);
});
