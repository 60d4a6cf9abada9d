/**
 * The bank statements screen in a real browser (Debian's Chromium through
 * playwright-core) against the real platform: API, worker, Temporal,
 * PostgreSQL. A cash manager imports a statement, confirms the suggested
 * credit, opens the statement, sees the line confirmed with the invoice it
 * paid, unmatches it (after a confirmation) and finds it back in the review
 * queue, its invoice open again (checked through the API, exactly).
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { writeCamt } from '../support/bank-statements/camt-writer.js';
import { line } from '../support/bank-statements/model.js';
import { docScreenshot, launchChromium, newConsoleContext, personWithPassword, seriousAccessibilityFindings, signIn, startConsolePlatform } from '../support/browser.js';
import { isoDateDaysFromToday, uniqueId, type Platform } from '../support/platform.js';

// Intl formats a decimal string exactly (ES2023); the Node typings here only declare numbers.
const euros = (amount: string) => new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(amount as unknown as number);
const day = (n: number) => isoDateDaysFromToday(n);
const frenchDate = (iso: string) => new Intl.DateTimeFormat('fr-FR', { dateStyle: 'medium' }).format(new Date(`${iso}T12:00:00Z`));
const ACCOUNT = 'FR7630004000120001234567890';

describe('console: a cash manager unmatches a confirmed bank line from the statements screen', () => {
  let platform: Platform;
  let browser: Browser;
  const password = 'annuler un lettrage';
  let cashManager: { email: string };
  const customer = { externalId: uniqueId('C-ROUX'), name: 'Ébénisterie Roux SARL' };
  const invoice = { externalId: uniqueId('FR'), number: uniqueId('F2026'), id: '' };
  const openOf = async () => (await platform.request('GET', `/api/v1/invoices/${invoice.id}`)).body as { status: string; openAmount: string };

  beforeAll(async () => {
    [platform, browser] = await Promise.all([startConsolePlatform(), launchChromium()]);
    cashManager = await personWithPassword(platform, 'Inès Trésorière', ['cash_manager'], password);
    const res = await platform.request('POST', '/api/v1/invoices', {
      externalId: invoice.externalId, number: invoice.number, issueDate: day(-40), dueDate: day(-10), amount: '1200.00', currency: 'EUR',
      customer: { ...customer, email: 'compta@roux.example', language: 'fr' },
    });
    expect(res.status).toBe(201);
    invoice.id = res.body.id;
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  test('confirms a credit, unmatches it on the statement screen, and finds it back in the review queue with its invoice open', async () => {
    // No reference in the text: the payer's name and the one open invoice of that amount make a suggestion, not a sure match.
    const file = join(mkdtempSync(join(tmpdir(), 'relance-statement-')), 'releve.xml');
    writeFileSync(file, writeCamt({
      statementId: uniqueId('STMT'), account: ACCOUNT, currency: 'EUR', openingMinor: 0n, fromDate: day(0), toDate: day(0),
      entries: [[line({ amountMinor: 1200_00n, bookingDate: day(0), bankReference: uniqueId('B').slice(0, 12), payerName: 'EBENISTERIE ROUX', remittanceText: 'VIREMENT' })]],
    }, { message: '053', version: 8 }));

    const { context, page, cspViolations } = await newConsoleContext(browser, platform.baseUrl);
    try {
      await signIn(page, '/cash', cashManager.email, password);
      await page.getByRole('heading', { name: 'Lettrage des encaissements', level: 1 }).waitFor();
      await page.getByLabel('Fichier du relevé').setInputFiles(file);
      await page.getByRole('button', { name: 'Importer le relevé' }).click();
      await page.getByRole('status').filter({ hasText: 'Relevé importé' }).waitFor();

      const cardName = `EBENISTERIE ROUX : ${euros('1200')} reçus le ${frenchDate(day(0))}`;
      const card = page.getByRole('article', { name: cardName });
      await card.getByRole('button', { name: 'Confirmer' }).click();
      // Applying records a payment and signals the invoice's workflow: slower than a read on a loaded machine.
      await page.getByRole('status').getByText(`${euros('1200')} de EBENISTERIE ROUX lettrés.`).waitFor({ timeout: 60_000 });
      expect(await openOf()).toMatchObject({ status: 'paid', openAmount: '0.00' });

      // The statements screen, from the cash navigation.
      await page.getByRole('navigation', { name: 'Pages du lettrage' }).getByRole('link', { name: 'Relevés bancaires' }).click();
      await page.getByRole('heading', { name: 'Relevés bancaires', level: 1 }).waitFor();
      const statements = page.getByRole('table', { name: 'Relevés importés, du plus récent au plus ancien' });
      await statements.getByRole('link', { name: new RegExp(`^Ouvrir le relevé du compte ${ACCOUNT}`) }).click();
      const lines = page.getByRole('table', { name: 'Lignes du relevé dans l\'ordre du fichier' });
      const row = lines.getByRole('row', { name: /EBENISTERIE ROUX/ });
      await row.getByText('confirmé', { exact: true }).waitFor();
      const paid = row.getByRole('list', { name: `Factures payées par EBENISTERIE ROUX (${euros('1200')})` });
      expect(await paid.getByRole('listitem').allTextContents()).toEqual([`${invoice.number} : ${euros('1200')}`]);
      await row.getByText(customer.name).waitFor();
      expect(await seriousAccessibilityFindings(page)).toEqual([]);
      await docScreenshot(page, 'cash-statements', { height: 900 });

      // Unmatch asks first; keeping it changes nothing.
      const unmatch = row.getByRole('button', { name: `Annuler le lettrage de ${euros('1200')} de EBENISTERIE ROUX` });
      await unmatch.click();
      const dialog = page.getByRole('dialog', { name: 'Annuler le lettrage ?' });
      await dialog.getByText(`les factures ${invoice.number} redeviennent ouvertes`, { exact: false }).waitFor();
      expect(await seriousAccessibilityFindings(page)).toEqual([]);
      await dialog.getByRole('button', { name: 'Garder le lettrage' }).click();
      await dialog.waitFor({ state: 'hidden' });
      expect(await openOf()).toMatchObject({ status: 'paid', openAmount: '0.00' });

      await unmatch.click();
      await dialog.getByRole('button', { name: 'Oui, annuler le lettrage' }).click();
      await page.getByRole('status').getByText(`${euros('1200')} de EBENISTERIE ROUX : de retour dans la file à vérifier.`).waitFor({ timeout: 60_000 });
      await row.getByText('non rapproché', { exact: true }).waitFor();
      expect(await row.getByRole('button', { name: /^Annuler le lettrage/ }).count()).toBe(0);
      expect(await openOf()).toMatchObject({ status: 'open', openAmount: '1200.00' });

      // Filtered on the waiting lines, it is there; back in the review queue too.
      await page.getByLabel('Statut des lignes').selectOption('unmatched');
      await lines.getByRole('row', { name: /EBENISTERIE ROUX/ }).waitFor();
      await page.getByRole('navigation', { name: 'Pages du lettrage' }).getByRole('link', { name: 'À vérifier' }).click();
      await page.getByRole('heading', { name: 'Lettrage des encaissements', level: 1 }).waitFor();
      await page.getByRole('article', { name: cardName }).waitFor();
      expect(cspViolations).toEqual([]);
    } finally {
      await context.close();
    }
  }, 240_000);
});
