/**
 * ERP documents stop dunning at once: a cancellation, a credit note that
 * settles the invoice and a write-off (directly, and after a finance
 * manager's approval), through the real services, on the time-skipping server
 * with the real worker and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { WorkflowClient } from '@temporalio/client';
import { ApiModule } from '../../src/bootstrap/app.modules.js';
import { loadConfig } from '../../src/config/app-config.js';
import type { Principal } from '../../src/auth/principal.js';
import { CreditNotesService } from '../../src/credit-notes/credit-notes.service.js';
import { CustomerCreditService } from '../../src/credit-notes/customer-credit.service.js';
import { Customer } from '../../src/customers/customer.entity.js';
import { ErpOutboxEvent } from '../../src/erp-outbox/erp-outbox-event.entity.js';
import { InvoicesService } from '../../src/invoices/invoices.service.js';
import { LegalEntitiesService } from '../../src/organization/legal-entities.service.js';
import { WriteOffsService } from '../../src/write-offs/write-offs.service.js';
import { writeOffWorkflowId } from '../../workflows/write-off.definitions.js';
import type { writeOffApprovalWorkflow } from '../../workflows/write-off-approval.workflow.js';
import {
  advanceTo, AFTER_BATCH_MS, DAY_MS, loadInvoice, parisDate, providerTraffic, seedInvoice, sentSteps, settled, shiftDate, stepInstant,
  timeline, useDunningHarness, workflowResult, type SeededInvoice,
} from '../support/time-skipping.js';

const h = useDunningHarness();
let api: INestApplicationContext;

const person = (roles: Principal['roles'], userId: string, name: string): Principal => ({
  kind: 'user', userId, email: null, name, roles, groups: [],
});
const creditManager = person(['credit_manager'], '00000000-0000-4000-8000-00000000c001', 'Claire Credit');
const financeManager = person(['finance_manager'], '00000000-0000-4000-8000-00000000f001', 'Fabien Finance');

beforeAll(async () => {
  // The API's services, on the same database, task queue and (time-skipping) server as the harness worker.
  const config = loadConfig({
    DATABASE_URL: h.db.url, TEMPORAL_TASK_QUEUE: h.taskQueue, TEMPORAL_ADDRESS: h.env.address, LOG_LEVEL: 'error', ...h.providers.env(),
  });
  api = await NestFactory.createApplicationContext(ApiModule.forRoot(config, ['erp-documents-test-key']), { logger: false });
});
afterAll(async () => {
  await api?.close();
});

async function today(): Promise<string> {
  return parisDate(await h.env.currentTimeMs());
}

/** An invoice due in 5 days whose courtesy notice has gone out. */
async function invoicePastCourtesyNotice(amountMinor = 125_000n) {
  const invoice = await seedInvoice(h.dataSource, { dueDate: shiftDate(await today(), 5), amountMinor });
  const handle = await h.startWorkflow(invoice);
  await settled(h, handle);
  await advanceTo(h.env, stepInstant(invoice.dueDate, 'courtesy_notice') + AFTER_BATCH_MS);
  await settled(h, handle);
  expect(await sentSteps(h.dataSource, invoice.id)).toEqual(['courtesy_notice/email']);
  return { invoice, handle };
}

/** Nothing more goes out over the next 45 days. */
async function expectSilenceAfter(invoice: SeededInvoice, sentBefore: string[]) {
  await advanceTo(h.env, (await h.env.currentTimeMs()) + 45 * DAY_MS);
  expect(await sentSteps(h.dataSource, invoice.id)).toEqual(sentBefore);
  expect(providerTraffic(h.providers, invoice).sms).toEqual([]);
}

/** The entity setting, as PUT /entities/default/settings sets it. */
async function thresholds(list: { currency: string; amount: string }[]) {
  await api.get(LegalEntitiesService).updateSettings('default', { writeOffApprovalThresholds: list });
}

async function stoppedBy(invoiceId: string) {
  return (await timeline(h.dataSource, invoiceId)).filter((e) => e.type === 'dunning_stopped').map((e) => e.data);
}

/** The invoice's receivables-ledger movements (the seeded invoice has no issue row: only what the documents recorded). */
async function movements(documentId: string) {
  return (await h.dataSource.query(
    `SELECT kind, amount_minor::text AS amount, to_char(effective_date, 'YYYY-MM-DD') AS day, source_key AS key
     FROM receivable_movements WHERE document_id = $1 ORDER BY id`, [documentId],
  )) as { kind: string; amount: string; day: string; key: string }[];
}

/**
 * The day a movement on a seeded invoice counts from: the day of `instant` in Paris, never before the
 * invoice's issue (due − 30 days; the time-skipping clock runs ahead of the API's wall clock).
 */
function countsFrom(invoice: SeededInvoice, instant: string): string {
  const day = parisDate(Date.parse(instant));
  const issued = shiftDate(invoice.dueDate, -30);
  return day < issued ? issued : day;
}

async function customerExternalId(customerId: string): Promise<string> {
  return (await h.dataSource.manager.findOneByOrFail(Customer, { id: customerId })).externalId;
}

describe('ERP documents stop dunning at once', () => {
  test('a cancellation ends the workflow as cancelled, nothing more is sent, the timeline says why', async () => {
    const { invoice, handle } = await invoicePastCourtesyNotice();

    const answer = await api.get(InvoicesService).cancel(invoice.id, 'Duplicate of F-2026-0042');
    expect(answer).toMatchObject({ id: invoice.id, status: 'cancelled', reason: 'Duplicate of F-2026-0042', cancelledOpenAmount: '1250.00' });
    await expect(workflowResult(h, handle)).resolves.toEqual({ status: 'cancelled', handledSteps: ['courtesy_notice'] });

    // Idempotent: a replay answers the same, with the first reason.
    await expect(api.get(InvoicesService).cancel(invoice.id, 'another reason')).resolves.toEqual(answer);
    expect(await loadInvoice(h.dataSource, invoice.id)).toMatchObject({ status: 'cancelled', openAmountMinor: 0n, nextActionAt: null });
    const events = await timeline(h.dataSource, invoice.id);
    expect(events.filter((e) => e.type === 'invoice_cancelled').map((e) => e.data)).toEqual([
      { reason: 'Duplicate of F-2026-0042', cancelledOpenAmount: '1250.00', by: 'erp' },
    ]);
    expect(await stoppedBy(invoice.id)).toEqual([
      { reason: 'cancelled', cause: { kind: 'cancellation', ref: null, reason: 'Duplicate of F-2026-0042' } },
    ]);
    // Once in the ledger, from the day cancelled, however often the ERP says so.
    expect(await movements(invoice.id)).toEqual([
      { kind: 'cancellation', amount: '-125000', day: countsFrom(invoice, answer.cancelledAt), key: `cancellation:${invoice.id}` },
    ]);
    await expectSilenceAfter(invoice, ['courtesy_notice/email']);
  });

  test('cancelling an invoice whose workflow was lost starts it only to end at once (signal-with-start)', async () => {
    const invoice = await seedInvoice(h.dataSource, { dueDate: shiftDate(await today(), -20) });
    await api.get(InvoicesService).cancel(invoice.id, 'Order cancelled');
    const result = await new WorkflowClient({ connection: h.env.connection }).getHandle(invoice.workflowId).result();
    expect(result).toEqual({ status: 'cancelled', handledSteps: [] });
    expect(await sentSteps(h.dataSource, invoice.id)).toEqual([]);
    expect(await stoppedBy(invoice.id)).toEqual([{ reason: 'cancelled', cause: { kind: 'cancellation', ref: null, reason: 'Order cancelled' } }]);
  });

  test('a credit note that brings the invoice to zero settles it and ends its dunning; the rest stays as customer credit', async () => {
    const { invoice, handle } = await invoicePastCourtesyNotice();
    const customer = await customerExternalId(invoice.customerId);

    const { created, view } = await api.get(CreditNotesService).record({
      externalId: `CN-${invoice.externalId}`, number: 'AV-0001', customer, issueDate: await today(), amount: '1500.00', currency: 'EUR',
      allocations: [{ invoiceExternalId: invoice.externalId, amount: '1250.00' }],
    });
    expect(created).toBe(true);
    expect(view).toMatchObject({ unallocatedAmount: '250.00', allocations: [{ invoiceId: invoice.id, amount: '1250.00' }] });
    await expect(workflowResult(h, handle)).resolves.toEqual({ status: 'paid', handledSteps: ['courtesy_notice'] });

    expect(await loadInvoice(h.dataSource, invoice.id)).toMatchObject({ status: 'paid', openAmountMinor: 0n });
    expect(await stoppedBy(invoice.id)).toEqual([{ reason: 'paid', cause: { kind: 'credit_note', ref: `credit-note:${view.id}` } }]);
    expect((await timeline(h.dataSource, invoice.id)).filter((e) => e.type === 'credit_note_allocated').map((e) => e.data)).toEqual([
      {
        creditNoteId: view.id, creditNoteExternalId: `CN-${invoice.externalId}`, creditNoteNumber: 'AV-0001', amount: '1250.00', openAmount: '0.00',
        effectiveDate: view.issueDate,
      },
    ]);
    const credit = await api.get(CustomerCreditService).openCredits({ customerIds: [invoice.customerId] });
    expect(credit.map((c) => [c.source, c.sourceId, c.currency, c.reference, c.amountMinor, c.remainingMinor])).toEqual([
      ['credit_note', view.id, 'EUR', 'AV-0001', 150_000n, 25_000n],
    ]);
    // The ledger: −1250 on the invoice and the unallocated −250 on the credit note itself, both from its date.
    expect(await movements(invoice.id)).toEqual([{ kind: 'credit_note', amount: '-125000', day: await today(), key: `credit_note:${view.id}:${invoice.id}` }]);
    expect(await movements(view.id)).toEqual([{ kind: 'credit_note', amount: '-25000', day: await today(), key: `credit_note:${view.id}:unallocated` }]);
    await expectSilenceAfter(invoice, ['courtesy_notice/email']);
  });

  test('a partial credit note lowers the open amount and the dunning goes on for the rest', async () => {
    const { invoice, handle } = await invoicePastCourtesyNotice();
    await api.get(CreditNotesService).record({
      externalId: `CN-${invoice.externalId}`, number: 'AV-0002', customer: await customerExternalId(invoice.customerId),
      issueDate: await today(), amount: '250.00', currency: 'EUR', allocations: [{ invoiceExternalId: invoice.externalId, amount: '250.00' }],
    });
    expect(await settled(h, handle, { until: (s) => s.openAmountMinor === '100000' })).toMatchObject({ status: 'open', nextAction: { step: 'reminder_1' } });
  });

  test('a write-off up to the entity threshold applies at once: dunning ends, the ERP gets invoice.written_off', async () => {
    await thresholds([{ currency: 'EUR', amount: '2000.00' }]);
    const { invoice, handle } = await invoicePastCourtesyNotice();

    const { pending, view } = await api.get(WriteOffsService).request(invoice.id, { reasonCode: 'customer_insolvent', comment: 'Liquidation judiciaire' }, creditManager);
    expect(pending).toBe(false);
    expect(view).toMatchObject({ status: 'applied', amount: '1250.00', appliedAmount: '1250.00', decision: null });
    await expect(workflowResult(h, handle)).resolves.toEqual({ status: 'paid', handledSteps: ['courtesy_notice'] });
    expect(await stoppedBy(invoice.id)).toEqual([{ reason: 'paid', cause: { kind: 'write_off', ref: `write-off:${view.id}` } }]);
    const event = await h.dataSource.manager.findOneByOrFail(ErpOutboxEvent, { idempotencyKey: `invoice.written_off:${view.id}` });
    expect(event).toMatchObject({ type: 'invoice.written_off' });
    expect(event.data).toMatchObject({
      writeOffId: view.id, invoice: { id: invoice.id, externalId: invoice.externalId }, amount: { amount: '1250.00', currency: 'EUR' },
      reasonCode: 'customer_insolvent', requestedBy: 'Claire Credit', approvedBy: null,
    });
    expect(await movements(invoice.id)).toEqual([
      { kind: 'write_off', amount: '-125000', day: countsFrom(invoice, view.appliedAt!), key: `write_off:${view.id}:${invoice.id}` },
    ]);
    await expectSilenceAfter(invoice, ['courtesy_notice/email']);
  });

  test('a write-off above the threshold waits for a finance manager; approved, it ends the dunning at once', async () => {
    await thresholds([{ currency: 'EUR', amount: '100.00' }]);
    const { invoice, handle } = await invoicePastCourtesyNotice();
    const writeOffs = api.get(WriteOffsService);

    const { pending, view } = await writeOffs.request(invoice.id, { amount: '1250.00', reasonCode: 'uncollectible', comment: 'No assets' }, creditManager);
    expect(pending).toBe(true);
    expect(view).toMatchObject({ status: 'pending_approval', workflowId: writeOffWorkflowId(view.id) });
    expect(await loadInvoice(h.dataSource, invoice.id)).toMatchObject({ status: 'open', openAmountMinor: 125_000n });

    // Four eyes: the credit manager who asked cannot approve it, even holding the role.
    const both = person(['credit_manager', 'finance_manager'], creditManager.userId!, 'Claire Credit');
    await expect(writeOffs.decide(view.id, { decision: 'approve', comment: 'ok' }, both)).rejects.toMatchObject({ code: 'WRITE_OFF_SAME_PERSON', httpStatus: 403 });

    const decided = await writeOffs.decide(view.id, { decision: 'approve', comment: 'Provisioned in Q3' }, financeManager);
    expect(decided).toMatchObject({ status: 'applied', appliedAmount: '1250.00', decision: { by: { name: 'Fabien Finance' }, comment: 'Provisioned in Q3' } });
    await expect(workflowResult(h, handle)).resolves.toEqual({ status: 'paid', handledSteps: ['courtesy_notice'] });
    const approval = new WorkflowClient({ connection: h.env.connection }).getHandle<typeof writeOffApprovalWorkflow>(writeOffWorkflowId(view.id));
    await expect(approval.result()).resolves.toMatchObject({ status: 'applied' });
    expect(await stoppedBy(invoice.id)).toEqual([{ reason: 'paid', cause: { kind: 'write_off', ref: `write-off:${view.id}` } }]);
    const event = await h.dataSource.manager.findOneByOrFail(ErpOutboxEvent, { idempotencyKey: `invoice.written_off:${view.id}` });
    expect(event.data).toMatchObject({ approvedBy: 'Fabien Finance', amount: { amount: '1250.00', currency: 'EUR' } });
    expect((await movements(invoice.id)).map((m) => [m.kind, m.amount])).toEqual([['write_off', '-125000']]);
    // Decided once: a second decision is refused.
    await expect(writeOffs.decide(view.id, { decision: 'reject', comment: 'late' }, financeManager)).rejects.toMatchObject({ code: 'WRITE_OFF_NOT_PENDING' });
    await expectSilenceAfter(invoice, ['courtesy_notice/email']);
  });

  test('a rejected write-off changes nothing: the dunning goes on', async () => {
    await thresholds([]);
    const { invoice, handle } = await invoicePastCourtesyNotice();
    const writeOffs = api.get(WriteOffsService);
    const { view } = await writeOffs.request(invoice.id, { amount: '10.00', reasonCode: 'small_balance', comment: 'Rounding' }, creditManager);
    expect(view.status).toBe('pending_approval');
    await expect(writeOffs.decide(view.id, { decision: 'reject', comment: 'Chase it' }, financeManager)).resolves.toMatchObject({ status: 'rejected' });
    expect(await loadInvoice(h.dataSource, invoice.id)).toMatchObject({ status: 'open', openAmountMinor: 125_000n });
    expect(await movements(invoice.id)).toEqual([]);
    expect(await settled(h, handle)).toMatchObject({ status: 'open', nextAction: { step: 'reminder_1' } });
  });
});
