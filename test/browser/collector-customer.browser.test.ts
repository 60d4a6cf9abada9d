/**
 * The collector's work on a customer's 360°, in a real browser (Debian's
 * Chromium through playwright-core) against the real platform: a validator
 * asks for information on a dispute and the collector answers it (the answer
 * form only shows to those the API lets answer; the API then shows the dispute
 * back in review with the answer in its history); the collector adds the
 * customer's CFO as a contact (a bad phone refused on its field) and removes
 * another, the API holding exactly what the screen shows; and writes a note
 * on one of the customer's invoices, downloads the invoice's PDF the ERP stored
 * (the link shows once it is stored) and resumes dunning paused on the customer.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { docScreenshot, launchChromium, newConsoleContext, personWithPassword, seriousAccessibilityFindings, signIn, startConsolePlatform } from '../support/browser.js';
import { createIntegration, createUsers, eventually, isoDateDaysFromToday, uniqueId, type Platform } from '../support/platform.js';

describe('console: a collector works a customer from its 360°', () => {
  let platform: Platform;
  let browser: Browser;
  const password = 'les infos du litige';
  let collector: { id: string; email: string };
  let disputeId: string;
  let invoiceId: string;
  const customer = { externalId: uniqueId('C-INFO'), name: 'Transports Garnier SAS' };

  beforeAll(async () => {
    [platform, browser] = await Promise.all([startConsolePlatform(), launchChromium()]);
    collector = await personWithPassword(platform, 'Hugo Collecteur', ['collector'], password);
    // Hugo holds every customer of the entity (the fallback rule).
    expect((await platform.request('POST', '/api/v1/collector-rules', { collectorUserId: collector.id })).status).toBe(201);
    // Disputes without a routing rule go to the `disputes` group.
    const { tokens } = await createUsers(platform, { validator: ['dispute_validator'] }, { validator: ['disputes'] });
    const invoice = await platform.request('POST', '/api/v1/invoices', {
      externalId: uniqueId('INV'), number: 'F-2026-0777', customer: { ...customer, email: 'compta@garnier.example', language: 'fr' },
      issueDate: isoDateDaysFromToday(-40), dueDate: isoDateDaysFromToday(-10), amount: '900.00', currency: 'EUR',
    });
    expect(invoice.status).toBe(201);
    invoiceId = invoice.body.id;
    const opened = await platform.request('POST', '/api/v1/disputes', {
      invoiceIds: [invoice.body.id], amount: '300.00', reasonCode: 'quantity', comment: 'Deux palettes manquantes à la livraison',
    });
    expect(opened.status).toBe(201);
    disputeId = opened.body.id;
    await eventually(async () => (await platform.request('GET', `/api/v1/disputes/${disputeId}`)).body.status === 'in_review');
    const asked = await platform.request('POST', `/api/v1/disputes/${disputeId}/decisions`,
      { decision: 'request_info', comment: 'Merci de joindre le bon de livraison signé' }, { apiKey: tokens.validator });
    expect(asked.status).toBe(200);
    await eventually(async () => (await platform.request('GET', `/api/v1/disputes/${disputeId}`)).body.status === 'info_requested');
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  test('from the customer 360° to the dispute: the answer sends it back to review, the decision form is not offered', async () => {
    const { context, page, cspViolations } = await newConsoleContext(browser, platform.baseUrl);
    try {
      await signIn(page, `/customers/${encodeURIComponent(customer.externalId)}`, collector.email, password);
      await page.getByRole('heading', { name: customer.name }).waitFor();
      await page.getByRole('link', { name: 'quantité' }).click();
      await page.getByRole('heading', { name: 'Informations demandées' }).waitFor();
      // The history shows what the validator asked; deciding is the validator's, not the collector's.
      await page.getByText('Merci de joindre le bon de livraison signé').waitFor();
      expect(await page.getByRole('button', { name: 'Enregistrer la décision' }).count()).toBe(0);

      // An empty answer is refused on its field, and nothing changes.
      await page.getByLabel('Votre réponse').fill('   ');
      await page.getByRole('button', { name: 'Envoyer la réponse' }).click();
      await page.getByText('comment must be', { exact: false }).waitFor();
      expect((await platform.request('GET', `/api/v1/disputes/${disputeId}`)).body.status).toBe('info_requested');

      await page.getByLabel('Votre réponse').fill('Bon de livraison signé envoyé par le client : 8 palettes sur 10');
      await docScreenshot(page, 'dispute-info-answer', { height: 1100 });
      expect(await seriousAccessibilityFindings(page)).toEqual([]);
      await page.getByRole('button', { name: 'Envoyer la réponse' }).click();
      await page.getByText('Un valideur décide de ce litige.').waitFor();

      const answered = await eventually(async () => {
        const r = await platform.request('GET', `/api/v1/disputes/${disputeId}`);
        return r.body.status === 'in_review' && r.body;
      });
      expect(answered.history).toContainEqual(expect.objectContaining({
        by: expect.objectContaining({ userId: collector.id }), comment: 'Bon de livraison signé envoyé par le client : 8 palettes sur 10',
      }));
      expect(await page.getByRole('heading', { name: 'Informations demandées' }).count()).toBe(0);
      expect(cspViolations).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test('adds the CFO as a contact (a bad phone refused on its field) and removes another', async () => {
    const { context, page, cspViolations } = await newConsoleContext(browser, platform.baseUrl);
    const path = `/api/v1/customers/${encodeURIComponent(customer.externalId)}/contacts`;
    try {
      expect((await platform.request('PUT', path, { contacts: [
        { name: 'Service comptable', roles: ['billing'], email: 'compta@garnier.example', language: 'fr', primary: true },
        { name: 'Ancien acheteur', roles: ['other'], email: 'ancien@garnier.example', language: 'fr' },
      ] })).status).toBe(200);
      await signIn(page, `/customers/${encodeURIComponent(customer.externalId)}`, collector.email, password);
      const form = page.getByRole('form', { name: 'Ajouter un contact' });
      await form.waitFor();
      await form.getByLabel('Nom').fill('Claire Garnier');
      await form.getByRole('checkbox', { name: 'facturation' }).uncheck();
      await form.getByRole('checkbox', { name: 'DAF' }).check();
      await form.getByLabel('E-mail').fill('daf@garnier.example');
      await form.getByLabel('Téléphone').fill('06 12 34 56 78');
      await form.getByRole('button', { name: 'Ajouter le contact' }).click();
      await form.getByText('phone must be in E.164 form', { exact: false }).waitFor();
      expect((await platform.request('GET', path)).body.contacts).toHaveLength(2);

      await form.getByLabel('Téléphone').fill('+33612345678');
      await form.getByRole('button', { name: 'Ajouter le contact' }).click();
      await page.getByText('Contact ajouté', { exact: false }).waitFor();
      await page.getByRole('row', { name: /Claire Garnier/ }).getByRole('cell', { name: 'DAF', exact: true }).waitFor();
      await page.getByRole('button', { name: 'Retirer le contact Ancien acheteur' }).click();
      await page.getByRole('row', { name: /Ancien acheteur/ }).waitFor({ state: 'detached' });
      await docScreenshot(page, 'customer-contacts', { height: 1400 });
      expect(await seriousAccessibilityFindings(page)).toEqual([]);

      const stored = (await platform.request('GET', path)).body.contacts as { name: string; roles: string[]; email: string; phone: string | null; primary: boolean }[];
      expect(stored.map((c) => [c.name, c.roles, c.email, c.phone, c.primary])).toEqual([
        ['Service comptable', ['billing'], 'compta@garnier.example', null, true],
        ['Claire Garnier', ['cfo'], 'daf@garnier.example', '+33612345678', false],
      ]);
      expect(cspViolations).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test('writes a note on the invoice page: an empty one refused on its field, the saved one listed and stored', async () => {
    const { context, page, cspViolations } = await newConsoleContext(browser, platform.baseUrl);
    try {
      await signIn(page, `/invoices/${invoiceId}`, collector.email, password);
      const form = page.getByRole('form', { name: 'Ajouter une note' });
      await form.waitFor();
      await form.getByLabel('Note').fill('   ');
      await form.getByRole('button', { name: 'Ajouter la note' }).click();
      await form.getByText('body', { exact: false }).first().waitFor();
      expect((await platform.request('GET', `/api/v1/invoices/${invoiceId}/notes`)).body).toEqual([]);
      await form.getByLabel('Note').fill('Le client attend le bon de livraison avant de payer le solde');
      await form.getByRole('button', { name: 'Ajouter la note' }).click();
      await page.getByRole('region', { name: 'Notes' }).getByText('Le client attend le bon de livraison avant de payer le solde').waitFor();
      const notes = (await platform.request('GET', `/api/v1/invoices/${invoiceId}/notes`)).body as { body: string; author: { userId: string } }[];
      expect(notes.map((n) => [n.body, n.author.userId])).toEqual([['Le client attend le bon de livraison avant de payer le solde', collector.id]]);
      // The customer's 360° lists it in its activity, in French, as the dispute's events.
      await page.goto(`${platform.baseUrl}/customers/${encodeURIComponent(customer.externalId)}`);
      const activity = page.getByRole('region', { name: 'Activité' });
      await activity.getByText('Note de Hugo Collecteur sur F-2026-0777 : Le client attend le bon de livraison avant de payer le solde', { exact: true }).waitFor();
      await activity.getByText(/^Litige \(quantité\) : Ouvert, par /).first().waitFor();
      expect(await activity.textContent()).not.toMatch(/Note by|Dispute \(/);
      expect(await seriousAccessibilityFindings(page)).toEqual([]);
      expect(cspViolations).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test('downloads the invoice PDF from the invoice page once the ERP has stored it', async () => {
    const pdf = Buffer.from('%PDF-1.4\n% facture F-2026-0777\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    const { context, page, cspViolations } = await newConsoleContext(browser, platform.baseUrl);
    try {
      await signIn(page, `/invoices/${invoiceId}`, collector.email, password);
      await page.getByRole('heading', { name: 'Facture F-2026-0777', level: 1 }).waitFor();
      expect(await page.getByRole('link', { name: 'PDF de la facture' }).count()).toBe(0);

      const erp = await createIntegration(platform);
      const put = await fetch(`${platform.baseUrl}/api/v1/invoices/${invoiceId}/document`, {
        method: 'PUT', headers: { authorization: `Bearer ${erp.token}`, 'content-type': 'application/pdf' }, body: pdf,
      });
      expect(put.status).toBe(201);
      await page.reload();
      const link = page.getByRole('link', { name: 'PDF de la facture' });
      await link.waitFor();
      await page.getByText(/^\(0,1 Ko, reçu le \d/).waitFor();
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      expect(download.suggestedFilename()).toMatch(/\.pdf$/);
      expect(Buffer.compare(readFileSync((await download.path())!), pdf)).toBe(0);
      expect(await seriousAccessibilityFindings(page)).toEqual([]);
      expect(cspViolations).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test('resumes dunning paused on the whole customer from the 360°', async () => {
    const other = { externalId: uniqueId('C-PAUSE'), name: 'Boulangerie Petit SARL' };
    const invoice = await platform.request('POST', '/api/v1/invoices', {
      externalId: uniqueId('INV'), number: 'F-2026-0778', customer: { ...other, email: 'compta@petit.example', language: 'fr' },
      issueDate: isoDateDaysFromToday(-40), dueDate: isoDateDaysFromToday(-10), amount: '450.00', currency: 'EUR',
    });
    expect(invoice.status).toBe(201);
    const paused = await platform.request('POST', `/api/v1/customers/${encodeURIComponent(other.externalId)}/pause`, { reason: 'Litige commercial en cours' });
    expect(paused.status).toBe(200);
    await eventually(async () => (await platform.request('GET', `/api/v1/invoices/${invoice.body.id}`)).body.paused === true);
    const { context, page, cspViolations } = await newConsoleContext(browser, platform.baseUrl);
    try {
      await signIn(page, `/customers/${encodeURIComponent(other.externalId)}`, collector.email, password);
      await page.getByRole('button', { name: `Reprendre les relances de ${other.name}` }).click();
      await page.getByText('Relances reprises sur 1 facture ouverte.').waitFor();
      await eventually(async () => (await platform.request('GET', `/api/v1/invoices/${invoice.body.id}`)).body.paused === false);
      // The activity, written in French from the API's codes and params (not its English summaries).
      await page.reload();
      const activity = page.getByRole('region', { name: 'Activité' });
      await activity.getByText('Toutes les relances reprises', { exact: true }).waitFor();
      await activity.getByText('Toutes les relances suspendues : Litige commercial en cours', { exact: true }).waitFor();
      await activity.getByText('Facture reçue : F-2026-0778', { exact: true }).waitFor();
      expect(await activity.textContent()).not.toMatch(/Paused all dunning|Resumed all dunning| on F-2026-0778/);
      // In English too, then back to French.
      await page.getByText('EN', { exact: true }).click();
      const english = page.getByRole('region', { name: 'Activity' });
      await english.getByText('All dunning paused: Litige commercial en cours', { exact: true }).waitFor();
      await english.getByText('Invoice received: F-2026-0778', { exact: true }).waitFor();
      await page.getByText('FR', { exact: true }).click();
      await activity.getByText('Toutes les relances reprises', { exact: true }).waitFor();
      expect(cspViolations).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
