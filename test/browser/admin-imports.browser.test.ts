/**
 * Initial loads from the administration console in a real browser against the
 * real platform: a file with one bad row is refused and its error is shown by
 * row and field; the fixed file is accepted and its progress is followed until
 * the import completes. Past and running imports are listed newest first with
 * their progress, refreshed while one loads, and open one by one; a row refused
 * while loading shows in French from its code. The page passes axe-core.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, newConsoleContext, personWithPassword, seriousAccessibilityFindings, signIn, startConsolePlatform } from '../support/browser.js';
import { startWorker } from '../../src/bootstrap/create-worker.js';
import { TEST_API_KEY, uniqueId, type Platform } from '../support/platform.js';
import { suiteState } from '../support/suite-state.js';

const HEADER = 'externalId,number,customer.externalId,customer.name,customer.email,issueDate,dueDate,amount,currency';

function openingBalance(prefix: string, badEmail: boolean): Buffer {
  const rows = [1, 2, 3].map((i) => {
    const email = badEmail && i === 2 ? 'not-an-email' : `ap${i}@opening.example`;
    return `${prefix}-${i},F-${prefix}-${i},${prefix}-C${i},"Client ${i}, SARL",${email},2026-11-02,2026-12-02,${i}250.00,EUR`;
  });
  return Buffer.from([HEADER, ...rows].join('\n') + '\n');
}

describe('console: an admin imports an opening balance', () => {
  let platform: Platform;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let cspViolations: string[];
  let admin: { email: string };
  const password = 'administration 2026 !';

  beforeAll(async () => {
    [platform, browser] = await Promise.all([startConsolePlatform(), launchChromium()]);
    ({ context, page, cspViolations } = await newConsoleContext(browser, platform.baseUrl));
    admin = await personWithPassword(platform, 'Alain Roux', ['admin'], password);
  }, 120_000);

  async function invoicesOf(prefix: string): Promise<number> {
    const [{ n }] = await platform.db.dataSource.query('SELECT count(*)::int AS n FROM invoices WHERE external_id LIKE $1', [`${prefix}-%`]);
    return n as number;
  }

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await platform?.close();
  });

  test('sees the bad row of a refused file, then follows the fixed file until it is loaded', async () => {
    const prefix = uniqueId('OB');
    await signIn(page, '/admin/users', admin.email, password);
    await page.getByRole('navigation', { name: 'Pages d\'administration' }).getByRole('link', { name: 'Imports' }).click();
    await page.getByRole('heading', { name: 'Imports', level: 1 }).waitFor();
    const form = page.getByRole('region', { name: 'Importer une balance d\'ouverture' });

    await form.locator('input[type=file]').setInputFiles({ name: 'balance.csv', mimeType: 'text/csv', buffer: openingBalance(prefix, true) });
    await form.getByRole('button', { name: 'Importer le fichier' }).click();
    await page.getByRole('alert').filter({ hasText: 'Fichier refusé, rien n\'a été écrit : 1 erreur sur 3 lignes' }).waitFor();
    const errors = page.getByRole('table', { name: 'Erreurs du fichier refusé' });
    await errors.waitFor();
    const rows = await errors.getByRole('row').all();
    expect(rows).toHaveLength(2);
    // Written in French from the error's code and params, not the API's English message.
    expect(await rows[1].getByRole('cell').allTextContents()).toEqual(['2', 'customer.email', 'Adresse e-mail non valide']);
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    expect(await invoicesOf(prefix)).toBe(0);

    await form.locator('input[type=file]').setInputFiles({ name: 'balance-fixed.csv', mimeType: 'text/csv', buffer: openingBalance(prefix, false) });
    await form.getByRole('button', { name: 'Importer le fichier' }).click();
    const progress = page.getByRole('region', { name: 'Chargement de balance-fixed.csv' });
    await progress.getByRole('status').filter({ hasText: 'Import terminé' }).waitFor({ timeout: 60_000 });
    expect(await errors.count()).toBe(0);
    await expect(progress.getByRole('progressbar', { name: 'Lignes traitées' }).getAttribute('aria-valuenow')).resolves.toBe('100');
    const figures = await progress.locator('dd').allTextContents();
    expect(figures.slice(0, 3)).toEqual(['3 / 3', '0 / 3', '0 / 3']);
    expect(figures[4]).toBe('0 seconde');
    expect(await invoicesOf(prefix)).toBe(3);
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    expect(cspViolations).toEqual([]);
  });

  test('lists past and running imports newest first, follows a running one without reloading, and opens each', async () => {
    const prefix = uniqueId('ERP');
    // Invoice 4 already exists for another customer: loading it is refused, the others load.
    const other = await platform.request('POST', '/api/v1/invoices', {
      externalId: `${prefix}-4`, number: `F-${prefix}-4`, customer: { externalId: `${prefix}-OTHER`, name: 'Autre SA', email: 'ap@autre.example' },
      issueDate: '2026-11-02', dueDate: '2026-12-02', amount: '400.00', currency: 'EUR',
    });
    expect(other.status).toBe(201);
    // No worker: the ERP's file stays loading until one starts again.
    await platform.worker!.shutdown();
    platform.worker = null;
    const lines = [1, 2, 3, 4].map((i) => JSON.stringify({
      externalId: `${prefix}-${i}`, number: `F-${prefix}-${i}`, customer: { externalId: `${prefix}-C`, name: 'Erp SAS', email: 'ap@erp.example' },
      issueDate: '2026-11-02', dueDate: '2026-12-02', amount: `${i}00.00`, currency: 'EUR',
    }));
    const sent = await fetch(`${platform.baseUrl}/api/v1/imports?name=erp-opening.jsonl`, {
      method: 'POST', headers: { authorization: `Bearer ${TEST_API_KEY}`, 'content-type': 'application/x-ndjson' }, body: lines.join('\n') + '\n',
    });
    expect(sent.status).toBe(202);
    const erpImport = ((await sent.json()) as { id: string }).id;

    await page.goto('/admin/imports');
    const list = page.getByRole('table', { name: 'Imports, du plus récent au plus ancien' });
    await list.waitFor();
    const rows = list.getByRole('row');
    await expect(rows.count()).resolves.toBe(3);
    const cells = async (row: number) => (await rows.nth(row).getByRole('cell').allTextContents());
    expect(await rows.nth(1).getByRole('rowheader').textContent()).toBe('erp-opening.jsonl');
    expect(await cells(1)).toEqual([expect.any(String), 'Chargement : 0 %', '0 / 4', '0', '—', '—']);
    expect(await rows.nth(2).getByRole('rowheader').textContent()).toBe('balance-fixed.csv');
    expect(await cells(2)).toEqual([expect.any(String), 'Import terminé', '3 / 3', '0', expect.stringMatching(/lignes\/s$/), '0 seconde']);

    await list.getByRole('link', { name: 'balance-fixed.csv' }).click();
    const past = page.getByRole('region', { name: 'Chargement de balance-fixed.csv' });
    await past.getByRole('status').filter({ hasText: 'Import terminé' }).waitFor();
    expect((await past.locator('dd').allTextContents()).slice(0, 3)).toEqual(['3 / 3', '0 / 3', '0 / 3']);
    expect(await rows.nth(2).getAttribute('aria-current')).toBe('true');

    await list.getByRole('link', { name: 'erp-opening.jsonl' }).click();
    expect(new URL(page.url()).searchParams.get('import')).toBe(erpImport);
    const running = page.getByRole('region', { name: 'Chargement de erp-opening.jsonl' });
    await running.getByRole('status').filter({ hasText: 'Chargement : 0 %' }).waitFor();
    expect(await past.count()).toBe(0);
    expect(await seriousAccessibilityFindings(page)).toEqual([]);

    // A worker again: the page, never reloaded, follows the import to its end, in the list and in the opened import.
    platform.worker = await startWorker(platform.config, { workflowBundlePath: suiteState().workflowBundlePath, logger: false });
    await running.getByRole('status').filter({ hasText: 'Import terminé' }).waitFor({ timeout: 60_000 });
    await rows.nth(1).getByRole('cell').filter({ hasText: 'Import terminé' }).waitFor();
    expect((await cells(1)).slice(1, 4)).toEqual(['Import terminé', '3 / 4', '1']);
    expect(await invoicesOf(prefix)).toBe(4);
    // The row refused while loading, written in French from its code and params, not the API's English message.
    const failures = running.getByRole('table', { name: 'Lignes refusées au chargement' });
    expect(await failures.getByRole('row').nth(1).getByRole('cell').allTextContents()).toEqual(['4', `La facture ${prefix}-4 appartient déjà à un autre client`]);
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    expect(cspViolations).toEqual([]);
  }, 120_000);
});
