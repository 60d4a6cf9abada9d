/**
 * The ERP is down when a dispute is accepted: the credit_note.requested event
 * is retried (signed, same event id) until the ERP acknowledges; the invoice is
 * reduced and the dispute closed meanwhile. Time-skipping server, real worker
 * and PostgreSQL, the ERP webhook stand-in.
 */
import { expect, test } from '@jest/globals';
import { Dispute } from '../../src/disputes/dispute.entity.js';
import { advanceTo, loadInvoice, parisDate, seedInvoice, shiftDate } from '../support/time-skipping.js';
import { decide, disputeSettled, erpEvents, seedPeople, startDispute } from './dispute-support.js';
import { untilReal, useTimeSkippingWorker } from '../support/worker-harness.js';

const w = useTimeSkippingWorker('relance-dispute-erp', { erpWebhook: true });

test('an ERP outage delays credit_note.requested, retried with the same id until acknowledged', async () => {
  const { env, db, erp, taskQueue } = w;
  const h = { dataSource: db.dataSource, env, taskQueue };
  const people = await seedPeople(db.dataSource);
  const invoice = await seedInvoice(db.dataSource, { dueDate: shiftDate(parisDate(await env.currentTimeMs()), 10), amountMinor: 300_000n });
  const { dispute, handle } = await startDispute(h, { invoices: [invoice], people });
  await disputeSettled(handle);

  erp.script([503, 503]);
  expect((await decide(handle, people.v1, { decision: 'accept', amountMinor: '100000', comment: 'ok' })).status).toBe('accepted');
  await untilReal(() => erp.deliveries.length >= 1, 'first attempt');
  expect(erp.acknowledged()).toEqual([]);
  // The business change does not wait for the ERP.
  expect(await loadInvoice(db.dataSource, invoice.id)).toMatchObject({ openAmountMinor: 200_000n });
  await untilReal(async () => (await db.dataSource.manager.findOneByOrFail(Dispute, { id: dispute.id })).status === 'closed', 'dispute closed');

  await advanceTo(env, (await env.currentTimeMs()) + 5 * 60_000);
  const delivered = await untilReal(() => erp.acknowledged()[0], 'acknowledged delivery');
  const [event] = await erpEvents(db.dataSource, dispute.id);
  expect(erp.deliveries.map((d) => [d.status, d.eventId, d.signatureValid])).toEqual([
    [503, event!.id, true], [503, event!.id, true], [200, event!.id, true],
  ]);
  expect(delivered.body).toMatchObject({
    id: event!.id, type: 'credit_note.requested',
    data: { disputeId: dispute.id, amount: { amount: '1000.00', currency: 'EUR' }, full: false, invoices: [{ invoiceId: invoice.id, amount: '1000.00' }] },
  });
  await untilReal(async () => (await erpEvents(db.dataSource, dispute.id))[0]?.status === 'delivered', 'outbox row delivered');
  expect(await disputeSettled(handle)).toBeNull();
});
