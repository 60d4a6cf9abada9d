import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { dateInZone } from '../../workflows/domain/calendar.js';
import { startPlatform, uniqueId, type Platform } from '../support/platform.js';

// No worker: a preview only reads; nothing may run or be sent.
let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform({ worker: false });
});
afterAll(async () => {
  await platform?.close();
});

const NBSP = '\u00a0';
const NNBSP = '\u202f';
const eur = (fr: string) => fr.replace(/ €$/, `${NBSP}€`).replace(/ /g, NNBSP);

const courtesyTemplate = (greeting: string) => ({
  fr: { email: { subject: 'Facture {{ invoiceNumber }} : échéance le {{ dueDate }}', body: `${greeting} {{ customerName }}, {{ openAmount }} restent dus.{{ notAVariable }}` } },
});

function definition(greeting = 'Bonjour') {
  return {
    steps: [
      { key: 'courtesy', trigger: { kind: 'due_date', offsetDays: -3 }, action: 'reminder', channels: ['email', 'sms'], templates: courtesyTemplate(greeting) },
      { key: 'statement', trigger: { kind: 'due_date', offsetDays: 10 }, action: 'account_statement', channels: ['email'] },
      { key: 'formal_notice', trigger: { kind: 'due_date', offsetDays: 30 }, action: 'formal_notice', channels: ['email', 'letter'] },
      { key: 'call', trigger: { kind: 'after_previous', days: 5 }, action: 'call_task', channels: [] },
    ],
  };
}

async function createScenario(def: unknown = definition()) {
  const res = await platform.request('POST', '/api/v1/scenarios', { name: uniqueId('Preview'), definition: def });
  expect(res.status).toBe(201);
  return res.body as { id: string; draftRevision: number };
}

/** 10 000,00 € due 2025-03-10 (the hand-checked penalty case), plus a second open invoice of the same customer. */
async function customerWithInvoices(language = 'fr') {
  const customer = { externalId: uniqueId('CUST'), name: 'Boulangerie Marchand', email: 'compta@marchand.example', language };
  const post = async (number: string, issueDate: string, dueDate: string, amount: string) => {
    const res = await platform.request('POST', '/api/v1/invoices', {
      externalId: uniqueId('INV'), number, issueDate, dueDate, amount, currency: 'EUR', customer,
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const main = await post('F2025-0042', '2025-02-08', '2025-03-10', '10000.00');
  await post('F2025-0077', '2025-04-01', '2025-05-01', '250.50');
  return main;
}

const preview = (scenarioId: string, body: Record<string, unknown>) => platform.request('POST', `/api/v1/scenarios/${scenarioId}/preview`, body);

async function count(table: string): Promise<number> {
  const [{ n }] = await platform.db.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`);
  return n;
}

describe('scenario step previews', () => {
  test("the draft's own template with the invoice's real data; unknown variables are blank", async () => {
    const scenario = await createScenario();
    const invoiceId = await customerWithInvoices();
    const res = await preview(scenario.id, { invoiceId, stepKey: 'courtesy', channel: 'email', asOf: '2025-03-07' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      subject: 'Facture F2025-0042 : échéance le 10 mars 2025',
      body: `Bonjour Boulangerie Marchand, ${eur('10 000,00 €')} restent dus.`,
      language: 'fr', channel: 'email', stepKey: 'courtesy', version: 'draft', asOf: '2025-03-07',
    });
  });

  test('without a template for the language or channel: the built-in text; asOf defaults to today in the customer’s zone', async () => {
    const scenario = await createScenario();
    const invoiceId = await customerWithInvoices();
    const english = await preview(scenario.id, { invoiceId, stepKey: 'courtesy', channel: 'email', language: 'en' });
    expect(english.status).toBe(200);
    expect(english.body).toMatchObject({ language: 'en', asOf: dateInZone(Date.now(), 'Europe/Paris') });
    expect(english.body.subject).toMatch(/^Reminder: invoice F2025-0042 is \d+ days overdue$/);
    const sms = await preview(scenario.id, { invoiceId, stepKey: 'courtesy', channel: 'sms', asOf: '2025-03-07' });
    expect(sms.body).toMatchObject({ subject: null, language: 'fr' });
    expect(sms.body.body).toBe(`Rappel : la facture F2025-0042 (${eur('10 000,00 €')}) arrive à échéance le 10 mars 2025. Merci de votre règlement.`);
  });

  test('a formal notice states the statutory penalties; a statement lists the open items', async () => {
    const scenario = await createScenario();
    const invoiceId = await customerWithInvoices();
    const notice = await preview(scenario.id, { invoiceId, stepKey: 'formal_notice', channel: 'letter', asOf: '2025-04-09' });
    expect(notice.status).toBe(200);
    expect(notice.body.subject).toBe('Mise en demeure de payer : facture F2025-0042');
    expect(notice.body.body).toContain(`- pénalités du 11 mars 2025 au 9 avril 2025 (30 jours à 13,15${NBSP}%) : 108,08${NBSP}€\n`
      + `- indemnité forfaitaire pour frais de recouvrement : 40,00${NBSP}€\n- total dû : ${eur('10 148,08 €')}\n`);

    const statement = await preview(scenario.id, { invoiceId, stepKey: 'statement', channel: 'email', asOf: '2025-04-09' });
    expect(statement.status).toBe(200);
    expect(statement.body.body).toContain(`- Facture n° F2025-0042 du 8 février 2025, échéance le 10 mars 2025 : ${eur('10 000,00 €')} (échue depuis 30 jours)\n`
      + `- Facture n° F2025-0077 du 1er avril 2025, échéance le 1er mai 2025 : 250,50${NBSP}€ (non échue)\n`
      + `\nTotal restant dû : ${eur('10 250,50 €')}\n`);
  });

  test('draft or a published version: each renders its own text, and previews write nothing', async () => {
    const scenario = await createScenario(definition('Bonjour'));
    const invoiceId = await customerWithInvoices();
    expect((await platform.request('POST', `/api/v1/scenarios/${scenario.id}/publish`, { inFlightPolicy: 'keep_version' })).status).toBe(201);
    const edited = await platform.request('PUT', `/api/v1/scenarios/${scenario.id}`, { definition: definition('Chère cliente, cher client,'), draftRevision: 1 });
    expect(edited.status).toBe(200);

    const before = { messages: await count('outbound_messages'), events: await count('invoice_events'), versions: await count('scenario_versions') };
    const request = { invoiceId, stepKey: 'courtesy', channel: 'email', asOf: '2025-03-07' };
    const draft = await preview(scenario.id, request);
    const v1 = await preview(scenario.id, { ...request, version: 1 });
    expect(draft.body).toMatchObject({ version: 'draft', body: expect.stringMatching(/^Chère cliente, cher client, Boulangerie Marchand/) });
    expect(v1.status).toBe(200);
    expect(v1.body).toMatchObject({ version: 1, body: expect.stringMatching(/^Bonjour Boulangerie Marchand/) });
    expect({ messages: await count('outbound_messages'), events: await count('invoice_events'), versions: await count('scenario_versions') })
      .toEqual(before);
    expect((await platform.request('GET', `/api/v1/scenarios/${scenario.id}`)).body.draftRevision).toBe(2);
  });

  test('404 for an unknown scenario, invoice, step or version', async () => {
    const scenario = await createScenario();
    const invoiceId = await customerWithInvoices();
    const ok = { invoiceId, stepKey: 'courtesy', channel: 'email' };
    const cases: [string, Record<string, unknown>][] = [
      ['00000000-0000-4000-8000-000000000000', ok],
      [scenario.id, { ...ok, invoiceId: '00000000-0000-4000-8000-000000000000' }],
      [scenario.id, { ...ok, invoiceId: 'not-a-uuid' }],
      [scenario.id, { ...ok, stepKey: 'nope' }],
      [scenario.id, { ...ok, version: 9 }],
    ];
    for (const [id, body] of cases) {
      const res = await preview(id, body);
      expect({ body, status: res.status, code: res.body.code }).toEqual({ body, status: 404, code: 'NOT_FOUND' });
    }
  });

  test('400 for a channel the step does not use, or a malformed request', async () => {
    const scenario = await createScenario();
    const invoiceId = await customerWithInvoices();
    const unused = await preview(scenario.id, { invoiceId, stepKey: 'statement', channel: 'sms' });
    expect(unused.status).toBe(400);
    expect(unused.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'channel', messages: [expect.stringContaining('its channels: email')] }] });
    const task = await preview(scenario.id, { invoiceId, stepKey: 'call', channel: 'email' });
    expect(task.status).toBe(400);
    expect(task.body.errors[0].messages[0]).toContain('sends no customer message');
    const malformed = await preview(scenario.id, { invoiceId, stepKey: 'courtesy', channel: 'fax', language: 'de', asOf: '2025-02-30', extra: 1 });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['asOf', 'channel', 'extra', 'language']);
  });

  test('templates with syntax errors: 400 on save, 422 on publish and preview of a draft stored before the rule', async () => {
    const broken = definition();
    broken.steps[0]!.templates!.fr.email.body = 'Bonjour {{ customerName ';
    const refused = await platform.request('POST', '/api/v1/scenarios', { name: uniqueId('Broken'), definition: broken });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ field: 'definition.steps[0].templates.fr.email.body', messages: ['syntax error: expected variable end'] }],
    });
    const scenario = await createScenario();
    const unsafe = definition();
    unsafe.steps[0]!.templates!.fr.email.subject = '{{ range.constructor("return process")() }}';
    const update = await platform.request('PUT', `/api/v1/scenarios/${scenario.id}`, { definition: unsafe, draftRevision: 1 });
    expect(update.status).toBe(400);
    expect(update.body.errors).toEqual([
      { field: 'definition.steps[0].templates.fr.email.subject', messages: [expect.stringContaining('function calls are not allowed')] },
    ]);

    // A draft saved before templates were checked.
    await platform.db.dataSource.query(
      `UPDATE scenarios SET draft = jsonb_set(draft, '{steps,0,templates,fr,email,body}', '"Bonjour {{ customerName "') WHERE id = $1`,
      [scenario.id],
    );
    const invoiceId = await customerWithInvoices();
    const res = await preview(scenario.id, { invoiceId, stepKey: 'courtesy', channel: 'email' });
    expect(res.status).toBe(422);
    expect(res.body).toEqual({
      statusCode: 422, code: 'TEMPLATE_INVALID', field: 'definition.steps[0].templates.fr.email.body',
      message: 'definition.steps[0].templates.fr.email.body: syntax error: expected variable end',
    });
    const publish = await platform.request('POST', `/api/v1/scenarios/${scenario.id}/publish`, { inFlightPolicy: 'keep_version' });
    expect(publish.status).toBe(422);
    expect(publish.body).toMatchObject({ code: 'SCENARIO_INVALID', errors: [{ field: 'definition.steps[0].templates.fr.email.body' }] });
  });
});
