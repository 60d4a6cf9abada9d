import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { eventually, isoDateDaysFromToday, startPlatform, uniqueId, type Platform } from '../support/platform.js';
import { withContractChecks } from '../support/openapi-contract.js';

let platform: Platform;
beforeAll(async () => {
  // Every answer below must match its documented status and schema.
  platform = withContractChecks(await startPlatform());
});
afterAll(async () => {
  await platform?.close();
});

async function createInvoice(customerExternalId: string, dueInDays = 10) {
  const externalId = uniqueId('INV');
  const res = await platform.request('POST', '/api/v1/invoices', {
    externalId, number: externalId, issueDate: isoDateDaysFromToday(-20), dueDate: isoDateDaysFromToday(dueInDays), amount: '640.00', currency: 'EUR',
    customer: { externalId: customerExternalId, name: 'Bernard Transports', email: 'compta@bernard.example' },
  });
  expect([200, 201]).toContain(res.status);
  return { ...res.body, externalId } as { id: string; externalId: string; workflowId: string };
}

const view = async (id: string) => (await platform.request('GET', `/api/v1/invoices/${id}`)).body;
const workflowPauses = async (workflowId: string) =>
  (await platform.temporal.workflow.getHandle(workflowId).query<{ pauses: { scope: string; reason: string }[] }>('dunningState')).pauses;

describe('dunning pauses through the API', () => {
  test('pausing and resuming an invoice', async () => {
    const inv = await createInvoice(uniqueId('CUST'));
    await eventually(async () => (await view(inv.id)).nextAction);
    const until = new Date(Date.now() + 5 * 86_400_000).toISOString();

    const paused = await platform.request('POST', `/api/v1/invoices/${inv.id}/pause`, { reason: 'Customer disputes the delivery date', until });
    expect(paused.status).toBe(200);
    expect(paused.body).toMatchObject({ invoiceId: inv.id, paused: true, pause: { scope: 'invoice', reason: 'Customer disputes the delivery date', until } });
    const during = await view(inv.id);
    expect(during).toMatchObject({ paused: true, nextAction: null, pauses: [{ scope: 'invoice', until }] });
    await eventually(async () => (await workflowPauses(inv.workflowId)).length === 1);

    // Pausing again changes the reason: still one pause.
    const changed = await platform.request('POST', `/api/v1/invoices/${inv.id}/pause`, { reason: 'Waiting for the credit note' });
    expect(changed.body.pause).toMatchObject({ id: paused.body.pause.id, reason: 'Waiting for the credit note', until: null });
    await eventually(async () => (await workflowPauses(inv.workflowId))[0]?.reason === 'Waiting for the credit note');

    const resumed = await platform.request('POST', `/api/v1/invoices/${inv.id}/resume`);
    expect(resumed.status).toBe(200);
    expect(resumed.body).toMatchObject({ invoiceId: inv.id, paused: false, resumed: { id: paused.body.pause.id } });
    await eventually(async () => (await workflowPauses(inv.workflowId)).length === 0);
    const after = await eventually(async () => {
      const v = await view(inv.id);
      return v.nextAction ? v : null;
    });
    expect(after).toMatchObject({ paused: false, pauses: [] });
    expect(after.timeline.map((e: any) => e.type)).toEqual(expect.arrayContaining(['dunning_paused', 'dunning_pause_changed', 'dunning_resumed']));

    // Resuming again is harmless.
    const again = await platform.request('POST', `/api/v1/invoices/${inv.id}/resume`);
    expect(again.body).toMatchObject({ paused: false, resumed: null });
  });

  test('pausing a customer pauses its open invoices and the ones that arrive later', async () => {
    const customer = uniqueId('CUST');
    const first = await createInvoice(customer);
    const res = await platform.request('POST', `/api/v1/customers/${customer}/pause`, { reason: 'Strategic account: statement only' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ customerExternalId: customer, paused: true, invoices: 1, pause: { scope: 'customer' } });
    await eventually(async () => (await workflowPauses(first.workflowId)).length === 1);

    const second = await createInvoice(customer, -3); // overdue: reminder_1 would go out at once
    expect(await view(second.id)).toMatchObject({ paused: true, pauses: [{ scope: 'customer' }] });
    expect(await workflowPauses(second.workflowId)).toEqual([expect.objectContaining({ scope: 'customer' })]);
    await new Promise((r) => setTimeout(r, 500));
    expect((await platform.request('GET', `/api/v1/messages?invoiceId=${second.id}`)).body).toEqual([]);

    const resumed = await platform.request('POST', `/api/v1/customers/${customer}/resume`);
    expect(resumed.body).toMatchObject({ paused: false, invoices: 2 });
    const messages = await eventually(async () => {
      const body = (await platform.request('GET', `/api/v1/messages?invoiceId=${second.id}`)).body;
      return body.length > 0 ? body : null;
    });
    expect(messages.map((m: any) => m.step)).toEqual(['reminder_1']);
  });

  test('bad pauses are refused and change nothing', async () => {
    const inv = await createInvoice(uniqueId('CUST'));
    const past = await platform.request('POST', `/api/v1/invoices/${inv.id}/pause`, { reason: 'x', until: '2020-01-01T00:00:00Z' });
    expect(past.status).toBe(400);
    expect(past.body.errors).toEqual([{ field: 'until', messages: ['until must be in the future'] }]);
    const noReason = await platform.request('POST', `/api/v1/invoices/${inv.id}/pause`, {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0].field).toBe('reason');
    expect((await platform.request('POST', '/api/v1/invoices/00000000-0000-4000-8000-000000000000/pause', { reason: 'x' })).status).toBe(404);
    expect((await platform.request('POST', '/api/v1/customers/NO-SUCH-CUSTOMER/pause', { reason: 'x' })).status).toBe(404);
    const [{ n }] = await platform.db.dataSource.query('SELECT count(*)::int AS n FROM dunning_pauses WHERE invoice_id = $1', [inv.id]);
    expect(n).toBe(0);

    await platform.request('POST', '/api/v1/payments', {
      externalId: uniqueId('PAY'), amount: '640.00', currency: 'EUR', receivedAt: new Date().toISOString(),
      allocations: [{ invoiceExternalId: inv.externalId, amount: '640.00' }],
    });
    const closed = await platform.request('POST', `/api/v1/invoices/${inv.id}/pause`, { reason: 'too late' });
    expect(closed.status).toBe(409);
    expect(closed.body.code).toBe('INVOICE_NOT_OPEN');
  });
});
