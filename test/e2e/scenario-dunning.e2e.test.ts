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

async function publishScenario(definition: unknown): Promise<string> {
  const created = await platform.request('POST', '/api/v1/scenarios', { name: uniqueId('Artisans'), definition });
  expect(created.status).toBe(201);
  const published = await platform.request('POST', `/api/v1/scenarios/${created.body.id}/publish`, { inFlightPolicy: 'keep_version' });
  expect(published.status).toBe(201);
  return created.body.id as string;
}

async function postInvoice(customer: Record<string, unknown>, dueInDays: number) {
  const externalId = uniqueId('INV');
  const res = await platform.request('POST', '/api/v1/invoices', {
    externalId, number: externalId, issueDate: isoDateDaysFromToday(dueInDays - 30), dueDate: isoDateDaysFromToday(dueInDays),
    amount: '860.00', currency: 'EUR',
    customer: { externalId: uniqueId('CUST'), name: 'Menuiserie Lefèvre', email: 'atelier@lefevre.example', phone: '+33611223344', ...customer },
  });
  expect(res.status).toBe(201);
  return res.body as { id: string; workflowId: string };
}

const messagesOf = async (invoiceId: string) => (await platform.request('GET', `/api/v1/messages?invoiceId=${invoiceId}`)).body as any[];

describe('scenarios created through the API drive invoices', () => {
  test('a published scenario assigned to a segment: its SMS template goes out, then its call task is next', async () => {
    const scenarioId = await publishScenario({
      steps: [
        {
          key: 'sms_first', trigger: { kind: 'due_date', offsetDays: 1 }, action: 'reminder', channels: ['sms'],
          templates: { fr: { sms: { body: 'Lefèvre & Co : facture {{ invoiceNumber }}, {{ openAmount }} à régler. Merci !' } } },
        },
        { key: 'call', trigger: { kind: 'due_date', offsetDays: 20 }, action: 'call_task', channels: [] },
      ],
    });
    const segment = uniqueId('artisan');
    expect((await platform.request('PUT', '/api/v1/scenario-assignments/segments', { segment, scenarioId })).status).toBe(200);

    const invoice = await postInvoice({ segment }, -3);
    const sms = await eventually(async () => {
      const list = await messagesOf(invoice.id);
      return list.length === 1 && list[0].status !== 'pending' ? list[0] : null;
    });
    expect(sms).toMatchObject({ step: 'sms_first', channel: 'sms', recipient: '+33611223344', status: 'sent' });
    expect(sms.body).toMatch(/^Lefèvre & Co : facture INV-\w+, 860,00\s€ à régler\. Merci !$/);
    expect(platform.providers.acceptedSms().map((m) => m.Body)).toContain(sms.body);

    const view = await eventually(async () => {
      const body = (await platform.request('GET', `/api/v1/invoices/${invoice.id}`)).body;
      return body.nextAction?.step === 'call' ? body : null;
    });
    expect(view.timeline.find((e: any) => e.type === 'invoice_created').scenario).toMatchObject({ id: scenarioId, version: 1 });
    const state = await platform.temporal.workflow.getHandle(invoice.workflowId).query<any>('dunningState');
    expect(state.scenario).toEqual({ scenarioId, version: 1 });

    // A customer outside the segment stays on the built-in scenario.
    const other = await postInvoice({}, -3);
    const builtIn = await eventually(async () => {
      const list = await messagesOf(other.id);
      return list.length > 0 && list.every((m) => m.status !== 'pending') ? list : null;
    });
    expect(builtIn.map((m: any) => m.step)).toEqual(['reminder_1']);
  });

  test('a checkpoint is decided through the API: tasks list, approval, refusals', async () => {
    const scenarioId = await publishScenario({
      steps: [{
        key: 'final_warning', trigger: { kind: 'due_date', offsetDays: 1 }, action: 'reminder', channels: ['email'],
        checkpoint: { timeoutHours: 72, onTimeout: 'skip' },
      }],
    });
    const customerExternalId = uniqueId('CUST');
    expect((await platform.request('PUT', `/api/v1/scenario-assignments/customers/${customerExternalId}`, { scenarioId })).status).toBe(200);
    const invoice = await postInvoice({ externalId: customerExternalId }, -2);

    const task = await eventually(async () => {
      const list = (await platform.request('GET', '/api/v1/tasks?status=open&kind=checkpoint')).body.items as any[];
      return list.find((t) => t.invoiceId === invoice.id) ?? null;
    });
    expect(task).toMatchObject({ kind: 'checkpoint', step: 'final_warning', status: 'open' });
    expect(await messagesOf(invoice.id)).toEqual([]);

    const wrong = await platform.request('POST', `/api/v1/invoices/${invoice.id}/checkpoints/other_step/decision`, { decision: 'approve' });
    expect(wrong.status).toBe(409);
    expect(wrong.body.code).toBe('CHECKPOINT_NOT_AWAITING');
    const bad = await platform.request('POST', `/api/v1/invoices/${invoice.id}/checkpoints/final_warning/decision`, { decision: 'maybe' });
    expect(bad.status).toBe(400);

    const ok = await platform.request('POST', `/api/v1/invoices/${invoice.id}/checkpoints/final_warning/decision`, {
      decision: 'approve', by: 'collector@seller.example', comment: 'Customer unreachable by phone',
    });
    expect(ok.status).toBe(200);
    const sent = await eventually(async () => {
      const list = await messagesOf(invoice.id);
      return list.length === 1 && list[0].status === 'sent' ? list : null;
    });
    expect(sent[0]).toMatchObject({ step: 'final_warning', channel: 'email' });
    const again = await platform.request('POST', `/api/v1/invoices/${invoice.id}/checkpoints/final_warning/decision`, { decision: 'approve' });
    expect(again.status).toBe(409);
    const closed = (await platform.request('GET', '/api/v1/tasks?kind=checkpoint')).body.items.find((t: any) => t.invoiceId === invoice.id);
    expect(closed).toMatchObject({ status: 'done', outcome: 'approved' });
  });
});
