/**
 * Invoice updates and payments reach the invoice's workflow by
 * signal-with-start: when its start was lost (a crash between our commit and
 * the call to Temporal), the next change starts it with the change as its
 * first signal, and a running one just gets the signal.
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { Invoice } from '../../src/invoices/invoice.entity.js';
import { eventually, isoDateDaysFromToday, startPlatform, uniqueId, type Platform } from '../support/platform.js';

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(async () => {
  await platform?.close();
});

function invoiceBody(externalId: string, amount: string) {
  return {
    externalId, number: externalId, issueDate: isoDateDaysFromToday(-5), dueDate: isoDateDaysFromToday(30), amount, currency: 'EUR',
    customer: { externalId: 'CUST-SWS', name: 'Dupont SA', email: 'ap@dupont.example', language: 'fr' },
  };
}

/** An invoice whose workflow never started: its row points at a workflow id Temporal has never seen. */
async function invoiceWithLostStart(amount: string) {
  const externalId = uniqueId('INV');
  const res = await platform.request('POST', '/api/v1/invoices', invoiceBody(externalId, amount));
  expect(res.status).toBe(201);
  const workflowId = uniqueId('lost-start');
  await platform.db.dataSource.manager.update(Invoice, { id: res.body.id }, { workflowId });
  return { id: res.body.id as string, externalId, workflowId };
}

/** The first events of a workflow's history: its start, then what came with it. */
async function firstEvents(workflowId: string): Promise<string[]> {
  const history = await platform.temporal.workflow.getHandle(workflowId).fetchHistory();
  return (history.events ?? []).slice(0, 2).map((e) => {
    if (e.workflowExecutionStartedEventAttributes) return 'started';
    return e.workflowExecutionSignaledEventAttributes ? `signal:${e.workflowExecutionSignaledEventAttributes.signalName}` : 'other';
  });
}

const openAmountOf = (workflowId: string) =>
  eventually(() => platform.temporal.workflow.getHandle(workflowId).query<{ openAmountMinor: string; status: string }>('dunningState'));

test('a payment on an invoice whose workflow start was lost starts it with the payment', async () => {
  const inv = await invoiceWithLostStart('500.00');
  const res = await platform.request('POST', '/api/v1/payments', {
    externalId: uniqueId('PAY'), amount: '120.00', currency: 'EUR', receivedAt: '2026-11-20T09:30:00+01:00',
    allocations: [{ invoiceExternalId: inv.externalId, amount: '120.00' }],
  });
  expect(res.status).toBe(201);
  expect(await firstEvents(inv.workflowId)).toEqual(['started', 'signal:paymentApplied']);
  expect(await openAmountOf(inv.workflowId)).toMatchObject({ status: 'open', openAmountMinor: '38000' });
});

test('an invoice update whose workflow start was lost starts it with the change', async () => {
  const inv = await invoiceWithLostStart('500.00');
  const res = await platform.request('POST', '/api/v1/invoices', invoiceBody(inv.externalId, '650.00'));
  expect(res.status).toBe(200);
  expect(await firstEvents(inv.workflowId)).toEqual(['started', 'signal:invoiceChanged']);
  expect(await openAmountOf(inv.workflowId)).toMatchObject({ status: 'open', openAmountMinor: '65000' });
});

test('a payment on a running workflow is one more signal, not a second start', async () => {
  const externalId = uniqueId('INV');
  const created = await platform.request('POST', '/api/v1/invoices', invoiceBody(externalId, '300.00'));
  const workflowId = created.body.workflowId as string;
  const before = (await platform.temporal.workflow.getHandle(workflowId).describe()).runId;
  const res = await platform.request('POST', '/api/v1/payments', {
    externalId: uniqueId('PAY'), amount: '300.00', currency: 'EUR', receivedAt: '2026-11-20T09:30:00+01:00',
    allocations: [{ invoiceExternalId: externalId, amount: '300.00' }],
  });
  expect(res.status).toBe(201);
  await expect(platform.temporal.workflow.getHandle(workflowId).result()).resolves.toMatchObject({ status: 'paid' });
  expect((await platform.temporal.workflow.getHandle(workflowId).describe()).runId).toBe(before);
  // A closed workflow stays closed: a replayed payment does not start another run.
  const replay = await platform.request('POST', '/api/v1/payments', {
    externalId: res.body.externalId, amount: '300.00', currency: 'EUR', receivedAt: '2026-11-20T09:30:00+01:00',
    allocations: [{ invoiceExternalId: externalId, amount: '300.00' }],
  });
  expect(replay.status).toBe(200);
  const desc = await platform.temporal.workflow.getHandle(workflowId).describe();
  expect([desc.runId, desc.status.name]).toEqual([before, 'COMPLETED']);
});
