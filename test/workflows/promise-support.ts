/**
 * Helpers for the promise-to-pay workflow on the time-skipping harness: make
 * a promise or a payment plan as the API records it and start its workflow,
 * pay an invoice as the payment path does (allocation, open amount, signals),
 * wait for those workflows to settle.
 */
import { WorkflowClient, type WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';
import { Payment } from '../../src/payments/payment.entity.js';
import { PaymentAllocation } from '../../src/payments/payment-allocation.entity.js';
import { Invoice } from '../../src/invoices/invoice.entity.js';
import { PaymentPromise } from '../../src/promises/payment-promise.entity.js';
import { PaymentPlan } from '../../src/promises/payment-plan.entity.js';
import { paymentPlanPaymentSignal, paymentPlanStateQuery, paymentPlanWorkflowId, type PaymentPlanInput, type PaymentPlanState } from '../../workflows/payment-plan.definitions.js';
import type { paymentPlanWorkflow, PaymentPlanResult } from '../../workflows/payment-plan.workflow.js';
import { paymentAppliedSignal } from '../../workflows/definitions.js';
import { createBusinessCalendar } from '../../workflows/domain/business-calendar.js';
import { promiseDeadline } from '../../workflows/domain/promise-rules.js';
import {
  promisePaymentSignal, promiseStateQuery, promiseWorkflowId, type PromiseToPayInput, type PromiseToPayState,
} from '../../workflows/promise.definitions.js';
import type { promiseToPayWorkflow, PromiseToPayResult } from '../../workflows/promise-to-pay.workflow.js';
import { uniqueId } from '../support/platform.js';
import { TEST_TIME_ZONE, type DunningHarness, type SeededInvoice } from '../support/time-skipping.js';

export type PromiseHandle = WorkflowHandleWithFirstExecutionRunId<typeof promiseToPayWorkflow>;

/** Records a promise the way PromisesService does and starts its workflow on the harness's task queue. */
export async function makePromise(
  h: Pick<DunningHarness, 'dataSource' | 'env' | 'taskQueue'>,
  o: { invoices: SeededInvoice[]; amountMinor: bigint; promisedFor: string; graceBusinessDays?: number },
): Promise<{ promise: PaymentPromise; handle: PromiseHandle }> {
  const m = h.dataSource.manager;
  const first = o.invoices[0]!;
  const entityId = (await m.query<{ entity_id: string }[]>('SELECT entity_id FROM invoices WHERE id = $1', [first.id]))[0]!.entity_id;
  const graceBusinessDays = o.graceBusinessDays ?? 2;
  const calendar = createBusinessCalendar();
  const saved = await m.save(m.create(PaymentPromise, {
    entityId, customerId: first.customerId, invoiceIds: o.invoices.map((i) => i.id), currency: first.currency, amountMinor: o.amountMinor,
    receivedMinor: null, promisedFor: o.promisedFor, graceBusinessDays,
    graceEndsOn: promiseDeadline(o.promisedFor, graceBusinessDays, calendar, TEST_TIME_ZONE).graceEndsOn,
    channel: 'phone', note: 'Will pay by transfer', status: 'open', keptLate: null, escalated: false, sourceKey: null,
    createdByUserId: null, createdByName: 'collector', snapshot: {} as PromiseToPayInput, workflowId: '',
    createdAt: new Date(await h.env.currentTimeMs()), closedAt: null, closedOn: null,
  }));
  const snapshot: PromiseToPayInput = {
    promiseId: saved.id, customerId: first.customerId, currency: first.currency, amountMinor: o.amountMinor.toString(),
    promisedFor: o.promisedFor, graceBusinessDays, calendar, timeZone: TEST_TIME_ZONE,
  };
  const workflowId = promiseWorkflowId(saved.id);
  await m.update(PaymentPromise, { id: saved.id }, { snapshot, workflowId });
  const handle = await h.env.client.workflow.start<typeof promiseToPayWorkflow>('promiseToPayWorkflow', {
    workflowId, taskQueue: h.taskQueue, args: [snapshot], workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
  });
  return { promise: await m.findOneByOrFail(PaymentPromise, { id: saved.id }), handle };
}

/**
 * A payment received now on `invoice`, as PaymentsService records it (payment, allocation, lower open
 * amount) and then tells the invoice's workflow and the open promises covering it.
 */
export async function pay(
  h: Pick<DunningHarness, 'dataSource' | 'env'>, invoice: SeededInvoice, amountMinor: bigint, promises: (PromiseHandle | PlanHandle)[] = [],
): Promise<string> {
  const receivedAt = new Date(await h.env.currentTimeMs());
  const { paymentId, openAmountMinor } = await h.dataSource.transaction(async (m) => {
    const row = await m.findOneByOrFail(Invoice, { id: invoice.id });
    const payment = await m.save(m.create(Payment, {
      entityId: row.entityId, externalId: uniqueId('PAY'), currency: row.currency, amountMinor, receivedAt, requestFingerprint: 'test',
    }));
    await m.insert(PaymentAllocation, { paymentId: payment.id, invoiceId: invoice.id, amountMinor });
    const open = row.openAmountMinor - amountMinor;
    await m.update(Invoice, { id: invoice.id }, { openAmountMinor: open, status: open === 0n ? 'paid' : 'open' });
    return { paymentId: payment.id, openAmountMinor: open };
  });
  await h.env.client.workflow.getHandle(invoice.workflowId).signal(paymentAppliedSignal, { paymentId, openAmountMinor: openAmountMinor.toString() })
    .catch(() => undefined);
  for (const p of promises) {
    if (p.workflowId.startsWith('payment-plan-')) await p.signal(paymentPlanPaymentSignal, { paymentId });
    else await p.signal(promisePaymentSignal, { paymentId });
  }
  return paymentId;
}

function isWaiting(events: readonly temporal.api.history.v1.IHistoryEvent[]): boolean {
  let i = events.length - 1;
  while (i >= 0 && (events[i]!.timerStartedEventAttributes || events[i]!.timerCanceledEventAttributes || events[i]!.markerRecordedEventAttributes)) i--;
  return Boolean(events[i]?.workflowTaskCompletedEventAttributes);
}

/** Waits (real time, clock locked) until the promise workflow is closed or waiting; its state, null once closed. */
export async function promiseSettled(handle: PromiseHandle, timeoutMs = 20_000): Promise<PromiseToPayState | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const description = await handle.describe();
    if (description.status.name !== 'RUNNING') return null;
    const history = await handle.fetchHistory();
    if (isWaiting(history.events ?? [])) return handle.query(promiseStateQuery);
    if (Date.now() > deadline) {
      const pending = description.raw.pendingActivities?.map((a) => `${a.activityType?.name}: ${a.lastFailure?.message}`);
      throw new Error(`${handle.workflowId} not settled within ${timeoutMs} ms: ${JSON.stringify({ pending })}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The workflow's result without moving the clock (see workflowResult in time-skipping.ts). */
export function promiseResult(h: Pick<DunningHarness, 'env'>, handle: PromiseHandle): Promise<PromiseToPayResult> {
  return new WorkflowClient({ connection: h.env.connection }).getHandle<typeof promiseToPayWorkflow>(handle.workflowId).result();
}

export type PlanHandle = WorkflowHandleWithFirstExecutionRunId<typeof paymentPlanWorkflow>;

/** Records a payment plan the way PaymentPlansService does (equal instalments, no interest) and starts its workflow. */
export async function makePlan(
  h: Pick<DunningHarness, 'dataSource' | 'env' | 'taskQueue'>,
  o: { invoices: SeededInvoice[]; instalments: { dueDate: string; amountMinor: bigint }[]; needsApproval?: boolean; graceBusinessDays?: number },
): Promise<{ plan: PaymentPlan; handle: PlanHandle }> {
  const m = h.dataSource.manager;
  const first = o.invoices[0]!;
  const entityId = (await m.query<{ entity_id: string }[]>('SELECT entity_id FROM invoices WHERE id = $1', [first.id]))[0]!.entity_id;
  const total = o.instalments.reduce((s, i) => s + i.amountMinor, 0n);
  const instalments = o.instalments.map((i, idx) => ({
    seq: idx + 1, dueDate: i.dueDate, principalMinor: i.amountMinor.toString(), interestMinor: '0', feeMinor: '0', amountMinor: i.amountMinor.toString(),
  }));
  const graceBusinessDays = o.graceBusinessDays ?? 2;
  const needsApproval = o.needsApproval ?? false;
  const saved = await m.save(m.create(PaymentPlan, {
    entityId, customerId: first.customerId, invoiceIds: o.invoices.map((i) => i.id), currency: first.currency, principalMinor: total,
    interestMinor: 0n, feeMinor: 0n, totalMinor: total, annualInterestBp: 0, instalments, graceBusinessDays,
    status: needsApproval ? 'pending_approval' : 'active', needsApproval, decidedBy: null, decisionComment: null, paidMinor: null, brokenSeq: null,
    note: '', sourceKey: null, createdByUserId: null, createdByName: 'collector', snapshot: {} as PaymentPlanInput, workflowId: '',
    createdAt: new Date(await h.env.currentTimeMs()), closedAt: null,
  }));
  const snapshot: PaymentPlanInput = {
    planId: saved.id, customerId: first.customerId, currency: first.currency,
    instalments: instalments.map((i) => ({ seq: i.seq, dueDate: i.dueDate, amountMinor: i.amountMinor })),
    needsApproval, graceBusinessDays, reminderDaysBefore: 3, sendHour: 9, calendar: createBusinessCalendar(), timeZone: TEST_TIME_ZONE,
  };
  const workflowId = paymentPlanWorkflowId(saved.id);
  await m.update(PaymentPlan, { id: saved.id }, { snapshot, workflowId });
  const handle = await h.env.client.workflow.start<typeof paymentPlanWorkflow>('paymentPlanWorkflow', {
    workflowId, taskQueue: h.taskQueue, args: [snapshot], workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
  });
  return { plan: await m.findOneByOrFail(PaymentPlan, { id: saved.id }), handle };
}

/** `promiseSettled` for a payment plan. */
export async function planSettled(handle: PlanHandle, timeoutMs = 20_000): Promise<PaymentPlanState | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const description = await handle.describe();
    if (description.status.name !== 'RUNNING') return null;
    const history = await handle.fetchHistory();
    if (isWaiting(history.events ?? [])) return handle.query(paymentPlanStateQuery);
    if (Date.now() > deadline) {
      const pending = description.raw.pendingActivities?.map((a) => `${a.activityType?.name}: ${a.lastFailure?.message}`);
      throw new Error(`${handle.workflowId} not settled within ${timeoutMs} ms: ${JSON.stringify({ pending })}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

export function planResult(h: Pick<DunningHarness, 'env'>, handle: PlanHandle): Promise<PaymentPlanResult> {
  return new WorkflowClient({ connection: h.env.connection }).getHandle<typeof paymentPlanWorkflow>(handle.workflowId).result();
}
