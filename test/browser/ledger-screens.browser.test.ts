/**
 * The ledger screens in a real browser against the real platform (API,
 * worker, Temporal, PostgreSQL): a collector filters the invoice list
 * (overdue + a text search) and sees exactly the matching invoices and their
 * count, the same the API answers; a credit manager writes off part of an
 * invoice above the entity's threshold from the invoice page (an amount above
 * what is open is refused on the field first); a finance manager approves it
 * from the write-off queue, and the API then shows the invoice's open amount
 * reduced by exactly that; a collector finds a payment with what it settled
 * and opens a credit note from the customer 360°. The pages pass axe-core.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { docScreenshot, launchChromium, newConsoleContext, personWithPassword, seriousAccessibilityFindings, signIn, startConsolePlatform } from '../support/browser.js';
import { isoDateDaysFromToday, uniqueId, type Platform } from '../support/platform.js';

const euros = (amount: string) => new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(amount as unknown as number);

interface Created { id: string; number: string; externalId: string }

describe('console: the invoice list, and a write-off from request to approval', () => {
  let platform: Platform;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const cspViolations: string[][] = [];
  const password = 'grand livre 2026 !';
  let collector: { email: string };
  let creditManager: { email: string };
  let financeManager: { email: string };
  // A word only this test's customers carry, so the text search has a known answer.
  const word = uniqueId('Azur');
  let azur: { externalId: string; name: string };
  let quincaillerie: { externalId: string; name: string };
  const invoices: Record<'lateA' | 'notDue' | 'lateC' | 'otherName' | 'cancelled', Created> = {} as never;

  async function browse(): Promise<Page> {
    const opened = await newConsoleContext(browser, platform.baseUrl);
    contexts.push(opened.context);
    cspViolations.push(opened.cspViolations);
    return opened.page;
  }

  async function invoice(key: keyof typeof invoices, customer: { externalId: string; name: string }, dueInDays: number, amount: string): Promise<void> {
    const number = uniqueId('F');
    const created = await platform.request('POST', '/api/v1/invoices', {
      externalId: uniqueId('INV'), number, issueDate: isoDateDaysFromToday(dueInDays - 30), dueDate: isoDateDaysFromToday(dueInDays),
      amount, currency: 'EUR', customer: { ...customer, email: 'compta@example.fr', language: 'fr' },
    });
    expect(created.status).toBe(201);
    invoices[key] = { id: created.body.id, number, externalId: created.body.externalId };
  }

  beforeAll(async () => {
    [platform, browser] = await Promise.all([startConsolePlatform(), launchChromium()]);
    collector = await personWithPassword(platform, 'Julie Perrin', ['collector'], password);
    creditManager = await personWithPassword(platform, 'Hélène Marchal', ['credit_manager'], password);
    financeManager = await personWithPassword(platform, 'Marc Dubreuil', ['finance_manager'], password);
    azur = { externalId: uniqueId('C-AZ'), name: `Boulangerie ${word}` };
    quincaillerie = { externalId: uniqueId('C-QU'), name: `Quincaillerie ${word.toUpperCase()}` };
    const other = { externalId: uniqueId('C-OT'), name: 'Menuiserie Lefèvre' };
    await invoice('lateA', azur, -20, '1200.00');
    await invoice('notDue', azur, 10, '480.00');
    await invoice('lateC', quincaillerie, -5, '300.50');
    await invoice('otherName', other, -40, '90.00');
    await invoice('cancelled', quincaillerie, -30, '75.00');
    expect((await platform.request('POST', `/api/v1/invoices/${invoices.cancelled.id}/cancel`, { reason: 'Facture en double' })).status).toBe(200);
    // Up to 100.00 EUR a credit manager writes off alone; above, a finance manager decides.
    const settings = await platform.request('PUT', '/api/v1/entities/default/settings', { writeOffApprovalThresholds: [{ currency: 'EUR', amount: '100.00' }] });
    expect(settings.status).toBe(200);
  }, 180_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await platform?.close();
  });

  test('a collector lists the overdue invoices matching a word: exactly those, with their count', async () => {
    const page = await browse();
    await signIn(page, '/', collector.email, password);
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Factures' }).click();
    await page.getByRole('heading', { name: 'Factures', level: 1 }).waitFor();
    await page.getByText('5 résultats', { exact: true }).waitFor();

    const filters = page.getByRole('search', { name: 'Filtres des factures' });
    await filters.getByLabel('Numéro ou client').fill(word.toLowerCase());
    await filters.getByRole('button', { name: 'Filtrer' }).click();
    await page.getByText('4 résultats', { exact: true }).waitFor();
    await filters.getByLabel('Échues uniquement').check();
    await page.getByText('2 résultats', { exact: true }).waitFor();

    // Due date first (the default sort): 20 days late, then 5 days late.
    const table = page.getByRole('table', { name: 'Factures' });
    expect(await table.getByRole('rowheader').allTextContents()).toEqual([invoices.lateA.number, invoices.lateC.number]);
    // Customer, due date, days overdue, amount, open, status, stage.
    const cells = await table.getByRole('row', { name: new RegExp(`^${invoices.lateC.number}`) }).getByRole('cell').allTextContents();
    expect(cells[0]).toContain(`Quincaillerie ${word.toUpperCase()}`);
    expect(cells.slice(2)).toEqual(['5', euros('300.50'), euros('300.50'), 'ouverte', 'amiable']);
    const api = (await platform.request('GET', `/api/v1/invoices?overdue=true&q=${encodeURIComponent(word.toLowerCase())}`)).body;
    expect([api.total, api.items.map((i: { id: string }) => i.id)]).toEqual([2, [invoices.lateA.id, invoices.lateC.id]]);
    expect(new URL(page.url()).searchParams.get('overdue')).toBe('true');
    await docScreenshot(page, 'invoice-list');
    expect(await seriousAccessibilityFindings(page)).toEqual([]);

    // Each row opens the invoice's page.
    await table.getByRole('link', { name: invoices.lateA.number }).click();
    await page.getByRole('heading', { name: `Facture ${invoices.lateA.number}`, level: 1 }).waitFor();
    expect(cspViolations.flat()).toEqual([]);
  });

  test('a credit manager writes off part of an invoice above the threshold; a finance manager approves it', async () => {
    const target = invoices.lateA;
    const manager = await browse();
    await signIn(manager, `/invoices/${target.id}`, creditManager.email, password);
    await manager.getByRole('heading', { name: `Facture ${target.number}`, level: 1 }).waitFor();
    const form = manager.getByRole('form', { name: 'Passer en perte' });
    await form.getByLabel('Motif').click();
    await manager.getByRole('option', { name: 'geste commercial' }).click();
    await form.getByLabel('Commentaire').fill('Retard de livraison reconnu, accord du commercial');

    // More than is open: refused, the reason on the amount field, nothing written off.
    await form.getByLabel('Montant (EUR)').fill('1500.00');
    await form.getByRole('button', { name: 'Passer en perte' }).click();
    await form.getByText('exceeds the open amount 1200.00').waitFor();
    expect((await platform.request('GET', `/api/v1/write-offs?invoice=${target.id}`)).body.total).toBe(0);

    await form.getByLabel('Montant (EUR)').fill('250.00');
    await form.getByRole('button', { name: 'Passer en perte' }).click();
    await form.getByText(`Passage en perte de ${euros('250.00')} en attente de la validation d'un responsable financier.`).waitFor();
    const pending = (await platform.request('GET', `/api/v1/write-offs?invoice=${target.id}`)).body.items;
    expect(pending).toEqual([expect.objectContaining({ status: 'pending_approval', amount: '250.00', appliedAmount: null, reasonCode: 'commercial_gesture' })]);
    expect((await platform.request('GET', `/api/v1/invoices/${target.id}`)).body.openAmount).toBe('1200.00');
    await manager.getByRole('table', { name: 'Passages en perte de la facture' }).getByText('en attente de validation').waitFor();
    await docScreenshot(manager, 'invoice-write-off', { height: 1100 });
    expect(await seriousAccessibilityFindings(manager)).toEqual([]);

    const finance = await browse();
    await signIn(finance, '/', financeManager.email, password);
    await finance.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Passages en perte' }).click();
    await finance.getByRole('heading', { name: 'Passages en perte à valider', level: 1 }).waitFor();
    const card = finance.getByRole('region', { name: `Facture ${target.number}` });
    await card.getByText(euros('250.00')).waitFor();
    // Off the navigation link just clicked: axe-core would check its hover colours.
    await finance.getByRole('heading', { name: 'Passages en perte à valider', level: 1 }).hover();
    expect(await seriousAccessibilityFindings(finance)).toEqual([]);
    await docScreenshot(finance, 'write-off-approvals');
    await card.getByLabel('Commentaire de la décision').fill('Geste accepté');
    await card.getByRole('button', { name: 'Valider' }).click();
    await finance.getByText(`Validé : ${euros('250.00')} passés en perte sur la facture ${target.externalId}.`).waitFor();
    await finance.getByText('Aucun passage en perte n\'attend de décision.').waitFor();

    // The API: the invoice is down by exactly the amount approved, the write-off applied by the finance manager.
    expect((await platform.request('GET', `/api/v1/invoices/${target.id}`)).body).toMatchObject({ amount: '1200.00', openAmount: '950.00', status: 'open' });
    const applied = (await platform.request('GET', `/api/v1/write-offs/${pending[0].id}`)).body;
    expect(applied).toMatchObject({ status: 'applied', amount: '250.00', appliedAmount: '250.00', decision: { by: { name: 'Marc Dubreuil' }, comment: 'Geste accepté' } });
    expect((await platform.request('GET', '/api/v1/write-offs?status=pending_approval')).body).toMatchObject({ total: 0, items: [] });

    // The credit manager sees the outcome on the invoice.
    await manager.reload();
    await manager.getByRole('region', { name: 'Reste dû' }).getByText(euros('950.00')).waitFor();
    await manager.getByRole('table', { name: 'Passages en perte de la facture' }).getByText('passé en perte', { exact: true }).waitFor();
    expect(cspViolations.flat()).toEqual([]);
  });

  test('a collector finds a payment with what it settled, and a credit note from the customer 360°', async () => {
    const payment = uniqueId('PAY');
    const paid = await platform.request('POST', '/api/v1/payments', {
      externalId: payment, amount: '500.00', currency: 'EUR', receivedAt: new Date().toISOString(),
      allocations: [{ invoiceExternalId: invoices.notDue.externalId, amount: '480.00' }],
    });
    expect(paid.status).toBe(201);
    const number = uniqueId('AV');
    const credited = await platform.request('POST', '/api/v1/credit-notes', {
      externalId: number, number, customer: quincaillerie.externalId, issueDate: isoDateDaysFromToday(0), amount: '100.00', currency: 'EUR',
      allocations: [{ invoiceExternalId: invoices.lateC.externalId, amount: '40.00' }],
    });
    expect(credited.status).toBe(201);

    const page = await browse();
    await signIn(page, '/', collector.email, password);
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Paiements' }).click();
    await page.getByRole('heading', { name: 'Paiements', level: 1 }).waitFor();
    const filters = page.getByRole('search', { name: 'Filtres des paiements' });
    await filters.getByLabel('Référence client').fill(azur.externalId);
    await filters.getByRole('button', { name: 'Filtrer' }).click();
    await page.getByText('1 résultat', { exact: true }).waitFor();
    const table = page.getByRole('table', { name: 'Paiements' });
    expect(await table.getByRole('rowheader').allTextContents()).toEqual([payment]);
    // Received, entity, amount, applied, unapplied, invoices settled.
    const cells = await table.getByRole('row', { name: new RegExp(`^${payment}`) }).getByRole('cell').allTextContents();
    expect(cells.slice(2, 5)).toEqual([euros('500.00'), euros('480.00'), euros('20.00')]);
    expect(cells[5]).toContain(`${invoices.notDue.number} ${euros('480.00')}`);
    expect(await seriousAccessibilityFindings(page)).toEqual([]);

    await page.goto(`/customers/${quincaillerie.externalId}`);
    const credits = page.getByRole('table', { name: 'Avoirs et encaissements non lettrés' });
    await credits.getByRole('link', { name: number }).waitFor();
    expect(await credits.getByRole('row', { name: new RegExp(`^${number}`) }).getByRole('cell').allTextContents()).toEqual(['avoir', expect.any(String), euros('100.00'), euros('60.00')]);
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await credits.getByRole('link', { name: number }).click();
    await page.getByRole('heading', { name: `Avoir ${number}`, level: 1 }).waitFor();
    await page.getByRole('region', { name: 'Reste en crédit client' }).getByText(euros('60.00')).waitFor();
    const allocations = page.getByRole('table', { name: 'Factures réduites' });
    await allocations.getByRole('link', { name: invoices.lateC.externalId }).waitFor();
    expect(await allocations.getByRole('row', { name: new RegExp(`^${invoices.lateC.externalId}`) }).getByRole('cell').allTextContents()).toEqual([euros('40.00')]);
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await allocations.getByRole('link', { name: invoices.lateC.externalId }).click();
    await page.getByRole('region', { name: 'Reste dû' }).getByText(euros('260.50')).waitFor();
    expect(cspViolations.flat()).toEqual([]);
  });
});
