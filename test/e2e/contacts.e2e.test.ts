import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { eventually, isoDateDaysFromToday, startPlatform, uniqueId, type Platform } from '../support/platform.js';

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(async () => {
  await platform?.close();
});

async function publishScenario(definition: unknown): Promise<string> {
  const created = await platform.request('POST', '/api/v1/scenarios', { name: uniqueId('Contacts'), definition });
  expect(created.status).toBe(201);
  const published = await platform.request('POST', `/api/v1/scenarios/${created.body.id}/publish`, { inFlightPolicy: 'keep_version' });
  expect(published.status).toBe(201);
  return created.body.id as string;
}

async function postInvoice(customer: Record<string, unknown>, dueInDays: number) {
  const externalId = uniqueId('INV');
  const res = await platform.request('POST', '/api/v1/invoices', {
    externalId, number: externalId, issueDate: isoDateDaysFromToday(dueInDays - 30), dueDate: isoDateDaysFromToday(dueInDays),
    amount: '1200.00', currency: 'EUR', customer: { name: 'Verrerie Dubreuil', ...customer },
  });
  expect(res.status).toBe(201);
  return res.body as { id: string; workflowId: string };
}

const settledMessages = (invoiceId: string, count: number) => eventually(async () => {
  const list = (await platform.request('GET', `/api/v1/messages?invoiceId=${invoiceId}`)).body as any[];
  return list.length === count && list.every((m) => m.status !== 'pending') ? list : null;
});

const CONTACTS = [
  { name: 'Comptabilité', roles: ['billing', 'accounts_payable'], email: 'compta@dubreuil.example', phone: '+33611000001', language: 'fr' },
  { name: 'Jane Morgan', roles: ['cfo'], email: 'cfo@dubreuil.example', language: 'en' },
  { name: 'Paul Vendeur', roles: ['sales_contact'], email: 'achats@dubreuil.example', phone: '+33611000003', language: 'fr' },
];

describe('customer contacts', () => {
  test('PUT replaces the list, refuses bad lists with field errors and changes nothing, keeps ids by email', async () => {
    const customerExternalId = uniqueId('CUST');
    await postInvoice({ externalId: customerExternalId, email: 'old@dubreuil.example' }, 30);
    const path = `/api/v1/customers/${customerExternalId}/contacts`;

    const before = await platform.request('GET', path);
    expect(before.status).toBe(200);
    expect(before.body.contacts).toEqual([expect.objectContaining({ email: 'old@dubreuil.example', roles: ['billing'], primary: true, optOuts: [] })]);

    const bad = await platform.request('PUT', path, {
      contacts: [
        { roles: ['treasurer'], email: 'x@dubreuil.example' },
        { roles: ['cfo'] },
        { roles: ['billing'], email: 'y@dubreuil.example', primary: true, optOuts: ['fax'] },
        { roles: ['billing'], email: 'Y@dubreuil.example', primary: true },
      ],
    });
    expect(bad.status).toBe(400);
    const fields = (bad.body.details?.errors ?? bad.body.errors) as { field: string }[];
    expect(fields.map((e) => e.field)).toEqual(expect.arrayContaining(['contacts[0].roles', 'contacts[2].optOuts']));
    const crossField = await platform.request('PUT', path, {
      contacts: [{ roles: ['cfo'] }, { roles: ['billing'], email: 'y@dubreuil.example', primary: true }, { roles: ['billing'], email: 'Y@dubreuil.example', primary: true }],
    });
    expect(crossField.status).toBe(400);
    expect(((crossField.body.details?.errors ?? crossField.body.errors) as { field: string }[]).map((e) => e.field))
      .toEqual(['contacts[0]', 'contacts[2].primary', 'contacts[2].email']);
    expect((await platform.request('GET', path)).body).toEqual(before.body);

    const put = await platform.request('PUT', path, { contacts: CONTACTS });
    expect(put.status).toBe(200);
    expect(put.body.contacts.map((c: any) => [c.email, c.roles, c.language, c.primary])).toEqual([
      ['compta@dubreuil.example', ['billing', 'accounts_payable'], 'fr', true],
      ['cfo@dubreuil.example', ['cfo'], 'en', false],
      ['achats@dubreuil.example', ['sales_contact'], 'fr', false],
    ]);
    const again = await platform.request('PUT', path, { contacts: [{ ...CONTACTS[1], optOuts: ['sms'] }, CONTACTS[0]] });
    expect(again.status).toBe(200);
    const ids = new Map(put.body.contacts.map((c: any) => [c.email, c.id]));
    expect(again.body.contacts.map((c: any) => [c.id, c.primary, c.optOuts])).toEqual([
      [ids.get('compta@dubreuil.example'), true, []],
      [ids.get('cfo@dubreuil.example'), false, ['sms']],
    ]);

    // The ERP may send the list with the invoice; the customer's own email is then optional.
    const viaIntake = await platform.request('POST', '/api/v1/invoices', {
      externalId: uniqueId('INV'), number: uniqueId('N'), issueDate: isoDateDaysFromToday(-1), dueDate: isoDateDaysFromToday(30),
      amount: '10.00', currency: 'EUR', customer: { externalId: customerExternalId, name: 'Verrerie Dubreuil', contacts: [CONTACTS[0]] },
    });
    expect(viaIntake.status).toBe(201);
    expect((await platform.request('GET', path)).body.contacts.map((c: any) => c.id)).toEqual([ids.get('compta@dubreuil.example')]);
    const noWay = await platform.request('POST', '/api/v1/invoices', {
      externalId: uniqueId('INV'), number: uniqueId('N'), issueDate: isoDateDaysFromToday(-1), dueDate: isoDateDaysFromToday(30),
      amount: '10.00', currency: 'EUR', customer: { externalId: uniqueId('CUST'), name: 'Nobody' },
    });
    expect(noWay.status).toBe(400);
    expect(await platform.request('PUT', `/api/v1/customers/${uniqueId('NOPE')}/contacts`, { contacts: CONTACTS })).toMatchObject({ status: 404 });
  });

  test('a scenario step refuses unknown recipient roles and recipients on steps that send nothing', async () => {
    const res = await platform.request('POST', '/api/v1/scenarios', {
      name: uniqueId('Bad'),
      definition: { steps: [
        { key: 'a', trigger: { kind: 'due_date', offsetDays: 1 }, action: 'reminder', channels: ['email'], recipients: ['treasurer'] },
        { key: 'b', trigger: { kind: 'due_date', offsetDays: 5 }, action: 'call_task', channels: [], recipients: ['cfo'] },
        { key: 'c', trigger: { kind: 'due_date', offsetDays: 9 }, action: 'formal_notice', channels: ['email'], recipients: [] },
      ] },
    });
    expect(res.status).toBe(400);
    const fields = ((res.body.details?.errors ?? res.body.errors) as { field: string }[]).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['definition.steps[0].recipients[0]', 'definition.steps[1].recipients', 'definition.steps[2].recipients']));
  });

  test('the formal notice goes to billing and the CFO, each in its language; not to the sales contact', async () => {
    const scenarioId = await publishScenario({
      steps: [{ key: 'notice', trigger: { kind: 'due_date', offsetDays: 1 }, action: 'formal_notice', channels: ['email', 'sms'], recipients: ['billing', 'cfo'] }],
    });
    const customerExternalId = uniqueId('CUST');
    expect((await platform.request('PUT', `/api/v1/scenario-assignments/customers/${customerExternalId}`, { scenarioId })).status).toBe(200);
    const invoice = await postInvoice({ externalId: customerExternalId, contacts: CONTACTS }, -2);

    const messages = await settledMessages(invoice.id, 3);
    const byRecipient = new Map(messages.map((m) => [m.recipient, m]));
    expect([...byRecipient.keys()].sort()).toEqual(['+33611000001', 'cfo@dubreuil.example', 'compta@dubreuil.example']);
    expect(byRecipient.get('compta@dubreuil.example')).toMatchObject({ channel: 'email', step: 'notice', status: 'sent' });
    expect(byRecipient.get('compta@dubreuil.example').subject).toMatch(/^Mise en demeure de payer/);
    expect(byRecipient.get('cfo@dubreuil.example').subject).toMatch(/^Formal notice to pay/);
    expect(platform.providers.acceptedEmails().flatMap((e) => e.personalizations?.[0]?.to?.map((t) => t.email) ?? []))
      .not.toContain('achats@dubreuil.example');
    // Every channel reached someone: no task asks for a contact.
    const tasks = (await platform.request('GET', '/api/v1/tasks?kind=contact_missing')).body.items as any[];
    expect(tasks.filter((t) => t.invoiceId === invoice.id)).toEqual([]);
  });

  test('a reminder (sent with the customer batch) goes to billing only by default; no SMS contact → a collector task', async () => {
    const scenarioId = await publishScenario({
      steps: [{ key: 'nudge', trigger: { kind: 'due_date', offsetDays: 1 }, action: 'reminder', channels: ['email', 'sms'] }],
    });
    const customerExternalId = uniqueId('CUST');
    expect((await platform.request('PUT', `/api/v1/scenario-assignments/customers/${customerExternalId}`, { scenarioId })).status).toBe(200);
    const invoice = await postInvoice({
      externalId: customerExternalId,
      contacts: [
        { roles: ['billing'], email: 'factures@dubreuil.example', phone: '+33611000009', optOuts: ['sms'], language: 'en' },
        { roles: ['cfo'], email: 'cfo@dubreuil.example', phone: '+33611000002' },
      ],
    }, -2);

    const [email] = await settledMessages(invoice.id, 1);
    expect(email).toMatchObject({ channel: 'email', recipient: 'factures@dubreuil.example', step: 'nudge', status: 'sent' });
    expect(email.subject).toMatch(/^Reminder: invoice/);
    const task = await eventually(async () => {
      const list = (await platform.request('GET', '/api/v1/tasks?kind=contact_missing')).body.items as any[];
      return list.find((t) => t.invoiceId === invoice.id) ?? null;
    });
    expect(task).toMatchObject({ kind: 'contact_missing', step: 'nudge', status: 'open' });
    expect(task.data).toMatchObject({ channels: ['sms'], roles: ['billing'] });
    const view = (await platform.request('GET', `/api/v1/invoices/${invoice.id}`)).body;
    const sent = view.timeline.find((e: any) => e.type === 'reminder_sent');
    expect(sent).toMatchObject({ skippedChannels: ['sms'], taskIds: [task.id] });
  });
});
