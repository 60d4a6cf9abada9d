/**
 * Records the ERP-document histories that test/workflows/replay.test.ts
 * replays: write-off approvals (test/histories/write-off-approval/<set>/) and
 * invoices whose dunning a credit note, a write-off or a cancellation ended
 * (test/histories/invoice-dunning/<set>/erp-documents/).
 *
 *   HISTORIES_SET=2026-12-what-changed npm run -s histories:record -- erp-documents
 *
 * Each scenario goes through the real services and checks its outcome before
 * its history is written, so no recording captures a wrong behaviour.
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { WorkflowClient } from '@temporalio/client';
import type { Principal } from '../../src/auth/principal.js';
import { ApiModule } from '../../src/bootstrap/app.modules.js';
import { loadConfig } from '../../src/config/app-config.js';
import { CreditNotesService } from '../../src/credit-notes/credit-notes.service.js';
import { Customer } from '../../src/customers/customer.entity.js';
import { InvoicesService } from '../../src/invoices/invoices.service.js';
import { LegalEntitiesService } from '../../src/organization/legal-entities.service.js';
import { WriteOffsService } from '../../src/write-offs/write-offs.service.js';
import { writeOffWorkflowId } from '../../workflows/write-off.definitions.js';
import { HistorySet, historySetName } from '../support/history-sets.js';
import {
  advanceTo, AFTER_BATCH_MS, parisDate, seedInvoice, settled, shiftDate, startDunningHarness, stepInstant, workflowResult, type DunningHarness,
} from '../support/time-skipping.js';

const writeOffHistories = new HistorySet('write-off-approval');
// A subfolder of the set: record-histories.script.ts empties invoice-dunning/<set>/ of its own files when it opens.
const invoiceHistories = new HistorySet('invoice-dunning', `${historySetName()}/erp-documents`);

let h: DunningHarness;
let api: INestApplicationContext;
const user = (roles: Principal['roles'], userId: string, name: string): Principal => ({ kind: 'user', userId, email: null, name, roles, groups: [] });
const cm = user(['credit_manager'], '00000000-0000-4000-8000-00000000c001', 'Claire Credit');
const fm = user(['finance_manager'], '00000000-0000-4000-8000-00000000f001', 'Fabien Finance');

beforeAll(async () => {
  h = await startDunningHarness();
  api = await NestFactory.createApplicationContext(ApiModule.forRoot(loadConfig({
    DATABASE_URL: h.db.url, TEMPORAL_TASK_QUEUE: h.taskQueue, TEMPORAL_ADDRESS: h.env.address, LOG_LEVEL: 'error', ...h.providers.env(),
  }), ['histories-key']), { logger: false });
  await api.get(LegalEntitiesService).updateSettings('default', { writeOffApprovalThresholds: [{ currency: 'EUR', amount: '100.00' }] });
  writeOffHistories.open();
  invoiceHistories.open();
});
afterAll(async () => {
  await h?.terminateOpenWorkflows();
  await api?.close();
  await h?.close();
  process.stdout.write(writeOffHistories.summary() + invoiceHistories.summary());
});

async function invoicePastCourtesyNotice() {
  const invoice = await seedInvoice(h.dataSource, { dueDate: shiftDate(parisDate(await h.env.currentTimeMs()), 5) });
  const handle = await h.startWorkflow(invoice);
  await settled(h, handle);
  await advanceTo(h.env, stepInstant(invoice.dueDate, 'courtesy_notice') + AFTER_BATCH_MS);
  await settled(h, handle);
  return { invoice, handle };
}

const approvalHandle = (id: string) => new WorkflowClient({ connection: h.env.connection }).getHandle(writeOffWorkflowId(id));

test('cancelled-with-reason: the ERP cancels after the courtesy notice', async () => {
  const { invoice, handle } = await invoicePastCourtesyNotice();
  await api.get(InvoicesService).cancel(invoice.id, 'Issued twice');
  await expect(workflowResult(h, handle)).resolves.toMatchObject({ status: 'cancelled' });
  await invoiceHistories.record(h.env.client, 'cancelled-with-reason', handle);
});

test('credit-note-settles: a credit note brings the invoice to zero', async () => {
  const { invoice, handle } = await invoicePastCourtesyNotice();
  const customer = (await h.dataSource.manager.findOneByOrFail(Customer, { id: invoice.customerId })).externalId;
  await api.get(CreditNotesService).record({
    externalId: `CN-${invoice.externalId}`, number: 'AV-1', customer, issueDate: invoice.dueDate, amount: '1250.00', currency: 'EUR',
    allocations: [{ invoiceExternalId: invoice.externalId, amount: '1250.00' }],
  });
  await expect(workflowResult(h, handle)).resolves.toMatchObject({ status: 'paid' });
  await invoiceHistories.record(h.env.client, 'credit-note-settles', handle);
});

test('write-off approved: above the threshold, a finance manager approves; the invoice workflow ends', async () => {
  const { invoice, handle } = await invoicePastCourtesyNotice();
  const writeOffs = api.get(WriteOffsService);
  const { view } = await writeOffs.request(invoice.id, { reasonCode: 'uncollectible', comment: 'No assets' }, cm);
  await expect(writeOffs.decide(view.id, { decision: 'approve', comment: 'ok' }, cm)).rejects.toMatchObject({ httpStatus: 403 });
  await writeOffs.decide(view.id, { decision: 'approve', comment: 'Provisioned' }, fm);
  await expect(workflowResult(h, handle)).resolves.toMatchObject({ status: 'paid' });
  const approval = approvalHandle(view.id);
  await expect(approval.result()).resolves.toMatchObject({ status: 'applied' });
  await writeOffHistories.record(h.env.client, 'approved', { workflowId: approval.workflowId, firstExecutionRunId: (await approval.describe()).runId });
  await invoiceHistories.record(h.env.client, 'write-off-settles', handle);
});

test('write-off rejected', async () => {
  const { invoice } = await invoicePastCourtesyNotice();
  const writeOffs = api.get(WriteOffsService);
  const { view } = await writeOffs.request(invoice.id, { amount: '500.00', reasonCode: 'commercial_gesture', comment: 'Goodwill' }, cm);
  await writeOffs.decide(view.id, { decision: 'reject', comment: 'No' }, fm);
  const approval = approvalHandle(view.id);
  await expect(approval.result()).resolves.toMatchObject({ status: 'rejected' });
  await writeOffHistories.record(h.env.client, 'rejected', { workflowId: approval.workflowId, firstExecutionRunId: (await approval.describe()).runId });
});
