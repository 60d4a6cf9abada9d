/**
 * The credit manager's credit screens in a real browser against the real
 * platform: the credit policy editor (a stricter overdue block, checked
 * through the API), the order-check simulator on a customer with a late
 * invoice (the API's decision and reasons, shown in French), and a new
 * credit-limit request (its approval workflow started, checked through the
 * API). The policy and order-check pages pass axe-core.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { docScreenshot, launchChromium, newConsoleContext, personWithPassword, seriousAccessibilityFindings, signIn, startConsolePlatform } from '../support/browser.js';
import { createUsers, eventually, isoDateDaysFromToday, uniqueId, type Platform } from '../support/platform.js';

const euros = (amount: string) => new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(amount as unknown as number);

describe('console: a credit manager edits the credit policy, checks an order and requests a limit', () => {
  let platform: Platform;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let cspViolations: string[];
  let manager: { email: string };
  const password = 'politique de crédit 2026';
  const customer = { externalId: uniqueId('C-CRD'), name: 'Transports Garnier SAS', email: 'compta@garnier.example', language: 'fr' };

  beforeAll(async () => {
    [platform, browser] = await Promise.all([startConsolePlatform(), launchChromium()]);
    ({ context, page, cspViolations } = await newConsoleContext(browser, platform.baseUrl));
    manager = await personWithPassword(platform, 'Hélène Marchal', ['credit_manager'], password);
    // 3 000,00 due 45 days ago, against a limit of 5 000,00.
    const invoice = await platform.request('POST', '/api/v1/invoices', {
      externalId: uniqueId('INV'), number: uniqueId('F'), issueDate: isoDateDaysFromToday(-75), dueDate: isoDateDaysFromToday(-45),
      amount: '3000.00', currency: 'EUR', customer,
    });
    expect(invoice.status).toBe(201);
    expect((await platform.request('PUT', `/api/v1/customers/${customer.externalId}/credit-limit`, { amount: '5000.00', currency: 'EUR' })).status).toBe(200);
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await platform?.close();
  });

  test('blocks orders from 40 days overdue in the default policy', async () => {
    await signIn(page, '/credit/policy', manager.email, password);
    await page.getByRole('heading', { name: 'Politique de crédit', level: 1 }).waitFor();
    const form = page.getByRole('form', { name: 'Politique de crédit' });
    await form.getByLabel('Blocage à partir de (jours de retard)').fill('40');
    await form.getByRole('button', { name: 'Enregistrer la politique' }).click();
    await page.getByText(/^Politique enregistrée/).waitFor();
    const policy = (await platform.request('GET', '/api/v1/credit-policy')).body;
    expect(policy).toMatchObject({ source: 'default', orderCheck: { overdueDaysBlock: 40 } });
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
  });

  test('checks an order: blocked by the late invoice, with the exposure after it', async () => {
    await page.getByRole('navigation', { name: 'Pages crédit' }).getByRole('link', { name: 'Contrôle de commande' }).click();
    const form = page.getByRole('form', { name: 'Contrôle de commande' });
    await form.getByLabel('Référence client').fill(customer.externalId);
    await form.getByLabel('Montant de la commande').fill('1000.00');
    await form.getByRole('button', { name: 'Contrôler la commande' }).click();
    const result = page.getByRole('region', { name: 'Résultat' });
    await result.getByText('bloquée', { exact: true }).waitFor();

    const api = (await platform.request('POST', `/api/v1/customers/${customer.externalId}/order-check`, { amount: '1000.00', currency: 'EUR' })).body;
    expect(api).toMatchObject({ decision: 'block', limit: '5000.00', exposure: { receivables: '3000.00', afterOrder: '4000.00' }, headroom: '1000.00' });
    const overdue = api.reasons.find((r: { code: string }) => r.code === 'OVERDUE');
    expect(overdue).toMatchObject({ decision: 'block', threshold: '40' });
    const reasons = await result.getByRole('list', { name: 'Règles déclenchées' }).getByRole('listitem').allTextContents();
    expect(reasons).toContain(`Plus ancienne facture échue depuis ${overdue.value} jours (seuil 40 jours) — bloquée`);
    const exposure = result.getByRole('table', { name: 'Exposition' });
    expect(await exposure.getByRole('row', { name: /^Exposition après la commande/ }).getByRole('cell').textContent()).toBe(euros('4000.00'));
    expect(await exposure.getByRole('row', { name: /^Marge restante/ }).getByRole('cell').textContent()).toBe(euros('1000.00'));
    await docScreenshot(page, 'credit-order-check', { height: 900 });
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
  });

  test('requests a higher limit, which starts its approval chain', async () => {
    await page.getByRole('navigation', { name: 'Pages crédit' }).getByRole('link', { name: 'Nouvelle demande de limite' }).click();
    const form = page.getByRole('form', { name: 'Nouvelle demande de limite de crédit' });
    await form.getByLabel('Référence client').fill(customer.externalId);
    await form.getByLabel('Limite demandée').fill('8000.00');
    await form.getByLabel('Motif').fill('Contrat de transport annuel signé');
    await form.getByRole('button', { name: 'Envoyer la demande' }).click();
    await page.getByText(`Demande de ${euros('8000.00')} pour ${customer.name} envoyée`).waitFor();
    const pending = await eventually(async () => {
      const list = (await platform.request('GET', '/api/v1/credit-limit-requests?status=pending')).body;
      return list.items.find((r: { customer: { externalId: string } }) => r.customer.externalId === customer.externalId);
    });
    expect(pending).toMatchObject({ amount: '8000.00', currency: 'EUR', status: 'pending', requester: { name: 'Hélène Marchal' } });
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    expect(cspViolations).toEqual([]);
  });

  test('sets the entity\'s sending window and routes price disputes to a validator group', async () => {
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Paramètres' }).click();
    await page.getByRole('heading', { name: 'Paramètres de l\'entité', level: 1 }).waitFor();
    const form = page.getByRole('form', { name: /^Paramètres de / });
    await form.getByLabel('Envois jusqu\'à (heure)').fill('17');
    await form.getByRole('button', { name: 'Enregistrer les paramètres' }).click();
    await page.getByText('Paramètres enregistrés.').waitFor();
    expect((await platform.request('GET', '/api/v1/entities/default/settings')).body).toMatchObject({ sendingWindow: { startHour: 9, endHour: 17, businessDaysOnly: true } });
    expect(await seriousAccessibilityFindings(page)).toEqual([]);

    await page.getByRole('navigation', { name: 'Pages de paramètres' }).getByRole('link', { name: 'Routage des litiges' }).click();
    const rule = page.getByRole('region', { name: 'Nouvelle règle' });
    await rule.getByLabel('Motif').click();
    await page.getByRole('option', { name: 'prix' }).click();
    await rule.getByLabel('Groupe de valideurs').fill('litiges-prix');
    await rule.getByLabel('Heures pour décider').fill('48');
    await rule.getByLabel('Second niveau à partir de').fill('5000.00');
    await rule.getByLabel('Devise des montants').fill('chf');
    await rule.getByRole('button', { name: 'Ajouter la règle' }).click();
    await rule.getByText(/^Règle enregistrée/).waitFor();
    const table = page.getByRole('table', { name: 'Routage des litiges' });
    await table.getByRole('rowheader', { name: 'prix' }).waitFor();
    expect(await table.getByRole('row', { name: /^prix/ }).getByRole('cell').allTextContents()).toEqual(
      // The threshold in the rule's currency: it routes only disputes in CHF.
      expect.arrayContaining(['litiges-prix', '48', '5000.00 CHF']),
    );
    const rules = (await platform.request('GET', '/api/v1/dispute-rules')).body;
    expect(rules).toEqual([expect.objectContaining({ reasonCode: 'price', validatorGroup: 'litiges-prix', resolutionHours: 48, secondLevelFrom: '5000.00', currency: 'CHF' })]);
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    expect(cspViolations).toEqual([]);
  });

  test('sets the limit and records an agency score from the customer 360° risk card', async () => {
    await page.goto(`/customers/${encodeURIComponent(customer.externalId)}`);
    const limitForm = page.getByRole('form', { name: "Fixer l'encours autorisé" });
    await limitForm.waitFor();
    await limitForm.getByLabel('Nouvel encours autorisé (EUR)').fill('7500,00');
    await limitForm.getByRole('button', { name: "Fixer l'encours" }).click();
    // A decimal comma is not the API's decimal string: refused on the field, the limit unchanged.
    await limitForm.getByText('amount', { exact: false }).first().waitFor();
    const risk = async () => (await platform.request('GET', `/api/v1/customers/${encodeURIComponent(customer.externalId)}/risk`)).body;
    expect((await risk()).limit).toMatchObject({ amount: '5000.00', currency: 'EUR' });
    await limitForm.getByLabel('Nouvel encours autorisé (EUR)').fill('7500.00');
    await limitForm.getByRole('button', { name: "Fixer l'encours" }).click();
    await eventually(async () => (await risk()).limit?.amount === '7500.00');

    const scoreForm = page.getByRole('form', { name: "Enregistrer la note d'un organisme" });
    await scoreForm.getByLabel('Organisme').fill('Ellisphere');
    await scoreForm.getByLabel('Note (0–100)').fill('62');
    await scoreForm.getByLabel('Évaluée le').fill(isoDateDaysFromToday(-2));
    await scoreForm.getByRole('button', { name: 'Enregistrer la note' }).click();
    const scored = await eventually(async () => ((await risk()).externalScore?.provider === 'Ellisphere' ? await risk() : null));
    expect(scored.externalScore).toMatchObject({ provider: 'Ellisphere', score: 62, asOf: isoDateDaysFromToday(-2) });
    await page.getByText('Ellisphere', { exact: false }).first().waitFor();
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    expect(cspViolations).toEqual([]);
  });

  test('a salesperson gives their opinion on a request for their customer from the requests page', async () => {
    const salesPassword = 'avis commercial 2026';
    const seller = await personWithPassword(platform, 'Sami Vendeur', ['sales'], salesPassword);
    const theirs = { externalId: uniqueId('C-SALES'), name: 'Quincaillerie Morel SARL', email: 'compta@morel.example', language: 'fr', salespersonEmail: seller.email };
    expect((await platform.request('POST', '/api/v1/invoices', {
      externalId: uniqueId('INV'), number: uniqueId('F'), issueDate: isoDateDaysFromToday(-10), dueDate: isoDateDaysFromToday(20),
      amount: '800.00', currency: 'EUR', customer: theirs,
    })).status).toBe(201);
    const { tokens } = await createUsers(platform, { requester: ['credit_manager'] });
    const asked = await platform.request('POST', '/api/v1/credit-limit-requests', {
      customerExternalId: theirs.externalId, amount: '4000.00', currency: 'EUR', reason: 'Ouverture de deux magasins',
    }, { apiKey: tokens.requester });
    expect(asked.status).toBe(201);

    const fresh = await newConsoleContext(browser, platform.baseUrl);
    try {
      await signIn(fresh.page, '/', seller.email, salesPassword);
      await fresh.page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Demandes de limite' }).click();
      const form = fresh.page.getByRole('form', { name: `Votre avis sur la demande pour ${theirs.name}` });
      await form.waitFor();
      await form.getByRole('radio', { name: 'favorable', exact: true }).check();
      await form.getByLabel('Commentaire').fill('Client fidèle, paie à 35 jours');
      await form.getByRole('button', { name: "Donner l'avis" }).click();
      await fresh.page.getByText(`Avis enregistré sur la demande pour ${theirs.name}.`).waitFor();
      const request = (await platform.request('GET', `/api/v1/credit-limit-requests/${asked.body.id}`)).body;
      expect(request.salesOpinion).toMatchObject({ opinion: 'favourable', comment: 'Client fidèle, paie à 35 jours', userId: seller.id });
      expect(await fresh.page.getByRole('form', { name: `Votre avis sur la demande pour ${theirs.name}` }).count()).toBe(0);
      expect(await seriousAccessibilityFindings(fresh.page)).toEqual([]);
      expect(fresh.cspViolations).toEqual([]);
    } finally {
      await fresh.context.close();
    }
  });
});
