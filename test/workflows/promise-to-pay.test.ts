/**
 * Promises to pay through their workflow on the time-skipping server, with the
 * real worker and PostgreSQL: dunning held while the promise is open and
 * resumed where it stood; kept on time, kept late within the grace, broken
 * (follow-up task, score) and a second broken promise within 90 days escalated.
 */
import { describe, expect, test } from '@jest/globals';
import { CollectorTask } from '../../src/tasks/collector-task.entity.js';
import { PaymentPromise } from '../../src/promises/payment-promise.entity.js';
import { OutboundMessage } from '../../src/messages/outbound-message.entity.js';
import { createBusinessCalendar } from '../../workflows/domain/business-calendar.js';
import { zonedDateHourToEpoch } from '../../workflows/domain/calendar.js';
import { promiseDeadline } from '../../workflows/domain/promise-rules.js';
import {
  advanceTo, AFTER_BATCH_MS, DAY_MS, loadInvoice, parisDate, seedInvoice, sentSteps, settled, shiftDate, stepInstant, timeline,
  TEST_TIME_ZONE, useDunningHarness, workflowResult,
} from '../support/time-skipping.js';
import { seedUser } from './dispute-support.js';
import { makePromise, pay, promiseResult, promiseSettled } from './promise-support.js';

const h = useDunningHarness();
const HOUR = 3_600_000;
const fr = createBusinessCalendar();

const today = async () => parisDate(await h.env.currentTimeMs());
const daysApart = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

describe('promise to pay workflow', () => {
  test('kept on time: dunning held while open (cause on the timeline), the payment keeps it at once', async () => {
    const invoice = await seedInvoice(h.dataSource, { dueDate: shiftDate(await today(), 5), amountMinor: 125_000n });
    const invoiceHandle = await h.startWorkflow(invoice);
    await settled(h, invoiceHandle);
    const { promise, handle } = await makePromise(h, { invoices: [invoice], amountMinor: 125_000n, promisedFor: shiftDate(await today(), 8) });
    expect(await promiseSettled(handle)).toMatchObject({ status: 'open', receivedMinor: '0' });
    const held = await settled(h, invoiceHandle, { until: (s) => s.pauses.length === 1 });
    expect(held).toMatchObject({ nextAction: null, pauses: [{ scope: 'invoice', reason: `promise:${promise.id}` }] });
    const paused = (await timeline(h.dataSource, invoice.id)).find((e) => e.type === 'dunning_paused');
    expect(paused?.data).toMatchObject({ cause: 'promise_to_pay', reason: `promise:${promise.id}`, promiseId: promise.id });

    // The courtesy notice's day passes: nothing goes out while the promise holds the invoice.
    await advanceTo(h.env, stepInstant(invoice.dueDate, 'courtesy_notice') + AFTER_BATCH_MS);
    await settled(h, invoiceHandle);
    expect(await sentSteps(h.dataSource, invoice.id)).toEqual([]);

    await pay(h, invoice, 125_000n, [handle]);
    expect(await promiseResult(h, handle)).toEqual({ status: 'kept', receivedMinor: '125000', keptLate: false, escalated: false });
    expect(await h.dataSource.manager.findOneByOrFail(PaymentPromise, { id: promise.id }))
      .toMatchObject({ status: 'kept', receivedMinor: 125_000n, keptLate: false, escalated: false, closedOn: await today() });
    expect(await workflowResult(h, invoiceHandle)).toMatchObject({ status: 'paid' });
    expect((await timeline(h.dataSource, invoice.id)).map((e) => e.type)).toEqual(expect.arrayContaining(['promise_kept', 'dunning_resumed']));
    expect(await h.dataSource.manager.findOneBy(CollectorTask, { idempotencyKey: `promise_broken:${promise.id}` })).toBeNull();
  });

  test('kept late within the grace: partial payments add up after the promised date; dunning resumes where it stood', async () => {
    const start = await today();
    const invoice = await seedInvoice(h.dataSource, { dueDate: shiftDate(start, 5), amountMinor: 200_000n });
    const invoiceHandle = await h.startWorkflow(invoice);
    await settled(h, invoiceHandle);
    const promisedFor = shiftDate(start, 6);
    const { graceEndsOn } = promiseDeadline(promisedFor, 2, fr, TEST_TIME_ZONE);
    expect(daysApart(promisedFor, graceEndsOn)).toBeGreaterThanOrEqual(2);
    const { promise, handle } = await makePromise(h, { invoices: [invoice], amountMinor: 100_000n, promisedFor });
    await promiseSettled(handle);
    await settled(h, invoiceHandle, { until: (s) => s.pauses.length === 1 });

    await advanceTo(h.env, zonedDateHourToEpoch(shiftDate(start, 5), 12, TEST_TIME_ZONE));
    await pay(h, invoice, 40_000n, [handle]);
    expect(await promiseSettled(handle)).toMatchObject({ status: 'open', receivedMinor: '40000' });

    // The day after the promised date, still within the grace.
    await advanceTo(h.env, zonedDateHourToEpoch(shiftDate(promisedFor, 1), 10, TEST_TIME_ZONE));
    expect(await promiseSettled(handle)).toMatchObject({ status: 'open' });
    await pay(h, invoice, 60_000n, [handle]);
    expect(await promiseResult(h, handle)).toEqual({ status: 'kept', receivedMinor: '100000', keptLate: true, escalated: false });
    expect(await h.dataSource.manager.findOneByOrFail(PaymentPromise, { id: promise.id })).toMatchObject({ status: 'kept', keptLate: true });

    // Dunning resumes on the remaining 1 000.00, its clock moved by the 7 days it was held: nothing was skipped.
    const resumed = await settled(h, invoiceHandle, { until: (s) => s.pauses.length === 0 && s.openAmountMinor === '100000' });
    expect(resumed?.pausedDays).toBe(7);
    const movedDue = shiftDate(invoice.dueDate, 7);
    expect(resumed?.nextAction).toMatchObject({ step: 'courtesy_notice', at: new Date(stepInstant(movedDue, 'courtesy_notice')).toISOString() });
    expect(await sentSteps(h.dataSource, invoice.id)).toEqual([]);
    expect(await loadInvoice(h.dataSource, invoice.id)).toMatchObject({ openAmountMinor: 100_000n, status: 'open' });
  });

  test('broken: dunning resumes at the next step, a follow-up task; a second broken promise within 90 days escalates', async () => {
    const creditManager = await seedUser(h.dataSource, ['credit_manager']);
    const start = await today();
    const invoice = await seedInvoice(h.dataSource, { dueDate: shiftDate(start, 5), amountMinor: 100_000n });
    const invoiceHandle = await h.startWorkflow(invoice);
    await settled(h, invoiceHandle);
    await advanceTo(h.env, stepInstant(invoice.dueDate, 'courtesy_notice') + AFTER_BATCH_MS);
    await settled(h, invoiceHandle);
    expect(await sentSteps(h.dataSource, invoice.id)).toEqual(['courtesy_notice/email']);

    const madeOn = await today();
    const promisedFor = shiftDate(madeOn, 2);
    const { graceEndsOn, judgedAt } = promiseDeadline(promisedFor, 2, fr, TEST_TIME_ZONE);
    const first = await makePromise(h, { invoices: [invoice], amountMinor: 100_000n, promisedFor });
    await promiseSettled(first.handle);
    await settled(h, invoiceHandle, { until: (s) => s.pauses.length === 1 });
    // A partial payment does not keep it.
    await pay(h, invoice, 30_000n, [first.handle]);
    expect(await promiseSettled(first.handle)).toMatchObject({ status: 'open', receivedMinor: '30000', graceEndsOn });

    await advanceTo(h.env, judgedAt - HOUR);
    expect(await promiseSettled(first.handle)).toMatchObject({ status: 'open' });
    await advanceTo(h.env, judgedAt + HOUR);
    expect(await promiseResult(h, first.handle)).toEqual({ status: 'broken', receivedMinor: '30000', keptLate: null, escalated: false });
    expect(await h.dataSource.manager.findOneByOrFail(PaymentPromise, { id: first.promise.id }))
      .toMatchObject({ status: 'broken', receivedMinor: 30_000n, closedOn: shiftDate(graceEndsOn, 1), escalated: false });

    // Resumed where it stood: the courtesy notice is not sent again, reminder_1 comes next, moved by the held days.
    const held = daysApart(madeOn, shiftDate(graceEndsOn, 1));
    const resumed = await settled(h, invoiceHandle, { until: (s) => s.pauses.length === 0 });
    expect(resumed?.pausedDays).toBe(held);
    const movedDue = shiftDate(invoice.dueDate, held);
    expect(resumed?.nextAction).toMatchObject({ step: 'reminder_1', at: new Date(stepInstant(movedDue, 'reminder_1')).toISOString() });
    await advanceTo(h.env, stepInstant(movedDue, 'reminder_1') + AFTER_BATCH_MS);
    await settled(h, invoiceHandle);
    expect(await sentSteps(h.dataSource, invoice.id)).toEqual(['courtesy_notice/email', 'reminder_1/email']);

    const followUp = await h.dataSource.manager.findOneByOrFail(CollectorTask, { idempotencyKey: `promise_broken:${first.promise.id}` });
    expect(followUp).toMatchObject({ kind: 'call', status: 'open', step: 'promise_broken', customerId: invoice.customerId });
    expect(followUp.data).toMatchObject({ promiseId: first.promise.id, amount: '1000.00', shortfall: '700.00' });
    expect((await timeline(h.dataSource, invoice.id)).map((e) => e.type)).toEqual(expect.arrayContaining(['promise_broken', 'dunning_resumed']));
    const resumedEvent = (await timeline(h.dataSource, invoice.id)).find((e) => e.type === 'dunning_resumed');
    expect(resumedEvent?.data).toMatchObject({ cause: 'promise_broken', promiseId: first.promise.id });

    // A second promise of the same customer, on another invoice, breaks too: escalated to the credit managers.
    const other = await seedInvoice(h.dataSource, { dueDate: shiftDate(await today(), 20), amountMinor: 50_000n, sameCustomerAs: invoice });
    const otherHandle = await h.startWorkflow(other);
    await settled(h, otherHandle);
    const second = await makePromise(h, { invoices: [other], amountMinor: 50_000n, promisedFor: shiftDate(await today(), 1), graceBusinessDays: 0 });
    await promiseSettled(second.handle);
    await advanceTo(h.env, promiseDeadline(second.promise.promisedFor, 0, fr, TEST_TIME_ZONE).judgedAt + HOUR);
    expect(await promiseResult(h, second.handle)).toEqual({ status: 'broken', receivedMinor: '0', keptLate: null, escalated: true });
    expect(await h.dataSource.manager.findOneByOrFail(PaymentPromise, { id: second.promise.id })).toMatchObject({ escalated: true });
    expect(await h.dataSource.manager.findOneBy(CollectorTask, { idempotencyKey: `promise_escalation:${second.promise.id}` }))
      .toMatchObject({ kind: 'credit_alert', status: 'open', customerId: invoice.customerId });
    expect(await h.dataSource.manager.findOneBy(OutboundMessage, { idempotencyKey: `promise_escalation:${second.promise.id}:${creditManager.id}` }))
      .toMatchObject({ audience: 'internal' });
    // Both broken promises count in the customer's payment-behaviour score.
    const [score] = await h.dataSource.query<{ reasons: { code: string; value: unknown }[] }[]>(
      'SELECT reasons FROM customer_scores WHERE customer_id = $1 ORDER BY seq DESC LIMIT 1', [invoice.customerId],
    );
    expect(score?.reasons).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'BROKEN_PROMISES', value: 2 })]));
  });
});
