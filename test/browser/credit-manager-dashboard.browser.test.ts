/**
 * The credit manager's console in a real browser (Debian's Chromium through
 * playwright-core) against the real platform: API, worker, Temporal,
 * PostgreSQL. Invoices, a payment and a dispute are pushed through the API;
 * the dashboard then shows exactly those figures (decimal strings from the
 * API, formatted by Intl) and passes axe-core. From the customer list the
 * manager opens a customer 360° (account, risk against the limit, open items,
 * contacts, timeline) and an invoice, and pauses its dunning.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { docScreenshot, launchChromium, newConsoleContext, seriousAccessibilityFindings, startConsolePlatform } from '../support/browser.js';
import { createUsers, eventually, isoDateDaysFromToday, uniqueId, type Platform } from '../support/platform.js';

/** What the page must show for an amount: French format, narrow no-break spaces and all. */
// Intl formats a decimal string exactly (ES2023); the Node typings here only declare numbers.
const euros = (amount: string) => new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(amount as unknown as number);
const day = (n: number) => isoDateDaysFromToday(n);

describe('console: a credit manager reads the dashboard', () => {
  let platform: Platform;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let cspViolations: string[];
  let manager: { email: string };
  const password = 'gestion du crédit 2026';
  const smb = uniqueId('C-SMB');
  const key = uniqueId('C-KEY');
  const invoices = { a: uniqueId('INV-A'), b: uniqueId('INV-B'), c: uniqueId('INV-C') };
  let currentInvoiceId: string;

  beforeAll(async () => {
    [platform, browser] = await Promise.all([startConsolePlatform(), launchChromium()]);
    ({ context, page, cspViolations } = await newConsoleContext(browser, platform.baseUrl));
    const users = await createUsers(platform, { collector: ['collector'] });
    const created = await platform.request('POST', '/api/v1/users', {
      email: `camille.durand-${uniqueId('u')}@relance.example`, name: 'Camille Durand', roles: ['credit_manager'],
    });
    expect(created.status).toBe(201);
    manager = { email: created.body.email };
    // The manager's password, chosen from an invitation (the validator test covers that page).
    expect((await platform.request('POST', `/api/v1/users/${created.body.id}/invitation`)).status).toBe(202);
    const mail = platform.providers.acceptedEmails().filter((m) => JSON.stringify(m.personalizations).includes(manager.email)).at(-1);
    const token = /token=([^\s"&]+)/.exec((mail?.content ?? []).map((c) => c.value).join('\n'))?.[1];
    expect((await platform.request('POST', '/api/v1/session/password', { token: decodeURIComponent(token!), password }, { apiKey: null })).status).toBe(200);

    const push = async (externalId: string, customer: { externalId: string; name: string; segment: string }, amount: string, issue: number, due: number) => {
      const res = await platform.request('POST', '/api/v1/invoices', {
        externalId, number: externalId, issueDate: day(issue), dueDate: day(due), amount, currency: 'EUR',
        customer: { ...customer, email: 'compta@client.example', language: 'fr' },
      });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    const smbCustomer = { externalId: smb, name: 'Boulangerie Martin SARL', segment: 'pme' };
    const keyCustomer = { externalId: key, name: 'Hypermarchés Lefèvre SA', segment: 'grands-comptes' };
    // PME: 1 200,00 not due yet and 800,50 ten days late; grands comptes: 2 500,00 forty-five days late, 500,00 of it paid.
    currentInvoiceId = await push(invoices.a, smbCustomer, '1200.00', -10, 20);
    const late = await push(invoices.b, smbCustomer, '800.50', -40, -10);
    await push(invoices.c, keyCustomer, '2500.00', -75, -45);
    expect((await platform.request('POST', '/api/v1/payments', {
      externalId: uniqueId('PAY'), amount: '500.00', currency: 'EUR', receivedAt: `${day(-3)}T10:00:00+01:00`,
      allocations: [{ invoiceExternalId: invoices.c, amount: '500.00' }],
    })).status).toBe(201);
    const dispute = await platform.request('POST', '/api/v1/disputes', {
      invoiceIds: [late], amount: '300.00', reasonCode: 'price', comment: 'Remise de 300 € non appliquée',
    }, { apiKey: users.tokens.collector });
    expect(dispute.status).toBe(201);
    await eventually(async () => (await platform.request('GET', `/api/v1/disputes/${dispute.body.id}`)).body.status === 'in_review');
    expect((await platform.request('PUT', `/api/v1/customers/${smb}/credit-limit`, { amount: '2500.00', currency: 'EUR' })).status).toBe(200);
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await platform?.close();
  });

  test('signs in and sees the seeded receivables, KPIs and disputes on the dashboard', async () => {
    await page.goto('/dashboard');
    await page.getByRole('heading', { name: 'Connexion à Relance' }).waitFor();
    await page.getByLabel('Adresse e-mail').fill(manager.email);
    await page.getByLabel('Mot de passe').fill(password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { name: 'Tableau de bord', level: 1 }).waitFor();

    // Navigation by role: a credit manager reads reports and customers, decides limit requests, and has no dispute inbox.
    const nav = page.getByRole('navigation', { name: 'Navigation principale' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Accueil', 'Tableau de bord', 'Ma liste de travail', 'Promesses', 'Calendrier des relances', 'Clients', 'Factures', 'Paiements', 'Passages en perte', 'Demandes de limite', 'Scénarios', 'Lettrage', 'Paramètres']);

    // 1 200,00 + 800,50 + 2 000,00 outstanding, of which 800,50 + 2 000,00 past due on two invoices.
    const tile = (name: string) => page.getByRole('region', { name, exact: true });
    expect(await tile('Encours clients').textContent()).toContain(euros('4000.50'));
    expect(await tile('Échu').textContent()).toContain(euros('2800.50'));
    expect(await tile('Échu').textContent()).toContain('2 factures en retard');

    // KPIs over the last 90 days: sales 4 500,50, AR 0 → 4 000,50 of which 1 200,00 current.
    const kpis = await platform.request('GET', `/api/v1/reports/kpis?from=${day(-89)}&to=${day(0)}&currency=EUR`);
    expect(kpis.body).toMatchObject({ creditSales: '4500.50', arBegin: '0.00', arEnd: '4000.50', arEndCurrent: '1200.00', overdueAmount: '2800.50' });
    // DSO = 4 000,50 / 4 500,50 × 90; best possible = 1 200 / 4 500,50 × 90; CEI = 500 / 3 300,50.
    expect(kpis.body).toMatchObject({ dso: 80, bestPossibleDso: 24, add: 56, cei: 15.15 });
    expect(await tile('DSO').textContent()).toContain('80 j');
    expect(await tile('Meilleur DSO possible').textContent()).toContain('24 j');
    expect(await tile('Retard moyen (ADD)').textContent()).toContain('56 j');
    expect(await tile('Efficacité du recouvrement (CEI)').textContent()).toMatch(/15,\d %/);

    // The aged balance by segment: the API's amounts, largest total first, and the API's total row.
    await page.getByRole('radiogroup', { name: 'Regrouper la balance âgée par' }).getByText('Segment', { exact: true }).click();
    const table = page.getByRole('table', { name: 'Balance âgée par Segment' });
    await table.waitFor();
    const rowCells = async (name: string) => table.getByRole('row', { name: new RegExp(`^${name}`) }).getByRole('cell').allTextContents();
    const zero = euros('0');
    expect(await rowCells('pme')).toEqual([euros('1200'), euros('800.50'), zero, zero, zero, zero, euros('2000.50')]);
    expect(await rowCells('grands-comptes')).toEqual([zero, zero, euros('2000'), zero, zero, zero, euros('2000')]);
    expect(await rowCells('Total')).toEqual([euros('1200'), euros('800.50'), euros('2000'), zero, zero, zero, euros('4000.50')]);
    expect(await table.getByRole('rowheader').allTextContents()).toEqual(['pme', 'grands-comptes', 'Total']);
    expect(new URL(page.url()).searchParams.get('groupBy')).toBe('segment');
    await page.getByRole('img', { name: /Balance âgée en barres empilées/ }).waitFor();

    // Open disputes by reason, with the disputed amount.
    const disputes = page.getByRole('table', { name: 'Litiges ouverts par motif' });
    expect(await disputes.getByRole('row', { name: /^prix/ }).getByRole('cell').allTextContents()).toEqual(['1', euros('300'), '0']);

    await docScreenshot(page, 'dashboard', { height: 1500 });
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    expect(cspViolations).toEqual([]);
  });

  test('opens a customer 360° from the list, exports the list, then an invoice, and pauses its dunning', async () => {
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Clients' }).click();
    await page.getByRole('heading', { name: 'Clients', level: 1 }).waitFor();
    const list = page.getByRole('table', { name: 'Clients' });
    await list.waitFor();
    expect(await list.getByRole('rowheader').allTextContents()).toEqual(expect.arrayContaining(['Boulangerie Martin SARL', 'Hypermarchés Lefèvre SA']));

    // Filters live in the URL; the export is the filtered list as CSV.
    await page.getByLabel('Nom ou référence').fill('boulangerie');
    await page.getByRole('button', { name: 'Filtrer', exact: true }).click();
    await page.getByText('1 client', { exact: true }).waitFor();
    expect(new URL(page.url()).searchParams.get('q')).toBe('boulangerie');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exporter en CSV' }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8').trim().split('\r\n');
    expect(csv[0]).toContain('externalId');
    expect(csv.slice(1)).toEqual([expect.stringContaining(`${smb},default,Boulangerie Martin SARL,pme`)]);
    expect(csv[1]).toContain('EUR 2000.50');
    // Clearing the filters empties the fields and the URL, and the whole list is back.
    await page.getByRole('button', { name: 'Effacer les filtres' }).click();
    await list.getByRole('rowheader', { name: 'Hypermarchés Lefèvre SA' }).waitFor();
    expect(new URL(page.url()).searchParams.get('q')).toBeNull();
    expect(await page.getByLabel('Nom ou référence').inputValue()).toBe('');

    await list.getByRole('link', { name: 'Boulangerie Martin SARL' }).click();
    await page.getByRole('heading', { name: 'Boulangerie Martin SARL', level: 1 }).waitFor();
    const account = page.getByRole('region', { name: 'Compte' });
    expect(await account.textContent()).toContain(euros('2000.50'));
    expect(await account.textContent()).toContain(euros('800.50'));
    // Risk: a class with its reasons, exposure against the 2 500,00 limit (2 000,50 = 80,0 %).
    const risk = page.getByRole('region', { name: 'Risque' });
    await risk.getByText(/^Classe [A-E]$/).first().waitFor();
    // Its reasons written in French from their codes and params.
    const riskReasons = risk.getByRole('list', { name: 'Raisons de la classe de risque' });
    await riskReasons.waitFor();
    expect(await riskReasons.getByRole('listitem').allTextContents())
      .toContain('Chiffres en EUR, la devise principale du client (sans conversion)');
    expect(await risk.textContent()).toContain(`Exposition ${euros('2000.50')} pour une limite de ${euros('2500')}`);
    await risk.getByRole('progressbar', { name: 'Exposition : 80,0 % de la limite de crédit' }).waitFor();
    const items = page.getByRole('table', { name: 'Factures ouvertes' });
    expect(await items.getByRole('rowheader').allTextContents()).toEqual(expect.arrayContaining([invoices.a, `${invoices.b}en litige`]));
    expect(await page.getByRole('table', { name: 'Contacts' }).textContent()).toContain('compta@client.example');
    await page.getByRole('region', { name: 'Activité' }).getByText('Paiement').or(page.getByRole('region', { name: 'Activité' }).getByText('Litige')).first().waitFor();
    await page.getByRole('link', { name: 'Relevé de compte (PDF)' }).waitFor();
    await docScreenshot(page, 'customer-360', { height: 1500 });
    expect(await seriousAccessibilityFindings(page)).toEqual([]);

    // The invoice not under dispute (the disputed one is already paused by its dispute).
    await items.getByRole('link', { name: `Ouvrir la facture ${invoices.a}` }).click();
    await page.getByRole('heading', { name: `Facture ${invoices.a}`, level: 1 }).waitFor();
    expect(await page.getByRole('region', { name: 'Reste dû' }).textContent()).toContain(euros('1200'));
    await page.getByRole('heading', { name: 'Prévision de paiement' }).waitFor();
    await page.getByText(/^Paiement attendu le /).waitFor();
    await page.getByLabel('Motif de la suspension').fill('Litige en cours sur le prix');
    await page.getByRole('button', { name: 'Suspendre les relances' }).click();
    await page.getByText('Relances suspendues sur cette facture').waitFor();
    await page.getByRole('button', { name: 'Reprendre les relances' }).waitFor();
    const invoice = await platform.request('GET', `/api/v1/invoices/${currentInvoiceId}`);
    expect(invoice.body).toMatchObject({ paused: true, pauses: [expect.objectContaining({ reason: 'Litige en cours sur le prix' })] });
    await docScreenshot(page, 'invoice', { height: 1200 });
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    expect(cspViolations).toEqual([]);
  });

  test('decides a credit-limit request waiting for them: a counter-offer', async () => {
    const colleague = await createUsers(platform, { colleague: ['credit_manager'] });
    const asked = await platform.request('POST', '/api/v1/credit-limit-requests', {
      customerExternalId: smb, amount: '4000.00', currency: 'EUR', reason: 'Commande de fin d\'année en hausse',
    }, { apiKey: colleague.tokens.colleague });
    expect(asked.status).toBe(201);
    const requestId = asked.body.id as string;
    await eventually(async () => (await platform.request('GET', `/api/v1/credit-limit-requests/${requestId}`)).body.pendingApprovers?.length > 0);

    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Demandes de limite' }).click();
    await page.getByRole('heading', { name: 'Demandes de limite de crédit', level: 1 }).waitFor();
    const card = page.getByRole('region', { name: `Boulangerie Martin SARL : limite de ${euros('4000')} demandée` });
    await card.waitFor();
    expect(await card.textContent()).toContain(`Limite actuelle : ${euros('2500')}`);
    await card.getByRole('radio', { name: 'Approuver un montant inférieur' }).check();
    await card.getByLabel('Montant accordé (EUR)').fill('3000.00');
    await card.getByLabel('Commentaire').fill('Accord partiel : historique de paiement trop court');
    await docScreenshot(page, 'credit-requests', { height: 900 });
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await card.getByRole('button', { name: 'Enregistrer la décision' }).click();
    await page.getByText('Décision enregistrée pour Boulangerie Martin SARL.').waitFor();

    const decided = await eventually(async () => {
      const r = await platform.request('GET', `/api/v1/credit-limit-requests/${requestId}`);
      return r.body.decisions.length > 0 && r.body;
    });
    expect(decided.decisions[0]).toMatchObject({ decision: 'approve', amount: { amount: '3000.00', currency: 'EUR' }, comment: 'Accord partiel : historique de paiement trop court' });
    await page.getByText('Rien à décider pour le moment.').waitFor();
    expect(cspViolations).toEqual([]);
  });
});
