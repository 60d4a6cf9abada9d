/**
 * Payment plans through their workflow on the time-skipping server, with the
 * real worker and PostgreSQL: approval by a credit manager, dunning held while
 * the plan runs, instalment reminders through the message path (before due,
 * on due), payments allocated in order; kept to completion, an instalment
 * missed then paid within the grace, broken (dunning resumes, task).
 */
import { describe, expect, test } from '@jest/globals';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { OutboundMessage } from '../../src/messages/outbound-message.entity.js';
import { PaymentPlan } from '../../src/promises/payment-plan.entity.js';
import { CollectorTask } from '../../src/tasks/collector-task.entity.js';
import { createBusinessCalendar } from '../../workflows/domain/business-calendar.js';
import { zonedDateHourToEpoch } from '../../workflows/domain/calendar.js';
import { addMonths, instalmentJudgedAt } from '../../workflows/domain/payment-plan-rules.js';
import { decidePaymentPlanUpdate } from '../../workflows/payment-plan.definitions.js';
import {
  advanceTo, parisDate, seedInvoice, settled, shiftDate, TEST_TIME_ZONE, timeline, useDunningHarness, workflowResult,
} from '../support/time-skipping.js';
import { makePlan, pay, planResult, planSettled } from './promise-support.js';

const h = useDunningHarness();
const HOUR = 3_600_000;
const at = (date: string, hour: number) => zonedDateHourToEpoch(date, hour, TEST_TIME_ZONE);
const today = async () => parisDate(await h.env.currentTimeMs());

async function reminders(planId: string): Promise<string[]> {
  const rows = await h.dataSource.manager.createQueryBuilder(OutboundMessage, 'o')
    .where('o.idempotency_key LIKE :k', { k: `payment_plan:${planId}:%` }).getMany();
  return rows.map((r) => `${r.idempotencyKey.split(':')[3]}:${r.idempotencyKey.split(':')[4]}:${r.status}`).sort();
}

async function planOn(amountMinor: bigint, extra: { needsApproval?: boolean } = {}) {
  const start = await today();
  const invoice = await seedInvoice(h.dataSource, { dueDate: shiftDate(start, 5), amountMinor });
  const invoiceHandle = await h.startWorkflow(invoice);
  await settled(h, invoiceHandle);
  const first = shiftDate(start, 10);
  const dues = [first, addMonths(first, 1), addMonths(first, 2)];
  const run = await makePlan(h, { invoices: [invoice], instalments: dues.map((dueDate) => ({ dueDate, amountMinor: amountMinor / 3n })), ...extra });
  return { invoice, invoiceHandle, dues, ...run };
}

describe('payment plan workflow', () => {
  test('approved by a credit manager, reminders before and on due, payments in order: kept to completion', async () => {
    const { invoice, invoiceHandle, dues, plan, handle } = await planOn(300_000n, { needsApproval: true });
    expect(await planSettled(handle)).toMatchObject({ status: 'pending_approval' });
    // Nothing held before the approval.
    expect((await settled(h, invoiceHandle))?.pauses).toEqual([]);
    const approved = await handle.executeUpdate(decidePaymentPlanUpdate, { args: [{ decision: 'approve', comment: 'OK for 3 months', decider: { userId: null, name: 'Claire CM' } }] });
    expect(approved.status).toBe('active');
    // A second decision is refused and never enters the history.
    await expect(handle.executeUpdate(decidePaymentPlanUpdate, { args: [{ decision: 'reject', comment: 'no', decider: { userId: null, name: 'x' } }] }))
      .rejects.toBeInstanceOf(WorkflowUpdateFailedError);
    expect(await h.dataSource.manager.findOneByOrFail(PaymentPlan, { id: plan.id })).toMatchObject({ status: 'active', decidedBy: 'Claire CM' });
    await planSettled(handle);
    const held = await settled(h, invoiceHandle, { until: (s) => s.pauses.length === 1 });
    expect(held?.pauses[0]).toMatchObject({ reason: `payment-plan:${plan.id}` });

    // Three days before the first instalment: its "before due" reminder, by email through the provider.
    await advanceTo(h.env, at(shiftDate(dues[0]!, -3), 9) + HOUR);
    await planSettled(handle);
    expect(await reminders(plan.id)).toEqual(['1:before_due:sent']);
    await pay(h, invoice, 100_000n, [handle]);
    expect(await planSettled(handle)).toMatchObject({ status: 'active', paidMinor: '100000', instalments: [{ remainingMinor: '0' }, { remainingMinor: '100000' }, { remainingMinor: '100000' }] });
    // Covered: no "on due" reminder for it.
    await advanceTo(h.env, at(dues[0]!, 9) + HOUR);
    await planSettled(handle);
    expect(await reminders(plan.id)).toEqual(['1:before_due:sent']);

    // The second instalment is paid on its due day after both its reminders; the third early, with it.
    await advanceTo(h.env, at(dues[1]!, 9) + HOUR);
    await planSettled(handle);
    expect(await reminders(plan.id)).toEqual(['1:before_due:sent', '2:before_due:sent', '2:on_due:sent']);
    await pay(h, invoice, 200_000n, [handle]);
    expect(await planResult(h, handle)).toEqual({ status: 'completed', paidMinor: '300000', brokenSeq: null, remindersSent: ['1:before_due', '2:before_due', '2:on_due'] });
    expect(await h.dataSource.manager.findOneByOrFail(PaymentPlan, { id: plan.id })).toMatchObject({ status: 'completed', paidMinor: 300_000n });
    expect(await workflowResult(h, invoiceHandle)).toMatchObject({ status: 'paid' });
    expect((await timeline(h.dataSource, invoice.id)).map((e) => e.type)).toEqual(expect.arrayContaining(['payment_plan_active', 'payment_plan_completed', 'dunning_paused']));
  });

  test('an instalment missed then paid within the grace keeps the plan', async () => {
    const { invoice, dues, plan, handle } = await planOn(300_000n);
    await planSettled(handle);
    // The day after the first due date, unpaid: reminded on due, still active (grace: 2 business days).
    await advanceTo(h.env, at(shiftDate(dues[0]!, 1), 10));
    expect(await planSettled(handle)).toMatchObject({ status: 'active', instalments: [{ remainingMinor: '100000' }, {}, {}] });
    expect(await reminders(plan.id)).toEqual(['1:before_due:sent', '1:on_due:sent']);
    await pay(h, invoice, 100_000n, [handle]);
    expect(await planSettled(handle)).toMatchObject({ status: 'active', paidMinor: '100000' });
    // Past the first instalment's grace: nothing breaks, it was paid.
    await advanceTo(h.env, instalmentJudgedAt(dues[0]!, 2, createBusinessCalendar(), TEST_TIME_ZONE) + HOUR);
    expect(await planSettled(handle)).toMatchObject({ status: 'active' });
    expect(await h.dataSource.manager.findOneByOrFail(PaymentPlan, { id: plan.id })).toMatchObject({ status: 'active' });
    expect(await h.dataSource.manager.findOneBy(CollectorTask, { idempotencyKey: `payment_plan_broken:${plan.id}` })).toBeNull();
    await handle.terminate('test over');
  });

  test('broken: an instalment still short after its grace; dunning resumes on what remains, task to the collector', async () => {
    const { invoice, invoiceHandle, dues, plan, handle } = await planOn(300_000n);
    await planSettled(handle);
    await settled(h, invoiceHandle, { until: (s) => s.pauses.length === 1 });
    await advanceTo(h.env, at(dues[0]!, 12));
    await pay(h, invoice, 60_000n, [handle]);
    expect(await planSettled(handle)).toMatchObject({ status: 'active', instalments: [{ remainingMinor: '40000' }, {}, {}] });
    const judgedAt = instalmentJudgedAt(dues[0]!, 2, createBusinessCalendar(), TEST_TIME_ZONE);
    await advanceTo(h.env, judgedAt - HOUR);
    expect(await planSettled(handle)).toMatchObject({ status: 'active' });
    await advanceTo(h.env, judgedAt + HOUR);
    expect(await planResult(h, handle)).toMatchObject({ status: 'broken', paidMinor: '60000', brokenSeq: 1 });
    expect(await h.dataSource.manager.findOneByOrFail(PaymentPlan, { id: plan.id })).toMatchObject({ status: 'broken', brokenSeq: 1, paidMinor: 60_000n });
    const resumed = await settled(h, invoiceHandle, { until: (s) => s.pauses.length === 0 });
    expect(resumed).toMatchObject({ status: 'open', openAmountMinor: '240000' });
    expect(await h.dataSource.manager.findOneBy(CollectorTask, { idempotencyKey: `payment_plan_broken:${plan.id}` }))
      .toMatchObject({ kind: 'call', step: 'payment_plan_broken', status: 'open', customerId: invoice.customerId });
    const events = await timeline(h.dataSource, invoice.id);
    expect(events.find((e) => e.type === 'dunning_resumed')?.data).toMatchObject({ cause: 'payment_plan_broken', planId: plan.id });
  });

  test('rejected by the credit manager: never holds dunning', async () => {
    const { invoiceHandle, plan, handle } = await planOn(300_000n, { needsApproval: true });
    await planSettled(handle);
    await handle.executeUpdate(decidePaymentPlanUpdate, { args: [{ decision: 'reject', comment: 'Too long', decider: { userId: null, name: 'Claire CM' } }] });
    expect(await planResult(h, handle)).toEqual({ status: 'rejected', paidMinor: '0', brokenSeq: null, remindersSent: [] });
    expect(await h.dataSource.manager.findOneByOrFail(PaymentPlan, { id: plan.id })).toMatchObject({ status: 'rejected', decisionComment: 'Too long' });
    expect((await settled(h, invoiceHandle))?.pauses).toEqual([]);
  });
});
