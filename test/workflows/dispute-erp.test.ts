/**
 * The ERP and an accepted dispute's credit_note.requested event, on the
 * time-skipping server with the real worker and PostgreSQL and the ERP
 * webhook stand-in: the dispute closes whatever the ERP does (delivery runs
 * in its own workflow); 408, 429 and 5xx are retried with the same signed
 * event until acknowledged; 400 and 404 fail the event at once (not retried),
 * mail admins once, and an operator's retry delivers it.
 */
import { expect, test } from '@jest/globals';
import { loadConfig } from '../../src/config/app-config.js';
import { Dispute } from '../../src/disputes/dispute.entity.js';
import { ErpDeliveryStarter } from '../../src/erp-outbox/erp-delivery.starter.js';
import { ErpOutboxService } from '../../src/erp-outbox/erp-outbox.service.js';
import { loadInvoice } from '../support/time-skipping.js';
import { useTimeSkippingWorker } from '../support/worker-harness.js';
import { disputeErp } from './dispute-erp-support.js';
import { result, seedUser } from './dispute-support.js';

const w = useTimeSkippingWorker('relance-dispute-erp', { erpWebhook: true });

const { acceptWhileErpAnswers, delivery, activityOutcome, answersFor, outboxRow, alertsFor } = disputeErp(w);

test('the dispute closes while the ERP is down; credit_note.requested is retried with the same id until acknowledged', async () => {
  const { db, erp } = w;
  const { h, dispute, handle, invoice, event } = await acceptWhileErpAnswers([503, 503, 503]);
  // The workflow itself completes while the ERP has acknowledged nothing: delivery does not hold it.
  expect(await result(h, handle)).toEqual({ status: 'accepted', acceptedAmountMinor: '100000' });
  expect(erp.acknowledged().filter((d) => d.eventId === event.id)).toEqual([]);
  expect((await delivery(event.id).describe()).status.name).toBe('RUNNING');
  expect(await loadInvoice(db.dataSource, invoice.id)).toMatchObject({ openAmountMinor: 200_000n });
  expect((await db.dataSource.manager.findOneByOrFail(Dispute, { id: dispute.id })).status).toBe('closed');

  expect(await delivery(event.id).result()).toEqual({ outcome: 'delivered' });
  expect(answersFor(event.id)).toEqual([[503, true], [503, true], [503, true], [200, true]]);
  const delivered = erp.acknowledged().find((d) => d.eventId === event.id)!;
  expect(delivered.body).toMatchObject({
    id: event.id, type: 'credit_note.requested',
    data: { disputeId: dispute.id, amount: { amount: '1000.00', currency: 'EUR' }, full: false, invoices: [{ invoiceId: invoice.id, amount: '1000.00' }] },
  });
  expect(await outboxRow(dispute.id)).toMatchObject({ status: 'delivered', attempts: 4, lastResponseStatus: 200 });
  expect(await alertsFor(event.id)).toEqual([]);
});

test('an ERP answering 408, 429, 500 or 502 is retried until it acknowledges', async () => {
  const { h, dispute, handle, event } = await acceptWhileErpAnswers([408, 429, 500, 502]);
  expect((await result(h, handle)).status).toBe('accepted');
  expect(await delivery(event.id).result()).toEqual({ outcome: 'delivered' });
  expect(answersFor(event.id)).toEqual([[408, true], [429, true], [500, true], [502, true], [200, true]]);
  expect(await activityOutcome(event.id)).toBe('completed on attempt 5');
  expect(await outboxRow(dispute.id)).toMatchObject({ status: 'delivered', attempts: 5, failedAt: null });
  expect(await alertsFor(event.id)).toEqual([]);
});

test.each([400, 404])('an ERP answering %i fails the event at once: not retried, admins mailed once, delivered after an operator retry', async (status) => {
  const { env, db, erp, taskQueue } = w;
  await seedUser(db.dataSource, ['admin']);
  await seedUser(db.dataSource, ['admin']);
  const inactive = await seedUser(db.dataSource, ['admin']);
  await db.dataSource.query('UPDATE users SET active = false WHERE id = $1', [inactive.id]);
  const { h, dispute, handle, event } = await acceptWhileErpAnswers([status]);
  expect(await result(h, handle)).toEqual({ status: 'accepted', acceptedAmountMinor: '100000' });
  expect(await delivery(event.id).result()).toEqual({ outcome: 'failed' });
  // One attempt, failed as non-retryable: the delivery workflow ended without a retry.
  expect(await activityOutcome(event.id)).toBe('failed:ERP_WEBHOOK_REJECTED:non-retryable on attempt 1');
  expect(answersFor(event.id)).toEqual([[status, true]]);
  expect(await outboxRow(dispute.id)).toMatchObject({
    status: 'failed', attempts: 1, lastResponseStatus: status, lastResponseBody: '{"received":false}',
    lastError: `ERP webhook refused the event: ${status}`,
  });
  // Every active admin, once (inactive ones are not mailed).
  const adminEmails = (await db.dataSource.query<{ email: string }[]>(`SELECT email FROM users WHERE 'admin' = ANY(roles) AND active ORDER BY email`))
    .map((r) => r.email);
  expect(adminEmails.length).toBeGreaterThanOrEqual(2);
  expect(await alertsFor(event.id)).toEqual(adminEmails);

  // The operator fixed the cause on the ERP side and retries (what POST /api/v1/erp-events/:id/retry does).
  const outbox = w.worker.context.get(ErpOutboxService);
  expect(await outbox.markForRetry(event.id)).toMatchObject({ status: 'pending', operatorRetries: 1 });
  const starter = new ErpDeliveryStarter(env.client, loadConfig({ TEMPORAL_TASK_QUEUE: taskQueue }));
  expect(await starter.start(event.id)).toBe('started');
  expect(await delivery(event.id).result()).toEqual({ outcome: 'delivered' });
  expect(answersFor(event.id)).toEqual([[status, true], [200, true]]);
  expect(erp.acknowledged().filter((d) => d.eventId === event.id)).toHaveLength(1);
  expect(await outboxRow(dispute.id)).toMatchObject({ status: 'delivered', attempts: 2, failedAt: null });
  expect(await alertsFor(event.id)).toEqual(adminEmails);
});
