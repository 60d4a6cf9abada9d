import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { RelanceClient, Schema } from '../../client/index.js';
import { eventually, isoDateDaysFromToday, startPlatform, TEST_API_KEY, uniqueId, type Platform } from '../support/platform.js';
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

function invoicePayload(overrides: Partial<Schema<'CreateInvoiceDto'>> = {}): Schema<'CreateInvoiceDto'> {
  return {
    externalId: uniqueId('INV'),
    number: 'F2026-0042',
    customer: { externalId: 'CUST-1', name: 'Acme SARL', email: 'ap@acme.example', phone: '+33612345678', language: 'en' },
    issueDate: isoDateDaysFromToday(-38),
    dueDate: isoDateDaysFromToday(-8),
    amount: '1250.00',
    currency: 'EUR',
    ...overrides,
  };
}

describe('invoice intake', () => {
  test('an invoice 8 days overdue gets its +7 reminder once, then a full payment closes it', async () => {
    const payload = invoicePayload();
    const created = await api.POST('/api/v1/invoices', { body: payload });
    expect(created.response.status).toBe(201);
    const intake = created.data!;
    expect(intake).toEqual({
      id: expect.any(String), externalId: payload.externalId, status: 'open', workflowId: `invoice-default-${payload.externalId}`,
    });

    const messages = await eventually(async () => {
      const res = await platform.request('GET', `/api/v1/messages?invoiceId=${intake.id}`);
      return res.body.length === 2 && res.body.every((m: any) => m.status !== 'pending') ? res.body : null;
    });
    expect(messages.map((m: any) => [m.step, m.channel, m.status]).sort()).toEqual([
      ['reminder_2', 'email', 'sent'],
      ['reminder_2', 'sms', 'sent'],
    ]);
    expect(platform.providers.acceptedEmails()).toHaveLength(1);
    expect(platform.providers.acceptedSms()).toHaveLength(1);

    const replay = await api.POST('/api/v1/invoices', { body: payload });
    expect(replay.response.status).toBe(200);
    expect(replay.data).toEqual(intake);
    const [{ count }] = await platform.db.dataSource.query('SELECT count(*)::int AS count FROM invoices');
    expect(count).toBe(1);

    const paid = await api.POST('/api/v1/payments', {
      body: {
        externalId: uniqueId('PAY'), amount: '1250.00', currency: 'EUR', receivedAt: new Date().toISOString(),
        allocations: [{ invoiceExternalId: payload.externalId, amount: '1250.00' }],
      },
    });
    expect(paid.response.status).toBe(201);
    const handle = platform.temporal.workflow.getHandle(intake.workflowId);
    await expect(handle.result()).resolves.toMatchObject({ status: 'paid' });
    const invoice = (await api.GET('/api/v1/invoices/{id}', { params: { path: { id: intake.id } } })).data!;
    expect(invoice).toMatchObject({ status: 'paid', openAmount: '0.00', nextAction: null });
    expect(invoice.timeline.map((e) => e.type)).toEqual(
      expect.arrayContaining(['invoice_created', 'reminder_skipped', 'reminder_sent', 'payment_received', 'status_changed', 'dunning_stopped']),
    );
  });
});

describe('intake path', () => {
  test('a not-yet-due invoice: the API projects its next action, its workflow waits for it after one workflow task and no activity', async () => {
    const created = await api.POST('/api/v1/invoices', { body: invoicePayload({ issueDate: isoDateDaysFromToday(-10), dueDate: isoDateDaysFromToday(20) }) });
    expect(created.response.status).toBe(201);
    // Projected by the API before it answered: no activity needed.
    const [row] = await platform.db.dataSource.query('SELECT next_action_at, next_action_step FROM invoices WHERE id = $1', [created.data!.id]);
    expect(row.next_action_step).toEqual(expect.any(String));
    const handle = platform.temporal.workflow.getHandle(created.data!.workflowId);
    const events = await eventually(async () => {
      const history = await handle.fetchHistory();
      return history.events?.some((e) => e.timerStartedEventAttributes) ? history.events : null;
    });
    const beforeTimer = events.slice(0, events.findIndex((e) => e.timerStartedEventAttributes));
    expect(beforeTimer.filter((e) => e.workflowTaskCompletedEventAttributes)).toHaveLength(1);
    expect(beforeTimer.filter((e) => e.activityTaskScheduledEventAttributes || e.markerRecordedEventAttributes?.markerName === 'core_local_activity')).toEqual([]);
    const invoice = (await api.GET('/api/v1/invoices/{id}', { params: { path: { id: created.data!.id } } })).data!;
    expect(invoice.nextAction).toMatchObject({ step: row.next_action_step, at: new Date(row.next_action_at).toISOString() });
  });
});

describe('live work first', () => {
  test('an invoice with a step due at intake starts ahead of one that only sets its first timer (Temporal task priority)', async () => {
    const priorityOf = async (payload: Schema<'CreateInvoiceDto'>) => {
      const created = await api.POST('/api/v1/invoices', { body: payload });
      expect(created.response.status).toBe(201);
      const described = await platform.temporal.workflow.getHandle(created.data!.workflowId).describe();
      return described.raw.workflowExecutionInfo?.priority?.priorityKey;
    };
    expect(await priorityOf(invoicePayload())).toBe(2);
    expect(await priorityOf(invoicePayload({ issueDate: isoDateDaysFromToday(-10), dueDate: isoDateDaysFromToday(20) }))).toBe(3);
  });
});

describe('postal letters', () => {
  test('a formal notice letter is a PDF to download, print and post', async () => {
    const payload = invoicePayload({ dueDate: isoDateDaysFromToday(-31), issueDate: isoDateDaysFromToday(-61) });
    const created = await platform.request('POST', '/api/v1/invoices', payload);
    const letter = await eventually(async () => {
      const list = (await platform.request('GET', `/api/v1/messages?invoiceId=${created.body.id}`)).body as any[];
      return list.find((m) => m.channel === 'letter' && m.status === 'to_post') ?? null;
    });
    expect(letter).toMatchObject({ step: 'formal_notice', recipient: 'Acme SARL', documentUrl: `/api/v1/messages/${letter.id}/document` });
    const res = await fetch(platform.baseUrl + letter.documentUrl, { headers: { authorization: `Bearer ${TEST_API_KEY}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await res.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    expect((await platform.request('GET', '/api/v1/messages/00000000-0000-4000-8000-000000000000/document')).status).toBe(404);
  });
});
