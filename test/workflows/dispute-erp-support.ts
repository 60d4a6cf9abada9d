/** The ERP stand-in and an accepted dispute's credit_note.requested delivery, for the dispute ERP tests. */
import { expect } from '@jest/globals';
import { erpDeliveryWorkflowId, type ErpDeliveryWorkflowResult } from '../../workflows/erp-outbox.definitions.js';
import { parisDate, seedInvoice, shiftDate } from '../support/time-skipping.js';
import { untilReal, type WorkerHarness } from '../support/worker-harness.js';
import { decide, disputeSettled, erpEvents, seedPeople, startDispute } from './dispute-support.js';

export function disputeErp(w: WorkerHarness) {
  /** A dispute on a 3,000.00 invoice, accepted for 1,000.00 while the ERP answers `statuses` first. */
  async function acceptWhileErpAnswers(statuses: number[]) {
    const { env, db, erp, taskQueue } = w;
    const h = { dataSource: db.dataSource, env, taskQueue };
    const people = await seedPeople(db.dataSource);
    const invoice = await seedInvoice(db.dataSource, { dueDate: shiftDate(parisDate(await env.currentTimeMs()), 10), amountMinor: 300_000n });
    const { dispute, handle } = await startDispute(h, { invoices: [invoice], people });
    await disputeSettled(handle);
    erp.script(statuses);
    expect((await decide(handle, people.v1, { decision: 'accept', amountMinor: '100000', comment: 'ok' })).status).toBe('accepted');
    const event = await untilReal(async () => (await erpEvents(db.dataSource, dispute.id))[0], 'credit_note.requested enqueued');
    return { h, dispute, handle, invoice, event };
  }

  /** The event's delivery workflow; awaiting its result skips time through the retry backoff. */
  const delivery = (outboxId: string) => w.env.client.workflow.getHandle<() => Promise<ErpDeliveryWorkflowResult>>(erpDeliveryWorkflowId(outboxId));
  /** How the delivery activity ended, and on which attempt, from the delivery workflow's history (retried failures leave no event). */
  async function activityOutcome(outboxId: string): Promise<string> {
    const { events } = await delivery(outboxId).fetchHistory();
    const attempt = (events ?? []).find((e) => e.activityTaskStartedEventAttributes)?.activityTaskStartedEventAttributes?.attempt;
    const end = (events ?? []).flatMap((e) => {
      if (e.activityTaskCompletedEventAttributes) return ['completed'];
      const info = e.activityTaskFailedEventAttributes?.failure?.applicationFailureInfo;
      return info ? [`failed:${info.type}:${info.nonRetryable ? 'non-retryable' : 'retryable'}`] : [];
    });
    return `${end.join(',')} on attempt ${attempt}`;
  }
  const answersFor = (eventId: string) => w.erp.deliveries.filter((d) => d.eventId === eventId).map((d) => [d.status, d.signatureValid]);
  const outboxRow = async (disputeId: string) => (await erpEvents(w.db.dataSource, disputeId))[0]!;
  const alertsFor = async (eventId: string) =>
    (await w.db.dataSource.query<{ recipient: string }[]>(
      `SELECT recipient FROM outbound_messages WHERE audience = 'internal' AND step = 'erp_event.failed' AND idempotency_key LIKE $1 ORDER BY recipient`,
      [`erp-event:${eventId}:%`],
    )).map((r) => r.recipient);


  return { acceptWhileErpAnswers, delivery, activityOutcome, answersFor, outboxRow, alertsFor };
}
