/**
 * The collector's and the cash manager's day in a real browser (Debian's
 * Chromium through playwright-core) against the real platform: API, worker,
 * Temporal, PostgreSQL. A collector opens the worklist, logs a call with a
 * promise to pay, and sees the invoice's dunning held by the promise's
 * workflow; the worklist, the customer 360° and the dashboard pass axe-core.
 * A cash manager imports a camt.053 statement and confirms the engine's
 * suggestion for a short payment.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { Browser, Page } from 'playwright-core';
import { writeCamt } from '../support/bank-statements/camt-writer.js';
import { line } from '../support/bank-statements/model.js';
import { ContractChecker } from '../support/openapi-contract.js';
import { docScreenshot, launchChromium, newConsoleContext, seriousAccessibilityFindings, startConsolePlatform } from '../support/browser.js';
import { eventually, isoDateDaysFromToday, uniqueId, type Platform } from '../support/platform.js';

// Intl formats a decimal string exactly (ES2023); the Node typings here only declare numbers.
const euros = (amount: string) => new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(amount as unknown as number);
const day = (n: number) => isoDateDaysFromToday(n);

describe('console: a collector works the worklist, a cash manager applies a statement', () => {
  let platform: Platform;
  let browser: Browser;
  const password = 'recouvrement au quotidien';
  const people: Record<'collector' | 'cash', { id: string; email: string }> = {} as never;
  const customer = { externalId: uniqueId('C-WL'), name: 'Quincaillerie Dubois SARL', segment: 'pme' };
  const invoice = { externalId: uniqueId('INV-WL'), id: '' };
  const shortPaid = { externalId: uniqueId('INV-CASH'), number: `RX-${uniqueId('n').slice(-8)}`, id: '' };

  /** A person with the roles, who chose a password from an invitation (the validator test covers that page). */
  async function personWithPassword(name: string, roles: string[]) {
    const created = await platform.request('POST', '/api/v1/users', { email: `${uniqueId('u')}@relance.example`, name, roles });
    expect(created.status).toBe(201);
    expect((await platform.request('POST', `/api/v1/users/${created.body.id}/invitation`)).status).toBe(202);
    const mail = platform.providers.acceptedEmails().filter((m) => JSON.stringify(m.personalizations).includes(created.body.email)).at(-1);
    const token = /token=([^\s"&]+)/.exec((mail?.content ?? []).map((c) => c.value).join('\n'))?.[1];
    expect((await platform.request('POST', '/api/v1/session/password', { token: decodeURIComponent(token!), password }, { apiKey: null })).status).toBe(200);
    return { id: created.body.id as string, email: created.body.email as string };
  }

  async function signIn(page: Page, path: string, email: string) {
    await page.goto(path);
    await page.getByRole('heading', { name: 'Connexion à Relance' }).waitFor();
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Mot de passe').fill(password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
  }

  beforeAll(async () => {
    [platform, browser] = await Promise.all([startConsolePlatform(), launchChromium()]);
    people.collector = await personWithPassword('Léa Collectrice', ['collector']);
    people.cash = await personWithPassword('Hugo Trésorier', ['cash_manager']);
    // Léa holds every customer of the entity (the fallback rule).
    expect((await platform.request('POST', '/api/v1/collector-rules', { collectorUserId: people.collector.id })).status).toBe(201);

    const push = async (externalId: string, number: string, amount: string, due: number) => {
      const res = await platform.request('POST', '/api/v1/invoices', {
        externalId, number, issueDate: day(due - 30), dueDate: day(due), amount, currency: 'EUR',
        customer: { ...customer, email: 'compta@dubois.example', language: 'fr' },
      });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    invoice.id = await push(invoice.externalId, invoice.externalId, '1200.00', -12);
    shortPaid.id = await push(shortPaid.externalId, shortPaid.number, '1000.00', 20);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  test('a collector logs a call with a promise from the worklist; the invoice\'s dunning is held', async () => {
    const { context, page, cspViolations } = await newConsoleContext(browser, platform.baseUrl);
    try {
      await signIn(page, '/worklist', people.collector.email);
      await page.getByRole('heading', { name: 'Ma liste de travail', level: 1 }).waitFor();
      const nav = page.getByRole('navigation', { name: 'Navigation principale' });
      expect(await nav.getByRole('link').allTextContents()).toEqual(['Accueil', 'Tableau de bord', 'Ma liste de travail', 'Promesses', 'Calendrier des relances', 'Clients', 'Factures', 'Paiements']);

      // The customer, ranked with the reasons of its score, written in French from the API's codes and params: its overdue invoice among them.
      const card = page.getByRole('article', { name: /Quincaillerie Dubois SARL/ });
      await card.waitFor();
      const reasons = card.getByRole('list', { name: 'Pourquoi Quincaillerie Dubois SARL est ici' });
      const reasonTexts = await reasons.getByRole('listitem').allTextContents();
      expect(reasonTexts).toContain(`Retard ×1,4 : ${invoice.externalId} échue depuis 12 jours`);
      expect(reasonTexts).toContainEqual(expect.stringMatching(new RegExp(`^Montant ×[\\d,]+ : ${euros('2200')} ouverts sur 2 factures$`)));
      expect(reasonTexts.join(' ')).not.toMatch(/past due|open in|risk class|invoice\(s\)/);
      await card.getByRole('table', { name: 'Factures ouvertes de Quincaillerie Dubois SARL' }).getByRole('link', { name: invoice.externalId }).waitFor();
      await docScreenshot(page, 'worklist', { height: 1000 });
      expect(await seriousAccessibilityFindings(page)).toEqual([]);
      // In English too (the person's language), then back to French.
      await page.getByText('EN', { exact: true }).click();
      await page.getByRole('heading', { name: 'My worklist', level: 1 }).waitFor();
      await page.getByRole('article', { name: /Quincaillerie Dubois SARL/ }).getByRole('button', { name: 'Log a call' }).waitFor();
      expect(await page.getByRole('list', { name: 'Why Quincaillerie Dubois SARL is here' }).getByRole('listitem').allTextContents())
        .toContain(`Lateness ×1.4: ${invoice.externalId} is 12 days past due`);
      await page.getByText('FR', { exact: true }).click();
      await page.getByRole('heading', { name: 'Ma liste de travail', level: 1 }).waitFor();

      // Log the call: the customer promises 1 200,00 € today for the overdue invoice only.
      await card.getByRole('group', { name: 'Actions pour Quincaillerie Dubois SARL' }).getByRole('button', { name: 'Noter un appel' }).click();
      const dialog = page.getByRole('dialog', { name: 'Appel avec Quincaillerie Dubois SARL' });
      await dialog.getByLabel('Résultat de l\'appel').selectOption({ label: 'Promesse de paiement' });
      await dialog.getByRole('checkbox', { name: new RegExp(`^${shortPaid.number}`) }).uncheck();
      await dialog.getByLabel('Montant promis').fill('1200.00');
      expect(await dialog.getByLabel('Promis pour le').inputValue()).toBe(day(0));
      await dialog.getByLabel('Note').fill('Virement promis par Mme Dubois');
      expect(await seriousAccessibilityFindings(page)).toEqual([]);
      await dialog.getByRole('button', { name: 'Enregistrer l\'appel' }).click();
      await page.getByRole('status').getByText('Appel avec Quincaillerie Dubois SARL enregistré ; la promesse suspend les relances des factures.').waitFor();

      // Through the API: an open promise made by phone, on that invoice, with the call's note.
      const promises = await platform.request('GET', `/api/v1/promises?customer=${customer.externalId}`);
      expect(promises.body.items).toEqual([expect.objectContaining({
        status: 'open', channel: 'phone', amount: '1200.00', promisedFor: day(0), note: 'Virement promis par Mme Dubois',
        invoices: [expect.objectContaining({ externalId: invoice.externalId })],
      })]);

      // The invoice page shows the dunning held by the promise (its workflow pauses the invoice).
      await eventually(async () => (await platform.request('GET', `/api/v1/invoices/${invoice.id}`)).body.paused === true);
      await card.getByRole('link', { name: invoice.externalId }).click();
      await page.getByRole('heading', { name: `Facture ${invoice.externalId}`, level: 1 }).waitFor();
      const dunning = page.getByRole('region', { name: 'Relances' });
      await dunning.getByText('Relances suspendues sur cette facture').waitFor();
      expect(await dunning.textContent()).toContain(`promise:${promises.body.items[0].id}`);

      // The customer 360° (its timeline has the call) and the dashboard pass axe too.
      await page.getByRole('link', { name: 'Retour à Quincaillerie Dubois SARL' }).click();
      await page.getByRole('heading', { name: 'Quincaillerie Dubois SARL', level: 1 }).waitFor();
      expect(await seriousAccessibilityFindings(page)).toEqual([]);
      await page.goto('/dashboard');
      await page.getByRole('heading', { name: 'Tableau de bord', level: 1 }).waitFor();
      // The promise just made is due today; the cash forecast spreads the open invoices over the coming weeks.
      const due = page.getByRole('table', { name: '1 promesse en cours à échéance aujourd\'hui' });
      expect(await due.getByRole('row', { name: /^Quincaillerie Dubois SARL/ }).getByRole('cell').allTextContents()).toEqual([euros('1200'), euros('0')]);
      const forecast = page.getByRole('region', { name: 'Prévision d\'encaissement, 8 prochaines semaines' });
      await forecast.getByRole('img', { name: /Encaissements attendus par semaine/ }).waitFor();
      await forecast.getByText('Afficher les chiffres').click();
      expect(await forecast.getByRole('table', { name: 'Encaissements attendus par semaine (EUR)' }).getByRole('row').count()).toBe(1 + 8 + 2);
      expect(await seriousAccessibilityFindings(page)).toEqual([]);
      expect(cspViolations).toEqual([]);
    } finally {
      await context.close();
    }
  }, 180_000);

  test('a cash manager imports a statement and confirms the suggestion for a short payment', async () => {
    const { context, page, cspViolations } = await newConsoleContext(browser, platform.baseUrl);
    try {
      const file = join(mkdtempSync(join(tmpdir(), 'relance-statement-')), 'releve.xml');
      writeFileSync(file, writeCamt({
        statementId: uniqueId('STMT'), account: 'FR7630004000120001234567890', currency: 'EUR', openingMinor: 100_000n, fromDate: day(0), toDate: day(0),
        entries: [[line({ amountMinor: 990_00n, bookingDate: day(0), bankReference: uniqueId('B').slice(0, 12), payerName: 'DUBOIS QUINCAILLERIE', remittanceText: `FACT ${shortPaid.number}` })]],
      }, { message: '053', version: 8 }));

      await signIn(page, '/cash', people.cash.email);
      await page.getByRole('heading', { name: 'Lettrage des encaissements', level: 1 }).waitFor();
      await page.getByLabel('Fichier du relevé').setInputFiles(file);
      await page.getByRole('button', { name: 'Importer le relevé' }).click();
      const summary = page.getByRole('status').filter({ hasText: 'Relevé importé' });
      await summary.waitFor();
      expect(await summary.textContent()).toContain(`1 crédit pour ${euros('990')} : 0 lettrés automatiquement, 1 proposés, 0 non rapprochés`);

      // The suggestion: the invoice its remittance names, 10,00 short, with the engine's reasons.
      const card = page.getByRole('article', { name: `DUBOIS QUINCAILLERIE : ${euros('990')} reçus le ${new Intl.DateTimeFormat('fr-FR', { dateStyle: 'medium' }).format(new Date(`${day(0)}T12:00:00Z`))}` });
      await card.waitFor();
      expect(await card.textContent()).toContain('Proposition : Quincaillerie Dubois SARL');
      expect(await card.getByRole('list', { name: 'Affectations proposées' }).textContent()).toBe(`${shortPaid.number} : ${euros('990')}`);
      expect(await card.textContent()).toContain(`Paiement partiel : il manque ${euros('10')}`);
      // The engine's reasons, in French from their codes: who paid (the remittance names the invoice) and the shortfall in euros.
      const why = await card.getByRole('list', { name: 'Pourquoi, pour DUBOIS QUINCAILLERIE' }).getByRole('listitem').allTextContents();
      expect(why).toEqual(expect.arrayContaining([
        'le libellé cite des factures de Quincaillerie Dubois SARL',
        `il manque ${euros('10')} sur les factures citées, dans la tolérance : passage en perte ou déduction à décider`,
      ]));
      await docScreenshot(page, 'cash-application', { height: 1000 });
      expect(await seriousAccessibilityFindings(page)).toEqual([]);

      await card.getByRole('button', { name: 'Confirmer' }).click();
      // Applying records a payment and signals the invoice's workflow: slower than a read on a loaded machine.
      await page.getByRole('status').getByText(`${euros('990')} de DUBOIS QUINCAILLERIE lettrés.`).waitFor({ timeout: 60_000 });
      await page.getByText('Rien à vérifier : tous les crédits sont lettrés.').waitFor();
      expect((await platform.request('GET', `/api/v1/invoices/${shortPaid.id}`)).body).toMatchObject({ status: 'open', openAmount: '10.00' });
      expect(cspViolations).toEqual([]);
    } finally {
      await context.close();
    }
  }, 180_000);

  test('a credit manager approves a payment plan above the approval amount from the promises screen', async () => {
    const manager = await personWithPassword('Inès Crédit', ['credit_manager']);
    const big = { externalId: uniqueId('C-PLAN'), name: 'Transports Garnier SA' };
    const externalId = uniqueId('INV-PLAN');
    expect((await platform.request('POST', '/api/v1/invoices', {
      externalId, number: externalId, issueDate: day(-40), dueDate: day(-10), amount: '6000.00', currency: 'EUR',
      customer: { ...big, email: 'compta@garnier.example', language: 'fr' },
    })).status).toBe(201);
    const proposed = await platform.request('POST', '/api/v1/payment-plans', {
      customerExternalId: big.externalId, invoiceExternalIds: [externalId], currency: 'EUR', instalments: 3, firstDueDate: day(20), note: 'Accord au téléphone',
    });
    expect(proposed.body.status).toBe('pending_approval');

    const { context, page, cspViolations } = await newConsoleContext(browser, platform.baseUrl);
    try {
      await signIn(page, '/promises', manager.email);
      await page.getByRole('heading', { name: 'Promesses de paiement', level: 1 }).waitFor();
      // The collector's promise of the first test is due today.
      await page.getByRole('table', { name: 'Promesses en cours à échéance aujourd\'hui' }).getByRole('link', { name: 'Quincaillerie Dubois SARL' }).waitFor();
      const plan = page.getByRole('article', { name: `Transports Garnier SA : ${euros('6000')} en 3 échéances` });
      await plan.waitFor();
      expect(await plan.getByRole('table', { name: 'Échéancier proposé à Transports Garnier SA' }).getByRole('row').count()).toBe(4);
      await plan.getByLabel('Commentaire').fill('Trois mois, historique correct');
      await docScreenshot(page, 'promises', { height: 1300 });
      expect(await seriousAccessibilityFindings(page)).toEqual([]);
      await plan.getByRole('button', { name: 'Enregistrer la décision' }).click();
      await page.getByRole('status').getByText('Échéancier de Transports Garnier SA approuvé : il est actif.').waitFor({ timeout: 60_000 });
      await page.getByText('Aucun échéancier n\'attend de décision.').waitFor();
      expect((await platform.request('GET', `/api/v1/payment-plans/${proposed.body.id}`)).body)
        .toMatchObject({ status: 'active', decidedBy: 'Inès Crédit', decisionComment: 'Trois mois, historique correct' });
      expect(cspViolations).toEqual([]);
    } finally {
      await context.close();
    }
  }, 180_000);

  test('the reads behind these screens answer what the OpenAPI document (and so the generated client) says', async () => {
    const contract = new ContractChecker(await (await fetch(`${platform.baseUrl}/openapi.json`)).json() as OpenAPIObject);
    const problems: string[] = [];
    const read = async (template: string, path: string) => {
      const res = await platform.request('GET', path);
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      problems.push(...contract.problems('GET', template, res.status, res.body));
      return res.body;
    };
    await read('/api/v1/worklist', '/api/v1/worklist');
    const promises = await read('/api/v1/promises', `/api/v1/promises?customer=${customer.externalId}`);
    await read('/api/v1/promises/{id}', `/api/v1/promises/${promises.items[0].id}`);
    await read('/api/v1/promises/stats', `/api/v1/promises/stats?from=${day(-29)}&to=${day(0)}`);
    const queue = await read('/api/v1/cash-application/queue', '/api/v1/cash-application/queue?status=confirmed');
    expect(queue.items.length).toBeGreaterThan(0);
    await read('/api/v1/bank-lines/{id}', `/api/v1/bank-lines/${queue.items[0].id}`);
    await read('/api/v1/cash-application/unapplied', '/api/v1/cash-application/unapplied');
    await read('/api/v1/cash-application/unapplied', `/api/v1/cash-application/unapplied?customer=${customer.externalId}`);
    await read('/api/v1/cash-forecast', '/api/v1/cash-forecast?currency=EUR');
    const plans = await read('/api/v1/payment-plans', '/api/v1/payment-plans');
    expect(plans.items.length).toBeGreaterThan(0);
    await read('/api/v1/payment-plans/{id}', `/api/v1/payment-plans/${plans.items[0].id}`);
    await read('/api/v1/disputes/stats', '/api/v1/disputes/stats');
    expect(problems).toEqual([]);
  });
});
