/**
 * The credit manager's scenario editor in a real browser (Debian's Chromium
 * through playwright-core) against the real platform: API, worker, Temporal,
 * PostgreSQL. A published scenario drives a customer's invoices; the manager
 * edits its first step (timing, key, French template), previews the message
 * on the customer's real invoice in French and English, simulates the draft
 * over the open invoices, and publishes it. The customer's next invoice then
 * follows the new version (its workflow's next step is the edited one).
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { docScreenshot, launchChromium, newConsoleContext, personWithPassword, seriousAccessibilityFindings, signIn, startConsolePlatform } from '../support/browser.js';
import { eventually, isoDateDaysFromToday, uniqueId, type Platform } from '../support/platform.js';

const euros = (amount: string) => new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(amount as unknown as number);
const day = (n: number) => isoDateDaysFromToday(n);

describe('console: a credit manager edits, previews, simulates and publishes a scenario', () => {
  let platform: Platform;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let cspViolations: string[];
  let manager: { email: string };
  const password = 'scénarios de relance 2026';
  const customer = { externalId: uniqueId('C-SCN'), name: 'Menuiserie Robin SARL', email: 'compta@robin.example', language: 'fr' };
  const scenarioName = uniqueId('PME standard');
  let scenarioId: string;
  let firstInvoice: { id: string; number: string };

  const pushInvoice = async (number: string, amount: string) => {
    const res = await platform.request('POST', '/api/v1/invoices', {
      externalId: uniqueId('INV'), number, issueDate: day(-10), dueDate: day(20), amount, currency: 'EUR', customer,
    });
    expect(res.status).toBe(201);
    return { id: res.body.id as string, number };
  };

  beforeAll(async () => {
    [platform, browser] = await Promise.all([startConsolePlatform(), launchChromium()]);
    ({ context, page, cspViolations } = await newConsoleContext(browser, platform.baseUrl));
    manager = await personWithPassword(platform, 'Claire Fontaine', ['credit_manager'], password);

    // Version 1: a courtesy email 3 days before the due date, then a reminder the day after; the customer is assigned to it.
    const created = await platform.request('POST', '/api/v1/scenarios', {
      name: scenarioName,
      definition: { steps: [
        { key: 'courtesy', trigger: { kind: 'due_date', offsetDays: -3 }, action: 'reminder', channels: ['email'] },
        { key: 'reminder_1', trigger: { kind: 'due_date', offsetDays: 1 }, action: 'reminder', channels: ['email'] },
      ] },
    });
    expect(created.status).toBe(201);
    scenarioId = created.body.id;
    expect((await platform.request('POST', `/api/v1/scenarios/${scenarioId}/publish`, { inFlightPolicy: 'keep_version' })).status).toBe(201);
    expect((await platform.request('PUT', `/api/v1/scenario-assignments/customers/${customer.externalId}`, { scenarioId })).status).toBe(200);
    firstInvoice = await pushInvoice(uniqueId('F-2026'), '1840.00');
    await eventually(async () => (await platform.request('GET', `/api/v1/invoices/${firstInvoice.id}`)).body.nextAction?.step === 'courtesy');
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await platform?.close();
  });

  test('edits the first step and previews its message on a real invoice in French and English', async () => {
    await signIn(page, '/scenarios', manager.email, password);
    await page.getByRole('heading', { name: 'Scénarios de relance', level: 1 }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Navigation principale' });
    await nav.getByRole('link', { name: 'Scénarios' }).waitFor();
    const list = page.getByRole('table', { name: 'Scénarios de relance' });
    expect(await list.getByRole('row', { name: new RegExp(scenarioName) }).textContent()).toContain('publié');
    await list.getByRole('link', { name: scenarioName }).click();
    await page.getByRole('heading', { name: scenarioName, level: 1 }).waitFor();

    const first = page.getByRole('group', { name: /^Étape 1 :/ });
    // The API's field errors land on the step's field, and nothing is saved.
    await first.getByLabel('Clé de l\'étape').fill('Relance Douce');
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await first.getByText(/^key must start with a lowercase letter/).waitFor();
    expect(await first.getByLabel('Clé de l\'étape').getAttribute('aria-invalid')).toBe('true');
    expect((await platform.request('GET', `/api/v1/scenarios/${scenarioId}`)).body.draftRevision).toBe(1);
    await first.getByLabel('Clé de l\'étape').fill('courtesy_early');
    await first.getByLabel('Jours par rapport à l\'échéance').fill('-10');
    await first.getByRole('group', { name: 'Rôles des contacts destinataires' }).getByRole('checkbox', { name: 'comptabilité fournisseurs' }).check();
    await first.getByLabel('Objet (français, e-mail)').fill('Facture {{ invoiceNumber }} : échéance le {{ dueDate }}');
    await first.getByLabel('Texte (français, e-mail)').fill('Bonjour {{ customerName }}, votre facture de {{ openAmount }} arrive à échéance le {{ dueDate }}.');
    await page.getByText('Modifications non enregistrées').waitFor();
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await page.getByText('Brouillon enregistré (révision 2).').waitFor();
    const draft = (await platform.request('GET', `/api/v1/scenarios/${scenarioId}`)).body;
    expect(draft).toMatchObject({ draftRevision: 2, hasUnpublishedChanges: true, latestVersion: 1 });
    expect(draft.definition.steps[0]).toMatchObject({
      key: 'courtesy_early', trigger: { kind: 'due_date', offsetDays: -10 }, recipients: ['accounts_payable'],
      templates: { fr: { email: { subject: 'Facture {{ invoiceNumber }} : échéance le {{ dueDate }}' } } },
    });

    // The preview renders the saved draft on the customer's real invoice, in both languages.
    const preview = page.getByRole('region', { name: 'Aperçu sur une facture réelle' });
    await preview.getByLabel('Facture', { exact: true }).click();
    await page.getByRole('option', { name: new RegExp(`^${firstInvoice.number}`) }).click();
    const french = preview.getByRole('region', { name: 'En français' });
    await french.getByText(/^Bonjour Menuiserie Robin SARL/).waitFor();
    expect(await french.textContent()).toContain(`votre facture de ${euros('1840.00')} arrive à échéance le`);
    expect(await french.textContent()).toContain(`Objet : Facture ${firstInvoice.number} : échéance le`);
    // No English template: the built-in English text, with the same invoice.
    const english = preview.getByRole('region', { name: 'En anglais' });
    await english.getByText(new RegExp(firstInvoice.number)).first().waitFor();
    expect(await english.textContent()).not.toContain('Bonjour');

    await page.evaluate('window.scrollTo(0, 0)');
    await docScreenshot(page, 'scenario-editor', { height: 1600 });
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    expect(cspViolations).toEqual([]);
  });

  test('simulates the draft, publishes it, and the customer\'s next invoice follows the new version', async () => {
    const simulation = page.getByRole('region', { name: 'Calendrier simulé' });
    await simulation.getByRole('button', { name: 'Simuler' }).click();
    const calendar = simulation.getByRole('table', { name: 'Calendrier simulé' });
    await calendar.waitFor();
    // The open invoice, from where it is: the edited first step 10 days before its due date, then the reminder.
    const rows = calendar.getByRole('row', { name: new RegExp(firstInvoice.number) });
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(0).textContent()).toContain('courtesy_early');
    expect(await rows.nth(1).textContent()).toContain('reminder_1');
    await simulation.getByRole('status').getByText(/1 facture ouverte/).waitFor();
    await simulation.evaluate((el) => (el as unknown as { scrollIntoView(): void }).scrollIntoView());
    await docScreenshot(page, 'scenario-simulation', { height: 1100 });

    const publish = page.getByRole('region', { name: 'Publier' });
    await publish.getByRole('radio', { name: 'passent à la nouvelle version à leur prochaine étape' }).check();
    await publish.getByRole('button', { name: 'Publier la version 2' }).click();
    await publish.getByText(/^Version 2 publiée/).waitFor();
    const scenario = (await platform.request('GET', `/api/v1/scenarios/${scenarioId}`)).body;
    expect(scenario).toMatchObject({ latestVersion: 2, hasUnpublishedChanges: false });
    expect(scenario.versions.at(-1)).toMatchObject({ version: 2, inFlightPolicy: 'migrate_at_next_step' });

    // A new invoice of the customer runs version 2: its workflow plans the edited step, 10 days before the due date.
    const next = await pushInvoice(uniqueId('F-2026'), '960.00');
    const view = await eventually(async () => {
      const res = await platform.request('GET', `/api/v1/invoices/${next.id}`);
      return res.body.nextAction?.step === 'courtesy_early' ? res.body : null;
    }, 30_000);
    expect(view.timeline.find((e: { type: string }) => e.type === 'invoice_created').scenario).toMatchObject({ id: scenarioId, version: 2 });
    // 10 days before the due date, moved to the next business day at most (version 1 would have said 3 days before).
    expect(view.nextAction.at.slice(0, 10) >= day(10) && view.nextAction.at.slice(0, 10) < day(17)).toBe(true);
    await page.goto(`/invoices/${next.id}`);
    await page.getByText(/^Prochaine étape « courtesy_early » le/).waitFor();
    expect(cspViolations).toEqual([]);
  });
});
