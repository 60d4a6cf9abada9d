/**
 * Records the histories that test/workflows/replay.test.ts replays: run with
 * `npm run histories:record` after a deliberate, compatible workflow change
 * (never to make a failing replay pass: that failure means running workflows
 * would break), into a new set: `HISTORIES_SET=<yyyy-mm-what> npm run
 * histories:record`. Older sets stay: workflows started under older code may
 * still be running. Outside the suite's `*.test.ts` match on purpose: it
 * rewrites test/histories/invoice-dunning/<set>/ and
 * test/histories/customer-communications/<set>/.
 *
 * Each scenario runs on the time-skipping server with the real worker and
 * checks its outcome before its history is written, so no recording captures
 * a wrong behaviour.
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { Invoice } from '../../src/invoices/invoice.entity.js';
import {
  customerCommsWorkflowId, decideCheckpointUpdate, dunningPausedSignal, dunningResumedSignal, invoiceCancelledSignal, invoiceChangedSignal, paymentAppliedSignal,
  type ScenarioRef,
} from '../../workflows/definitions.js';
import {
  advanceTo, AFTER_BATCH_MS, customerCommsSettled, providerTraffic, workflowResult, parisDate, parisSendInstant, seedInvoice, sentSteps, settled, shiftDate, startDunningHarness, stepInstant,
  type DunningHarness, type DunningWorkflowHandle,
} from '../support/time-skipping.js';
import { HistorySet } from '../support/history-sets.js';
import { planScenarioDunning } from '../../workflows/domain/scenario-plan.js';
import { BUILT_IN_SCENARIO } from '../../workflows/domain/scenario-schedule.js';

const invoiceHistories = new HistorySet('invoice-dunning');
const commsHistories = new HistorySet('customer-communications');
const MINUTE = 60_000;

let h: DunningHarness;

beforeAll(async () => {
  h = await startDunningHarness();
    // Start from an empty folder: a scenario dropped here must not leave a stale history behind.
  invoiceHistories.open();
  commsHistories.open();
});
afterAll(async () => {
  await h?.terminateOpenWorkflows();
  await h?.close();
  process.stdout.write(invoiceHistories.summary() + commsHistories.summary());
});

async function today(): Promise<string> {
  return parisDate(await h.env.currentTimeMs());
}

async function record(name: string, handle: Pick<DunningWorkflowHandle, 'workflowId' | 'firstExecutionRunId'>, set = invoiceHistories): Promise<void> {
  await set.record(h.env.client, name, handle);
}

test('full-45-days: no payment, every step', async () => {
  const invoice = await seedInvoice(h.dataSource, { dueDate: shiftDate(await today(), 5) });
  const handle = await h.startWorkflow(invoice);
  await settled(h, handle);
  await advanceTo(h.env, stepInstant(invoice.dueDate, 'formal_notice') + 15 * 86_400_000);
  expect(await settled(h, handle)).toMatchObject({ status: 'open', nextAction: null });
  expect(await sentSteps(h.dataSource, invoice.id)).toHaveLength(8);
  await record('full-45-days', handle);
});

test('payment-mid-way: paid after reminder_1', async () => {
  const invoice = await seedInvoice(h.dataSource, { dueDate: shiftDate(await today(), 5) });
  const handle = await h.startWorkflow(invoice);
  await settled(h, handle);
  await advanceTo(h.env, stepInstant(invoice.dueDate, 'reminder_1') + MINUTE);
  await settled(h, handle);
  await h.dataSource.manager.update(Invoice, { id: invoice.id }, { openAmountMinor: 0n, status: 'paid' });
  await handle.signal(paymentAppliedSignal, { paymentId: 'PAY-REC', openAmountMinor: '0' });
  await expect(workflowResult(h, handle)).resolves.toMatchObject({ status: 'paid' });
  await record('payment-mid-way', handle);
});

test('partial-payment: a lower open amount, then more steps', async () => {
  const invoice = await seedInvoice(h.dataSource, { dueDate: shiftDate(await today(), 5) });
  const handle = await h.startWorkflow(invoice);
  await settled(h, handle);
  await advanceTo(h.env, stepInstant(invoice.dueDate, 'reminder_1') + MINUTE);
  await settled(h, handle);
  await h.dataSource.manager.update(Invoice, { id: invoice.id }, { openAmountMinor: 50_000n });
  await handle.signal(paymentAppliedSignal, { paymentId: 'PAY-REC-2', openAmountMinor: '50000' });
  await settled(h, handle, { until: (s) => s.openAmountMinor === '50000' });
  await advanceTo(h.env, stepInstant(invoice.dueDate, 'reminder_2') + MINUTE);
  expect(await settled(h, handle)).toMatchObject({ nextAction: { step: 'final_notice' } });
  await record('partial-payment', handle);
});

test('paid-without-signal: the step finds the invoice settled', async () => {
  const invoice = await seedInvoice(h.dataSource, { dueDate: shiftDate(await today(), 5) });
  const handle = await h.startWorkflow(invoice);
  await settled(h, handle);
  await h.dataSource.manager.update(Invoice, { id: invoice.id }, { openAmountMinor: 0n, status: 'paid' });
  await advanceTo(h.env, stepInstant(invoice.dueDate, 'courtesy_notice') + MINUTE);
  await expect(workflowResult(h, handle)).resolves.toMatchObject({ status: 'paid' });
  expect(await sentSteps(h.dataSource, invoice.id)).toEqual([]);
  await record('paid-without-signal', handle);
});

test('catch-up: 8 days overdue at start', async () => {
  const invoice = await seedInvoice(h.dataSource, { dueDate: shiftDate(await today(), -8) });
  const handle = await h.startWorkflow(invoice);
  await settled(h, handle);
  await advanceTo(h.env, stepInstant(invoice.dueDate, 'final_notice') + AFTER_BATCH_MS);
  expect(await settled(h, handle)).toMatchObject({ nextAction: { step: 'formal_notice' } });
  expect(await sentSteps(h.dataSource, invoice.id)).toEqual(['final_notice/email', 'final_notice/sms', 'reminder_2/email', 'reminder_2/sms']);
  await record('catch-up', handle);
});

test('reschedule: due date moved 10 days later before reminder_1', async () => {
  const invoice = await seedInvoice(h.dataSource, { dueDate: shiftDate(await today(), 5) });
  const handle = await h.startWorkflow(invoice);
  await settled(h, handle);
  await advanceTo(h.env, stepInstant(invoice.dueDate, 'courtesy_notice') + MINUTE);
  await settled(h, handle);
  const dueDate = shiftDate(invoice.dueDate, 10);
  await h.dataSource.manager.update(Invoice, { id: invoice.id }, { dueDate });
  await handle.signal(invoiceChangedSignal, { dueDate, openAmountMinor: invoice.amountMinor.toString() });
  await settled(h, handle, { until: (s) => s.dueDate === dueDate });
  await advanceTo(h.env, stepInstant(dueDate, 'reminder_1') + MINUTE);
  expect(await settled(h, handle)).toMatchObject({ nextAction: { step: 'reminder_2' } });
  await record('reschedule', handle);
});

test('cancellation: cancelled after the courtesy notice', async () => {
  const invoice = await seedInvoice(h.dataSource, { dueDate: shiftDate(await today(), 5) });
  const handle = await h.startWorkflow(invoice);
  await settled(h, handle);
  await advanceTo(h.env, stepInstant(invoice.dueDate, 'courtesy_notice') + MINUTE);
  await settled(h, handle);
  await handle.signal(invoiceCancelledSignal, { reason: 'credit note' });
  await expect(workflowResult(h, handle)).resolves.toMatchObject({ status: 'cancelled' });
  await record('cancellation', handle);
});

test('continue-as-new: runs chained by a low event limit', async () => {
  const invoice = await seedInvoice(h.dataSource, { dueDate: shiftDate(await today(), 5) });
  const handle = await h.startWorkflow(invoice, { continueAsNewAfterEvents: 30 });
  await settled(h, handle);
  await advanceTo(h.env, stepInstant(invoice.dueDate, 'courtesy_notice') + MINUTE);
  await settled(h, handle);
  for (let i = 0; i < 3; i++) {
    await handle.signal(invoiceChangedSignal, { dueDate: invoice.dueDate, openAmountMinor: invoice.amountMinor.toString() });
    await settled(h, handle);
  }
  await advanceTo(h.env, stepInstant(invoice.dueDate, 'final_notice') + MINUTE);
  expect(await settled(h, handle)).toMatchObject({ nextAction: { step: 'formal_notice' } });
  await record('continue-as-new', handle);
  expect(invoiceHistories.recorded.filter((f) => f.startsWith('continue-as-new.run-')).length).toBeGreaterThanOrEqual(2);
});

test('pause-and-resume: a 10-day invoice pause before reminder_1', async () => {
  const invoice = await seedInvoice(h.dataSource, { dueDate: shiftDate(await today(), 5) });
  const handle = await h.startWorkflow(invoice);
  await settled(h, handle);
  await advanceTo(h.env, stepInstant(invoice.dueDate, 'courtesy_notice') + MINUTE);
  await settled(h, handle);
  await handle.signal(dunningPausedSignal, { pauseId: 'pause-rec', scope: 'invoice', reason: 'holiday', until: null });
  await settled(h, handle, { until: (s) => s.pauses.length === 1 });
  await advanceTo(h.env, (await h.env.currentTimeMs()) + 10 * 86_400_000);
  await handle.signal(dunningResumedSignal, { scope: 'invoice' });
  expect(await settled(h, handle, { until: (s) => s.pauses.length === 0 })).toMatchObject({ pausedDays: 10 });
  await advanceTo(h.env, stepInstant(shiftDate(invoice.dueDate, 10), 'reminder_1') + MINUTE);
  expect(await settled(h, handle)).toMatchObject({ nextAction: { step: 'reminder_2' } });
  await record('pause-and-resume', handle);
});

test('scenario-checkpoint: a configured scenario with an approved checkpoint and a call task', async () => {
  const scenario: ScenarioRef = {
    scenarioId: '00000000-0000-4000-8000-00000000ec01', version: 1, inFlightPolicy: 'keep_version',
    definition: {
      steps: [
        { key: 'sms', trigger: { kind: 'due_date', offsetDays: 1 }, action: 'reminder', channels: ['sms'], conditions: { minOverdueAmount: '10.00' } },
        { key: 'approved_email', trigger: { kind: 'after_previous', days: 2 }, action: 'reminder', channels: ['email'], checkpoint: { timeoutHours: 24, onTimeout: 'skip' } },
        { key: 'call', trigger: { kind: 'due_date', offsetDays: 10 }, action: 'call_task', channels: [] },
      ],
    },
  };
  const invoice = await seedInvoice(h.dataSource, { dueDate: shiftDate(await today(), 2) });
  const handle = await h.startWorkflow(invoice, { scenario });
  await settled(h, handle);
  await advanceTo(h.env, parisSendInstant(shiftDate(invoice.dueDate, 3)) + MINUTE);
  await settled(h, handle, { until: (s) => s.awaitingCheckpoint !== null });
  await handle.executeUpdate(decideCheckpointUpdate, { args: [{ stepKey: 'approved_email', decision: 'approve' }] });
  await advanceTo(h.env, parisSendInstant(shiftDate(invoice.dueDate, 10)) + MINUTE);
  expect(await settled(h, handle)).toMatchObject({ handledSteps: ['sms', 'approved_email', 'call'], nextAction: null });
  await record('scenario-checkpoint', handle);
});

test('intake-not-yet-due: started by the API with its first next action projected, then paid', async () => {
  const invoice = await seedInvoice(h.dataSource, { dueDate: shiftDate(await today(), 5) });
  const plan = planScenarioDunning({
    definition: null, clockDueDate: invoice.dueDate, timeZone: 'Europe/Paris', sendHour: 9, executedOn: {}, handled: new Set(),
  }, await h.env.currentTimeMs());
  const projectedNextAction = { at: new Date(plan.next!.at).toISOString(), step: plan.next!.step.key };
  const handle = await h.startWorkflow(invoice, { intake: { projectedNextAction } });
  expect(await settled(h, handle)).toMatchObject({ nextAction: projectedNextAction });
  await advanceTo(h.env, stepInstant(invoice.dueDate, 'reminder_1') + MINUTE);
  await settled(h, handle);
  await h.dataSource.manager.update(Invoice, { id: invoice.id }, { openAmountMinor: 0n, status: 'paid' });
  await handle.signal(paymentAppliedSignal, { paymentId: 'PAY-INTAKE', openAmountMinor: '0' });
  await expect(workflowResult(h, handle)).resolves.toMatchObject({ status: 'paid' });
  await record('intake-not-yet-due', handle);
});

test('intake-catch-up: started by the API 8 days overdue with a scenario version', async () => {
  const scenario: ScenarioRef = {
    scenarioId: '00000000-0000-4000-8000-00000000ec02', version: 1, inFlightPolicy: 'keep_version', definition: BUILT_IN_SCENARIO,
  };
  const invoice = await seedInvoice(h.dataSource, { dueDate: shiftDate(await today(), -8) });
  const handle = await h.startWorkflow(invoice, { scenario, intake: {} });
  await settled(h, handle);
  await advanceTo(h.env, stepInstant(invoice.dueDate, 'final_notice') + AFTER_BATCH_MS);
  expect(await settled(h, handle)).toMatchObject({ nextAction: { step: 'formal_notice' } });
  await record('intake-catch-up', handle);
});

test('consolidation: three invoices of one customer due the same day share one message per channel; one is paid before its batch', async () => {
  const dueDate = shiftDate(await today(), 5);
  const first = await seedInvoice(h.dataSource, { dueDate, amountMinor: 100_000n });
  const invoices = [
    first,
    await seedInvoice(h.dataSource, { dueDate, amountMinor: 25_050n, sameCustomerAs: first }),
    await seedInvoice(h.dataSource, { dueDate, amountMinor: 9_999n, sameCustomerAs: first }),
  ];
  const handles = [];
  for (const invoice of invoices) handles.push(await h.startWorkflow(invoice));
  for (const handle of handles) await settled(h, handle);

  // The courtesy notice: one email for the three.
  await advanceTo(h.env, stepInstant(dueDate, 'courtesy_notice') + AFTER_BATCH_MS);
  for (const handle of handles) await settled(h, handle);
  const commsId = customerCommsWorkflowId(first.customerId);
  const courtesyRun = (await h.env.client.workflow.getHandle(commsId).describe()).runId;
  expect(await customerCommsSettled(h, first.customerId)).toBeNull();
  expect(providerTraffic(h.providers, first).email.map((r) => r.status)).toEqual([202]);

  // reminder_1 is handed over by all three; the third is paid before the batch closes and is left out.
  // Half the quiet period (RELANCE_MESSAGE_BATCH_QUIET_SECONDS, 5 s): handed over, not yet sent.
  await advanceTo(h.env, stepInstant(dueDate, 'reminder_1') + 2_500);
  for (const handle of handles) await settled(h, handle);
  const reminderRun = (await h.env.client.workflow.getHandle(commsId).describe()).runId;
  await h.dataSource.manager.update(Invoice, { id: invoices[2]!.id }, { openAmountMinor: 0n, status: 'paid' });
  await handles[2]!.signal(paymentAppliedSignal, { paymentId: 'PAY-REC-3', openAmountMinor: '0' });
  await expect(workflowResult(h, handles[2]!)).resolves.toMatchObject({ status: 'paid' });
  await advanceTo(h.env, stepInstant(dueDate, 'reminder_1') + AFTER_BATCH_MS);
  for (const handle of handles.slice(0, 2)) await settled(h, handle);
  const emails = providerTraffic(h.providers, first).email;
  expect(emails.map((r) => r.status)).toEqual([202, 202]);
  expect(emails[1]!.body.content?.[0]?.value).not.toContain(invoices[2]!.number);

  await record('consolidation-invoice', handles[0]!);
  await record('consolidation-paid-invoice', handles[2]!);
  await record('consolidation-courtesy', { workflowId: commsId, firstExecutionRunId: courtesyRun }, commsHistories);
  await record('consolidation-paid-before-batch', { workflowId: commsId, firstExecutionRunId: reminderRun }, commsHistories);
});
