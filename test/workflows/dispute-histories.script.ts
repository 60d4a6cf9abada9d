/**
 * Records the dispute workflow histories that test/workflows/replay.test.ts
 * replays, into test/histories/dispute-approval/<set>/:
 *
 *   HISTORIES_SET=2026-12-what-changed npm run -s histories:record -- dispute
 *
 * Run it after a deliberate, compatible change to the workflow, into a new set
 * (older sets stay: disputes started under older code may still be open).
 * Each scenario checks its outcome before its history is written.
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { answerDisputeInfoUpdate } from '../../workflows/dispute.definitions.js';
import { advanceTo, parisDate, seedInvoice, settled, shiftDate, startDunningHarness, type DunningHarness } from '../support/time-skipping.js';
import { HistorySet } from '../support/history-sets.js';
import { untilReal } from '../support/worker-harness.js';
import { erpDeliveryWorkflowId } from '../../workflows/erp-outbox.definitions.js';
import { decide, disputeSettled, erpEvents, result, seedPeople, startDispute, type DisputeHandle } from './dispute-support.js';

const histories = new HistorySet('dispute-approval');
/** Accepted disputes hand their credit note to an ERP delivery workflow (no webhook here: the event is held). */
const deliveryHistories = new HistorySet('erp-delivery');
const HOUR = 3_600_000;

let h: DunningHarness;

beforeAll(async () => {
  h = await startDunningHarness();
  histories.open();
  deliveryHistories.open();
});
afterAll(async () => {
  await h?.terminateOpenWorkflows();
  await h?.close();
  process.stdout.write(histories.summary() + deliveryHistories.summary());
});

async function record(name: string, handle: DisputeHandle): Promise<void> {
  await histories.record(h.env.client, name, handle);
  const [dispute] = await h.dataSource.query<{ id: string }[]>('SELECT id FROM disputes WHERE workflow_id = $1', [handle.workflowId]);
  const [event] = await erpEvents(h.dataSource, dispute!.id);
  if (!event) return;
  const delivery = h.env.client.workflow.getHandle(erpDeliveryWorkflowId(event.id));
  await untilReal(async () => (await delivery.describe().catch(() => null))?.status.name === 'COMPLETED', 'credit note delivery workflow');
  expect(await delivery.result()).toEqual({ outcome: 'held' });
  await deliveryHistories.record(h.env.client, `${name}.credit-note`, { workflowId: delivery.workflowId, firstExecutionRunId: (await delivery.describe()).runId });
}

async function open(extra: Partial<Parameters<typeof startDispute>[1]> = {}) {
  const people = await seedPeople(h.dataSource);
  const invoice = await seedInvoice(h.dataSource, { dueDate: shiftDate(parisDate(await h.env.currentTimeMs()), 20), amountMinor: 500_000n });
  const invoiceHandle = await h.startWorkflow(invoice);
  await settled(h, invoiceHandle);
  const run = await startDispute(h, { invoices: [invoice], people, ...extra });
  await disputeSettled(run.handle);
  return { p: people, ...run };
}

test('info round-trip then partial acceptance, refused decisions in between', async () => {
  const { p, handle } = await open({ amountMinor: 200_000n });
  await expect(decide(handle, p.outsider, { decision: 'accept', comment: 'x' })).rejects.toThrow();
  await decide(handle, p.v1, { decision: 'request_info', comment: 'PO?' });
  await expect(decide(handle, p.v2, { decision: 'accept', comment: 'x' })).rejects.toThrow();
  await handle.executeUpdate(answerDisputeInfoUpdate, { args: [{ comment: 'PO 4711', author: { userId: p.collector.id, name: 'c' } }] });
  await decide(handle, p.v2, { decision: 'accept', amountMinor: '150000', comment: 'ok' });
  expect(await result(h, handle)).toEqual({ status: 'accepted', acceptedAmountMinor: '150000' });
  await record('info-then-partial-accept', handle);
});

test('two levels: accepted by the validator, confirmed by a finance manager', async () => {
  const { p, handle } = await open({ secondLevelFromMinor: 100_000n });
  await decide(handle, p.v1, { decision: 'accept', comment: 'damaged' });
  await expect(decide(handle, p.v2, { decision: 'accept', comment: 'x' })).rejects.toThrow();
  await decide(handle, p.fm, { decision: 'accept', comment: 'confirmed' });
  expect(await result(h, handle)).toEqual({ status: 'accepted', acceptedAmountMinor: '500000' });
  await record('two-level-accept', handle);
});

test('reminder, escalation, rejected by the group manager', async () => {
  const { p, handle } = await open({ resolutionHours: 48 });
  const openedAt = await h.env.currentTimeMs();
  await advanceTo(h.env, openedAt + 48 * HOUR + 60_000);
  expect(await disputeSettled(handle)).toMatchObject({ escalated: true });
  await decide(handle, p.manager, { decision: 'reject', comment: 'agreed price' });
  expect(await result(h, handle)).toEqual({ status: 'rejected', acceptedAmountMinor: null });
  await record('escalated-rejected-by-manager', handle);
});
