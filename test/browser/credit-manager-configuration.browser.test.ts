/**
 * The configuration screens in a real browser (Debian's Chromium through
 * playwright-core) against the real platform: API, worker, Temporal,
 * PostgreSQL, and the ERP's webhook stand-in. A credit manager assigns a
 * segment to a scenario (the API then resolves that scenario for the
 * segment's customers, and the dunning calendar plans its step), writes a
 * collector rule and moves a customer by hand from its 360° page; an admin
 * sends again an event the ERP refused. Every change is checked through the
 * API, never through the screen alone.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { ErpOutboxService } from '../../src/erp-outbox/erp-outbox.service.js';
import { erpDeliveryWorkflowId } from '../../workflows/erp-outbox.definitions.js';
import { consoleBuild, docScreenshot, launchChromium, newConsoleContext, personWithPassword, seriousAccessibilityFindings, signIn } from '../support/browser.js';
import { startErpWebhookStandIn, type ErpWebhookStandIn } from '../support/erp-webhook-stand-in.js';
import { eventually, isoDateDaysFromToday, startPlatform, uniqueId, type Platform } from '../support/platform.js';

const day = (n: number) => isoDateDaysFromToday(n);

describe('console: a credit manager configures scenarios and portfolios, an admin retries an ERP event', () => {
  let platform: Platform;
  let browser: Browser;
  let erp: ErpWebhookStandIn;
  const password = 'paramétrage du recouvrement';
  const people = {} as Record<'manager' | 'collector' | 'admin', { id: string; email: string; name: string }>;
  // A segment of this test only: its rules move nobody else.
  const segment = uniqueId('pme-ouest');
  const customer = { externalId: uniqueId('C-CFG'), name: 'Boulangerie Marchand SARL', segment, email: 'compta@marchand.example', language: 'fr' };
  const scenario = { name: uniqueId('Relance douce PME'), id: '' };

  const pushInvoice = async (number: string, dueInDays: number) => {
    const res = await platform.request('POST', '/api/v1/invoices', {
      externalId: uniqueId('INV-CFG'), number, issueDate: day(dueInDays - 30), dueDate: day(dueInDays), amount: '2400.00', currency: 'EUR', customer,
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };

  beforeAll(async () => {
    erp = await startErpWebhookStandIn();
    [platform, browser] = await Promise.all([
      consoleBuild().then((dir) => startPlatform({ env: { ...erp.env(), RELANCE_CONSOLE_DIR: dir } })),
      launchChromium(),
    ]);
    const person = async (key: keyof typeof people, name: string, roles: string[]) => {
      people[key] = { ...(await personWithPassword(platform, name, roles, password)), name };
    };
    await person('manager', 'Claire Fontaine', ['credit_manager']);
    await person('collector', 'Léa Collectrice', ['collector']);
    await person('admin', 'Marc Exploitation', ['admin']);

    // A published scenario whose one step is recognisable: a gentle reminder the day after the due date.
    const created = await platform.request('POST', '/api/v1/scenarios', {
      name: scenario.name, definition: { steps: [{ key: 'rappel_doux', trigger: { kind: 'due_date', offsetDays: 1 }, action: 'reminder', channels: ['email'] }] },
    });
    expect(created.status).toBe(201);
    scenario.id = created.body.id;
    expect((await platform.request('POST', `/api/v1/scenarios/${scenario.id}/publish`, { inFlightPolicy: 'keep_version' })).status).toBe(201);
    // The customer exists (with its segment) before any rule names it.
    await pushInvoice(uniqueId('F-CFG'), 40);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
    await erp?.close();
  });

  async function signedIn(path: string, who: { email: string }): Promise<{ page: Page; done: () => Promise<void>; cspViolations: string[] }> {
    const { context, page, cspViolations } = await newConsoleContext(browser, platform.baseUrl);
    await signIn(page, path, who.email, password);
    return { page, cspViolations, done: () => context.close() };
  }

  test('a credit manager assigns a segment to a scenario; the API resolves it for the segment and the calendar plans its step', async () => {
    const { page, cspViolations, done } = await signedIn('/scenarios/assignments', people.manager);
    try {
      await page.getByRole('heading', { name: 'Affectation des scénarios', level: 1 }).waitFor();
      await page.getByRole('navigation', { name: 'Pages des scénarios' }).getByRole('link', { name: 'Affectations' }).waitFor();
      const form = page.getByRole('region', { name: 'Affecter un scénario' });
      expect(await form.getByLabel('S\'applique à').inputValue()).toBe('segment');
      await form.getByLabel('Scénario').selectOption({ label: `${scenario.name} (default, v1)` });

      // A padded segment: the API's field error lands on the field, and no rule is written.
      await form.getByLabel('Segment').fill(` ${segment}`);
      await form.getByRole('button', { name: 'Affecter' }).click();
      await form.getByText('segment must not be blank or padded with spaces').waitFor();
      expect(await form.getByLabel('Segment').getAttribute('aria-invalid')).toBe('true');
      expect((await platform.request('GET', '/api/v1/scenario-assignments')).body).toEqual([]);

      await form.getByLabel('Segment').fill(segment);
      await form.getByRole('button', { name: 'Affecter' }).click();
      await page.getByRole('status').getByText(`Règle enregistrée : ses factures de l'entité default suivent désormais ${scenario.name}.`).waitFor();
      const table = page.getByRole('table', { name: 'Par segment et classe de risque' });
      expect(await table.getByRole('row', { name: new RegExp(`^Segment ${segment}`) }).textContent()).toContain(scenario.name);

      // Through the API: the rule, and the scenario the segment's customer now follows because of it.
      expect((await platform.request('GET', '/api/v1/scenario-assignments')).body).toEqual([
        expect.objectContaining({ kind: 'segment', entity: 'default', segment, riskClass: null, scenario: expect.objectContaining({ id: scenario.id }) }),
      ]);
      const resolved = await platform.request('GET', `/api/v1/customers/${customer.externalId}/scenario`);
      expect(resolved.status).toBe(200);
      expect(resolved.body).toMatchObject({ scenario: { id: scenario.id, version: 1 }, rule: { kind: 'segment', segment } });
      await page.evaluate('window.scrollTo(0, 0)');
      await docScreenshot(page, 'scenario-assignments', { height: 1100 });
      expect(await seriousAccessibilityFindings(page)).toEqual([]);

      // In English too (the person's language), then back to French.
      await page.getByText('EN', { exact: true }).click();
      await page.getByRole('heading', { name: 'Scenario assignments', level: 1 }).waitFor();
      await page.getByRole('button', { name: `Change: Segment ${segment}` }).waitFor();
      await page.getByText('FR', { exact: true }).click();
      await page.getByRole('heading', { name: 'Affectation des scénarios', level: 1 }).waitFor();

      // A new invoice of the segment follows the scenario: the dunning calendar plans its step the day after its due date.
      const number = `F-${uniqueId('cal').slice(-8)}`;
      const invoiceId = await pushInvoice(number, 3);
      await eventually(async () => (await platform.request('GET', `/api/v1/invoices/${invoiceId}`)).body.nextAction?.step === 'rappel_doux', 30_000);
      const planned = (await platform.request('GET', '/api/v1/calendar')).body as { days: { date: string; actions: { invoiceId: string; stepKey: string }[] }[] };
      const steps = planned.days.flatMap((d) => d.actions.filter((a) => a.invoiceId === invoiceId).map((a) => ({ date: d.date, step: a.stepKey })));
      expect(steps).toEqual([{ date: expect.any(String), step: 'rappel_doux' }]);
      await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Calendrier des relances' }).click();
      await page.getByRole('heading', { name: 'Calendrier des relances', level: 1 }).waitFor();
      const dayTable = page.getByRole('table', { name: new RegExp(`^${new Intl.DateTimeFormat('fr-FR', { dateStyle: 'medium' }).format(new Date(`${steps[0]!.date}T12:00:00Z`))} :`) });
      expect(await dayTable.getByRole('row', { name: new RegExp(number) }).textContent()).toContain('rappel_doux');
      // Filters: Léa's portfolio holds no customer yet (no collector rule): nothing is due in it.
      const period = page.getByRole('form', { name: 'Période' });
      await period.getByLabel('Portefeuille', { exact: true }).selectOption({ label: `${people.collector.name} <${people.collector.email}>` });
      await period.getByRole('button', { name: 'Afficher' }).click();
      await page.getByText("Rien n'est prévu sur cette période.").waitFor();
      expect(new URL(page.url()).searchParams.get('collector')).toBe(people.collector.id);
      // Every portfolio of the default entity: the invoice again; an unknown entity is the API's error on the field.
      await period.getByLabel('Portefeuille', { exact: true }).selectOption({ label: 'Tous les portefeuilles' });
      await period.getByLabel('Entité juridique').fill('default');
      await period.getByRole('button', { name: 'Afficher' }).click();
      await dayTable.getByRole('row', { name: new RegExp(number) }).waitFor();
      expect([new URL(page.url()).searchParams.get('entity'), new URL(page.url()).searchParams.get('collector')]).toEqual(['default', null]);
      await period.getByLabel('Entité juridique').fill('NOPE');
      await period.getByRole('button', { name: 'Afficher' }).click();
      await period.getByText('unknown entity "NOPE"').waitFor();
      expect(await period.getByLabel('Entité juridique').getAttribute('aria-invalid')).toBe('true');
      // The pointer off the navigation: axe checks the page, not the hovered link's transient colours.
      await page.mouse.move(900, 700);
      expect(await seriousAccessibilityFindings(page)).toEqual([]);
      expect(cspViolations).toEqual([]);
    } finally {
      await done();
    }
  }, 180_000);

  test('a credit manager writes a collector rule, then moves the customer by hand from its 360° page', async () => {
    // Only credit managers list who may hold a portfolio.
    const collectors = await platform.request('GET', '/api/v1/collectors');
    expect(collectors.body.map((c: { email: string }) => c.email)).toEqual(expect.arrayContaining([people.collector.email, people.manager.email, people.admin.email]));
    const validator = await platform.request('POST', '/api/v1/users', { email: `${uniqueId('val')}@relance.example`, name: 'Val', roles: ['dispute_validator'] });
    expect(collectors.body.map((c: { id: string }) => c.id)).not.toContain(validator.body.id);
    expect((await platform.request('GET', '/api/v1/collectors', undefined, { apiKey: validator.body.token })).status).toBe(403);

    const { page, cspViolations, done } = await signedIn('/settings/collector-rules', people.manager);
    try {
      await page.getByRole('heading', { name: 'Portefeuilles des chargés de recouvrement', level: 1 }).waitFor();
      await page.getByText('Aucune règle : aucun chargé ne suit de client, ils sont en commun.').waitFor();
      const form = page.getByRole('region', { name: 'Nouvelle règle' });
      await form.getByLabel('Chargé de recouvrement').selectOption({ label: `${people.collector.name} <${people.collector.email}>` });
      await form.getByLabel('Segment').fill(segment);
      // A currency without an amount band: the API's field error on the currency, nothing written.
      await form.getByLabel('Devise de la tranche').fill('EUR');
      await form.getByRole('button', { name: 'Créer la règle' }).click();
      await form.getByText('currency goes with minAmount and/or maxAmount').waitFor();
      expect(await form.getByLabel('Devise de la tranche').getAttribute('aria-invalid')).toBe('true');
      expect((await platform.request('GET', '/api/v1/collector-rules')).body).toEqual([]);

      await form.getByLabel('Devise de la tranche').fill('');
      await form.getByRole('button', { name: 'Créer la règle' }).click();
      await page.getByRole('status').getByText(/^Règle de Léa Collectrice enregistrée/).waitFor();
      const rules = page.getByRole('table', { name: 'Portefeuilles des chargés de recouvrement' });
      expect(await rules.getByRole('row', { name: /^Léa Collectrice/ }).textContent()).toContain(segment);

      // Through the API: the rule, and the segment's customer in Léa's portfolio because of it.
      const listed = (await platform.request('GET', '/api/v1/collector-rules')).body;
      expect(listed).toEqual([expect.objectContaining({ segment, entity: null, riskClass: null, fallback: false, collector: expect.objectContaining({ id: people.collector.id }) })]);
      expect((await platform.request('GET', `/api/v1/customers/${customer.externalId}/collector`)).body)
        .toMatchObject({ collector: { id: people.collector.id }, source: 'rule', ruleId: listed[0].id });
      // Léa's portfolio, as the page lists it and as the API answers it.
      await page.getByLabel('Portefeuille de').selectOption({ label: `${people.collector.name} <${people.collector.email}>` });
      const portfolio = page.getByRole('table', { name: 'Clients de Léa Collectrice (1)' });
      expect(await portfolio.getByRole('row', { name: new RegExp(`^${customer.name}`) }).textContent()).toContain('par règle');
      expect((await platform.request('GET', `/api/v1/portfolio?collector=${people.collector.id}`)).body.customers)
        .toEqual([expect.objectContaining({ externalId: customer.externalId, source: 'rule', ruleId: listed[0].id })]);
      await page.evaluate('window.scrollTo(0, 0)');
      await docScreenshot(page, 'collector-rules', { height: 1100 });
      expect(await seriousAccessibilityFindings(page)).toEqual([]);

      // The customer 360°: who works it and why; the credit manager takes it over by hand.
      await page.goto(`/customers/${customer.externalId}`);
      await page.getByRole('heading', { name: customer.name, level: 1 }).waitFor();
      // The scenario the segment rule of the first test gives it, and why.
      await page.getByRole('region', { name: 'Scénario de relance' }).getByText(`${scenario.name}, version 1`).waitFor();
      const card = page.getByRole('region', { name: 'Chargé de recouvrement' });
      // The holder's line comes first (the choice below lists the same names).
      await card.getByText(`${people.collector.name} <${people.collector.email}>`, { exact: true }).first().waitFor();
      await card.getByText('par règle').waitFor();
      await card.getByLabel('Affecter à').selectOption({ label: `${people.manager.name} <${people.manager.email}>` });
      await card.getByRole('button', { name: 'Affecter', exact: true }).click();
      await card.getByRole('status').getByText(/^Le client est désormais suivi par Claire Fontaine/).waitFor();
      await card.getByText('affecté à la main').waitFor();
      expect((await platform.request('GET', `/api/v1/customers/${customer.externalId}/collector`)).body)
        .toMatchObject({ collector: { id: people.manager.id }, source: 'explicit', ruleId: null });
      expect(await seriousAccessibilityFindings(page)).toEqual([]);

      // And back to the rules.
      await card.getByRole('button', { name: 'Laisser les règles décider' }).click();
      await card.getByText('par règle').waitFor();
      expect((await platform.request('GET', `/api/v1/customers/${customer.externalId}/collector`)).body).toMatchObject({ collector: { id: people.collector.id }, source: 'rule' });
      expect(cspViolations).toEqual([]);
    } finally {
      await done();
    }
  }, 180_000);

  test('an admin sends again an event the ERP refused; the API shows it retried and delivered', async () => {
    // An event the ERP's webhook refuses (400): failed at once, waiting for an operator.
    const outbox = platform.worker!.context.get(ErpOutboxService);
    const key = uniqueId('credit-note:dispute');
    const id = await platform.db.dataSource.transaction((m) => outbox.enqueue(m, {
      idempotencyKey: key, type: 'credit_note.requested', data: { disputeId: key, amount: '120.00', currency: 'EUR', customer: { externalId: customer.externalId } },
    }));
    erp.script([400]);
    const delivery = await platform.temporal.workflow.start('erpDeliveryWorkflow', {
      workflowId: erpDeliveryWorkflowId(id), taskQueue: platform.config.TEMPORAL_TASK_QUEUE, args: [id],
    });
    expect(await delivery.result()).toEqual({ outcome: 'failed' });
    expect((await platform.request('GET', `/api/v1/erp-events/${id}`)).body).toMatchObject({ status: 'failed', attempts: 1, operatorRetries: 0 });

    const { page, cspViolations, done } = await signedIn('/admin/erp-events', people.admin);
    try {
      await page.getByRole('heading', { name: 'Événements pour l\'ERP', level: 1 }).waitFor();
      const failed = page.getByRole('table', { name: 'Refusés par l\'ERP (1)' });
      const row = failed.getByRole('row', { name: new RegExp(key) });
      expect(await row.textContent()).toContain('ERP webhook refused the event: 400');
      expect(await row.textContent()).toContain('1 livraison');
      expect(await row.textContent()).toContain('Réponse de l\'ERP 400');
      await docScreenshot(page, 'erp-events', { height: 900 });
      expect(await seriousAccessibilityFindings(page)).toEqual([]);

      // The ERP is fixed: the next delivery is acknowledged.
      await row.getByRole('button', { name: `Renvoyer credit_note.requested (${key})` }).click();
      await page.getByRole('status').getByText('Événement credit_note.requested renvoyé : une nouvelle livraison est en cours.').waitFor();
      await eventually(async () => (await platform.request('GET', `/api/v1/erp-events/${id}`)).body.status === 'delivered', 30_000);
      expect((await platform.request('GET', `/api/v1/erp-events/${id}`)).body).toMatchObject({ status: 'delivered', attempts: 2, operatorRetries: 1, lastError: null });
      expect(erp.acknowledged().filter((d) => d.eventId === id)).toHaveLength(1);
      await page.reload();
      await page.getByText('Aucun événement refusé.').waitFor();
      expect(cspViolations).toEqual([]);
    } finally {
      await done();
    }
  }, 180_000);
});
