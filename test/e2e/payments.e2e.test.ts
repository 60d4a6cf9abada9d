import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { RelanceClient, Schema } from '../../client/index.js';
import { eventually, isoDateDaysFromToday, startPlatform, uniqueId, type Platform } from '../support/platform.js';
import { typedClient } from '../support/typed-client.js';

let platform: Platform;
let api: RelanceClient;
beforeAll(async () => {
  platform = await startPlatform();
  api = typedClient(platform);
});
afterAll(async () => {
  await platform?.close();
});

async function createInvoice(amount: string, dueInDays = 20, currency = 'EUR') {
  const externalId = uniqueId('INV');
  const { data, response } = await api.POST('/api/v1/invoices', {
    body: {
      externalId, number: externalId, issueDate: isoDateDaysFromToday(-10), dueDate: isoDateDaysFromToday(dueInDays), amount, currency,
      customer: { externalId: 'CUST-PAY', name: 'Martin & Fils', email: 'ap@martin.example', language: 'fr' },
    },
  });
  expect(response.status).toBe(201);
  return data!;
}

function payment(allocations: Schema<'PaymentAllocationDto'>[], amount: string, externalId = uniqueId('PAY')): Schema<'RecordPaymentDto'> {
  return { externalId, amount, currency: 'EUR', receivedAt: '2026-11-20T09:30:00+01:00', allocations };
}

const invoice = async (id: string) => (await api.GET('/api/v1/invoices/{id}', { params: { path: { id } } })).data;
const count = async (table: string) => (await platform.db.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;

describe('payments', () => {
  test('a partial payment lowers the open amount and dunning goes on', async () => {
    const inv = await createInvoice('1000.00');
    const res = await api.POST('/api/v1/payments', { body: payment([{ invoiceExternalId: inv.externalId, amount: '400.10' }], '400.10') });
    expect(res.response.status).toBe(201);
    expect(res.data).toMatchObject({ amount: '400.10', currency: 'EUR', receivedAt: '2026-11-20T08:30:00.000Z' });
    expect(res.data!.allocations).toEqual([{ invoiceId: inv.id, invoiceExternalId: inv.externalId, amount: '400.10' }]);
    expect(await invoice(inv.id)).toMatchObject({ status: 'open', openAmount: '599.90' });
    const state = await eventually(async () => {
      const s = await platform.temporal.workflow.getHandle(inv.workflowId).query<{ openAmountMinor: string; status: string }>('dunningState');
      return s.openAmountMinor === '59990' ? s : null;
    });
    expect(state.status).toBe('open');
  });

  test('one payment can settle several invoices; fully paid ones complete their workflow', async () => {
    const a = await createInvoice('100.00');
    const b = await createInvoice('250.00');
    const res = await api.POST('/api/v1/payments', {
      body: payment([
        { invoiceExternalId: a.externalId, amount: '100.00' },
        { invoiceExternalId: b.externalId, amount: '50.00' },
      ], '150.00'),
    });
    expect(res.response.status).toBe(201);
    await expect(platform.temporal.workflow.getHandle(a.workflowId).result()).resolves.toMatchObject({ status: 'paid' });
    expect(await invoice(a.id)).toMatchObject({ status: 'paid', openAmount: '0.00', nextAction: null });
    expect(await invoice(b.id)).toMatchObject({ status: 'open', openAmount: '200.00' });
    const desc = await platform.temporal.workflow.getHandle(b.workflowId).describe();
    expect(desc.status.name).toBe('RUNNING');
  });

  test('a retried payment is idempotent; the same id with other content is a conflict', async () => {
    const inv = await createInvoice('300.00');
    const body = payment([{ invoiceExternalId: inv.externalId, amount: '100.00' }], '100.00');
    const first = await api.POST('/api/v1/payments', { body });
    const again = await api.POST('/api/v1/payments', { body });
    expect(first.response.status).toBe(201);
    expect(again.response.status).toBe(200);
    expect(again.data).toEqual(first.data);
    expect(await invoice(inv.id)).toMatchObject({ openAmount: '200.00' });

    const other = await api.POST('/api/v1/payments', { body: { ...body, amount: '150.00', allocations: [{ invoiceExternalId: inv.externalId, amount: '150.00' }] } });
    expect(other.response.status).toBe(409);
    expect(other.error?.code).toBe('PAYMENT_CONFLICT');
    expect(await invoice(inv.id)).toMatchObject({ openAmount: '200.00' });
  });

  test('concurrent deliveries of one payment apply it once', async () => {
    const inv = await createInvoice('300.00');
    const body = payment([{ invoiceExternalId: inv.externalId, amount: '120.00' }], '120.00');
    const results = await Promise.all([1, 2, 3].map(() => platform.request('POST', '/api/v1/payments', body)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 201]);
    expect(await invoice(inv.id)).toMatchObject({ openAmount: '180.00' });
  });

  test('concurrent deliveries of a payment settling its invoice in full apply it once, and none is refused', async () => {
    const inv = await createInvoice('300.00');
    const body = payment([{ invoiceExternalId: inv.externalId, amount: '300.00' }], '300.00');
    const results = await Promise.all([1, 2, 3, 4].map(() => platform.request('POST', '/api/v1/payments', body)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 201]);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(await invoice(inv.id)).toMatchObject({ status: 'paid', openAmount: '0.00' });
    expect(await count(`payments WHERE external_id = '${body.externalId}'`)).toBe(1);
    // Its workflow ends once (recording dunning_stopped): let it, so the next test counts a quiet timeline.
    await expect(platform.temporal.workflow.getHandle(inv.workflowId).result()).resolves.toMatchObject({ status: 'paid' });
  });

  test('bad payments are refused field by field and change nothing', async () => {
    const inv = await createInvoice('100.00');
    const before = await Promise.all(['payments', 'payment_allocations', 'invoice_events'].map(count));
    const cases: [unknown, string][] = [
      [payment([{ invoiceExternalId: inv.externalId, amount: '100.01' }], '100.01'), 'allocations[0].amount'],
      [payment([{ invoiceExternalId: 'NO-SUCH-INVOICE', amount: '10.00' }], '10.00'), 'allocations[0].invoiceExternalId'],
      [payment([{ invoiceExternalId: inv.externalId, amount: '60.00' }], '50.00'), 'allocations'],
      [payment([{ invoiceExternalId: inv.externalId, amount: '10.00' }, { invoiceExternalId: inv.externalId, amount: '10.00' }], '20.00'), 'allocations[1].invoiceExternalId'],
      [{ ...payment([{ invoiceExternalId: inv.externalId, amount: '10.00' }], '10.00'), currency: 'USD' }, 'allocations[0].invoiceExternalId'],
      [{ ...payment([], '10.00') }, 'allocations'],
      [{ ...payment([{ invoiceExternalId: inv.externalId, amount: '10.00' }], '10.00'), receivedAt: 'yesterday' }, 'receivedAt'],
      [{ ...payment([{ invoiceExternalId: inv.externalId, amount: 'x' }], '10.00') }, 'allocations[0].amount'],
    ];
    for (const [body, field] of cases) {
      const res = await platform.request('POST', '/api/v1/payments', body);
      expect({ field, status: res.status }).toEqual({ field, status: 400 });
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(await Promise.all(['payments', 'payment_allocations', 'invoice_events'].map(count))).toEqual(before);
    expect(await invoice(inv.id)).toMatchObject({ openAmount: '100.00', status: 'open' });
  });

  test('a paid invoice sends nothing more even when its step comes due', async () => {
    const inv = await createInvoice('80.00', -2); // reminder_1 is due at once
    await eventually(async () => (await platform.request('GET', `/api/v1/messages?invoiceId=${inv.id}`)).body.length > 0);
    await platform.request('POST', '/api/v1/payments', payment([{ invoiceExternalId: inv.externalId, amount: '80.00' }], '80.00'));
    await platform.temporal.workflow.getHandle(inv.workflowId).result();
    const messages = (await platform.request('GET', `/api/v1/messages?invoiceId=${inv.id}`)).body;
    expect(messages.map((m: any) => m.step)).toEqual(['reminder_1']);
  });
});
