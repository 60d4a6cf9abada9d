/**
 * Cash application in a real browser (Debian's Chromium through
 * playwright-core) against the real platform: API, worker, Temporal,
 * PostgreSQL. A cash manager imports a statement whose credit names no
 * invoice, splits it across two invoices of the customer and leaves the rest
 * on the customer's account, then allocates that unapplied cash to a third
 * invoice. The invoices' open amounts are checked through the API, exactly.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { writeCamt } from '../support/bank-statements/camt-writer.js';
import { line } from '../support/bank-statements/model.js';
import { launchChromium, newConsoleContext, personWithPassword, seriousAccessibilityFindings, signIn, startConsolePlatform } from '../support/browser.js';
import { isoDateDaysFromToday, uniqueId, type Platform } from '../support/platform.js';

// Intl formats a decimal string exactly (ES2023); the Node typings here only declare numbers.
const euros = (amount: string) => new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(amount as unknown as number);
const day = (n: number) => isoDateDaysFromToday(n);
const frenchDate = (iso: string) => new Intl.DateTimeFormat('fr-FR', { dateStyle: 'medium' }).format(new Date(`${iso}T12:00:00Z`));

describe('console: a cash manager splits a bank credit and allocates unapplied cash', () => {
  let platform: Platform;
  let browser: Browser;
  const password = 'lettrage des encaissements';
  let cashManager: { email: string };
  const customer = { externalId: uniqueId('C-SPLIT'), name: 'Menuiserie Lambert SAS' };
  // Three open invoices; no subset of them adds up to the 1 500,00 received, so nothing is applied alone.
  const invoices = {
    a: { externalId: uniqueId('FA'), amount: '1000.00', due: -20, id: '' },
    b: { externalId: uniqueId('FB'), amount: '800.00', due: -5, id: '' },
    c: { externalId: uniqueId('FC'), amount: '300.00', due: 10, id: '' },
  };
  const openOf = async (id: string) => (await platform.request('GET', `/api/v1/invoices/${id}`)).body as { status: string; openAmount: string };

  beforeAll(async () => {
    [platform, browser] = await Promise.all([startConsolePlatform(), launchChromium()]);
    cashManager = await personWithPassword(platform, 'Hugo Trésorier', ['cash_manager'], password);
    for (const invoice of Object.values(invoices)) {
      const res = await platform.request('POST', '/api/v1/invoices', {
        externalId: invoice.externalId, number: invoice.externalId, issueDate: day(invoice.due - 30), dueDate: day(invoice.due),
        amount: invoice.amount, currency: 'EUR', customer: { ...customer, email: 'compta@lambert.example', language: 'fr' },
      });
      expect(res.status).toBe(201);
      invoice.id = res.body.id;
    }
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  test('splits one credit across two invoices with the rest unapplied, then allocates the rest to a third invoice', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'relance-statement-')), 'releve.xml');
    writeFileSync(file, writeCamt({
      statementId: uniqueId('STMT'), account: 'FR7630004000120001234567890', currency: 'EUR', openingMinor: 0n, fromDate: day(0), toDate: day(0),
      entries: [[line({ amountMinor: 1500_00n, bookingDate: day(0), bankReference: uniqueId('B').slice(0, 12), payerName: 'LAMBERT MENUISERIE', remittanceText: 'ACOMPTE COMMANDES' })]],
    }, { message: '053', version: 8 }));

    const { context, page, cspViolations } = await newConsoleContext(browser, platform.baseUrl);
    try {
      await signIn(page, '/cash', cashManager.email, password);
      await page.getByRole('heading', { name: 'Lettrage des encaissements', level: 1 }).waitFor();
      await page.getByLabel('Fichier du relevé').setInputFiles(file);
      await page.getByRole('button', { name: 'Importer le relevé' }).click();
      await page.getByRole('status').filter({ hasText: 'Relevé importé' }).waitFor();

      // The credit waits for a person; split it: 1 000,00 on A (in full), 400,00 on B, 100,00 left on the customer's account.
      const card = page.getByRole('article', { name: `LAMBERT MENUISERIE : ${euros('1500')} reçus le ${frenchDate(day(0))}` });
      await card.getByRole('button', { name: 'Répartir ou corriger' }).click();
      const split = page.getByRole('dialog', { name: `Répartir ${euros('1500')} de LAMBERT MENUISERIE` });
      // Whatever the engine proposed (one invoice or none), the reviewer sets two rows.
      while (await split.getByRole('button', { name: /^Retirer la ligne/ }).count() > 0) {
        await split.getByRole('button', { name: /^Retirer la ligne/ }).last().click();
      }
      await split.getByRole('button', { name: 'Ajouter une facture' }).click();
      await split.getByLabel('Facture (référence ERP) 1').fill(invoices.a.externalId);
      await split.getByLabel('Montant 1').fill('1000.00');
      await split.getByLabel('Facture (référence ERP) 2').fill(invoices.b.externalId);
      await split.getByLabel('Montant 2').fill('400.00');
      await split.getByLabel('Reste non affecté').fill('100.00');
      await split.getByLabel('Passer l\'écart en perte').fill('');
      expect(await seriousAccessibilityFindings(page)).toEqual([]);
      await split.getByRole('button', { name: 'Lettrer' }).click();
      // Applying records a payment and signals the invoices' workflows: slower than a read on a loaded machine.
      await page.getByRole('status').getByText(`${euros('1500')} de LAMBERT MENUISERIE lettrés.`).waitFor({ timeout: 60_000 });
      await page.getByText('Rien à vérifier : tous les crédits sont lettrés.').waitFor();

      expect(await openOf(invoices.a.id)).toMatchObject({ status: 'paid', openAmount: '0.00' });
      expect(await openOf(invoices.b.id)).toMatchObject({ status: 'open', openAmount: '400.00' });
      expect(await openOf(invoices.c.id)).toMatchObject({ status: 'open', openAmount: '300.00' });
      const before = (await platform.request('GET', `/api/v1/cash-application/unapplied?customer=${customer.externalId}`)).body;
      expect(before.credits).toEqual([expect.objectContaining({ source: 'bank_line', currency: 'EUR', amount: '100.00', unapplied: '100.00', allocations: [] })]);

      // The unapplied cash shows per customer; the cash manager allocates it to C.
      const unapplied = page.getByRole('table', { name: 'Encaissements non affectés par client' });
      const customerRow = unapplied.getByRole('row', { name: new RegExp(customer.name) });
      expect(await customerRow.getByRole('cell').first().textContent()).toContain(euros('100'));
      await customerRow.getByRole('button', { name: `Affecter l'encaissement non affecté de ${customer.name}` }).click();
      const allocate = page.getByRole('dialog', { name: `Affecter l'encaissement non affecté de ${customer.name}` });
      const form = allocate.getByRole('form', { name: `Affecter ${euros('100')} reçus le ${frenchDate(day(0))}` });
      expect(await form.getByLabel('Montant 1').inputValue()).toBe('100.00');
      await form.getByLabel('Facture (référence ERP) 1').fill(invoices.c.externalId);
      await form.getByRole('button', { name: 'Affecter' }).click();
      await page.getByRole('status').getByText('Encaissement non affecté réparti.').waitFor({ timeout: 60_000 });
      await page.getByText('Aucun encaissement non affecté.').waitFor();

      expect(await openOf(invoices.c.id)).toMatchObject({ status: 'open', openAmount: '200.00' });
      expect(await openOf(invoices.a.id)).toMatchObject({ status: 'paid', openAmount: '0.00' });
      expect(await openOf(invoices.b.id)).toMatchObject({ status: 'open', openAmount: '400.00' });
      const after = (await platform.request('GET', `/api/v1/cash-application/unapplied?customer=${customer.externalId}`)).body;
      // The credit is allocated in full: nothing is left on the customer's account.
      expect(after).toMatchObject({ totals: [], credits: [] });
      expect(cspViolations).toEqual([]);
    } finally {
      await context.close();
    }
  }, 240_000);
});
