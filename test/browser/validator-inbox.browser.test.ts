/**
 * The console in a real browser (Debian's Chromium through playwright-core)
 * against the real platform: API, worker, Temporal, PostgreSQL. A validator
 * invited by an admin sets a password, signs out, signs in with it, finds a
 * dispute in the inbox and accepts part of it; the inbox passes axe-core; an
 * altered magic link shows a clear page.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { docScreenshot, launchChromium, newConsoleContext, seriousAccessibilityFindings, startConsolePlatform } from '../support/browser.js';
import { createUsers, eventually, isoDateDaysFromToday, uniqueId, type Platform } from '../support/platform.js';

/** The link in the last email the SendGrid stand-in accepted for `to`. */
function emailedLink(platform: Platform, to: string): string {
  const mail = platform.providers.acceptedEmails().filter((m) => JSON.stringify(m.personalizations).includes(to)).at(-1);
  const text = (mail?.content ?? []).map((c) => c.value).join('\n');
  const url = /(http\S+token=\S+)/.exec(text)?.[1];
  if (!url) throw new Error(`no link emailed to ${to}`);
  return url;
}
/** The same path and query on the platform under test (emails name the configured public origin). */
const onPlatform = (platform: Platform, link: string) => {
  const url = new URL(link);
  return `${platform.baseUrl}${url.pathname}${url.search}`;
};

describe('console: a validator decides a dispute from the inbox', () => {
  let platform: Platform;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let cspViolations: string[];
  let validator: { id: string; email: string };
  let disputeId: string;
  const password = 'un mot de passe solide';

  beforeAll(async () => {
    [platform, browser] = await Promise.all([startConsolePlatform(), launchChromium()]);
    ({ context, page, cspViolations } = await newConsoleContext(browser, platform.baseUrl));
    // Disputes without a routing rule go to the `disputes` group.
    const created = await platform.request('POST', '/api/v1/users', {
      email: `valerie.martin-${uniqueId('u')}@relance.example`, name: 'Valérie Martin', roles: ['dispute_validator'], groups: ['disputes'],
    });
    expect(created.status).toBe(201);
    validator = { id: created.body.id, email: created.body.email };
    const users = await createUsers(platform, { collector: ['collector'] });

    const invoice = await platform.request('POST', '/api/v1/invoices', {
      externalId: uniqueId('INV'), number: 'F-2026-0412',
      customer: { externalId: uniqueId('C'), name: 'Boulangeries Dupont SA', email: 'compta@dupont.example', language: 'fr' },
      issueDate: isoDateDaysFromToday(-40), dueDate: isoDateDaysFromToday(-10), amount: '1200.00', currency: 'EUR',
    });
    expect(invoice.status).toBe(201);
    const opened = await platform.request('POST', '/api/v1/disputes', {
      invoiceIds: [invoice.body.id], amount: '400.00', reasonCode: 'price', comment: 'Prix unitaire supérieur de 10 % au bon de commande',
    }, { apiKey: users.tokens.collector });
    expect(opened.status).toBe(201);
    disputeId = opened.body.id;
    await eventually(async () => (await platform.request('GET', `/api/v1/disputes/${disputeId}`)).body.status === 'in_review');
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await platform?.close();
  });

  test('invited, the validator chooses a password and lands in the console', async () => {
    expect((await platform.request('POST', `/api/v1/users/${validator.id}/invitation`)).status).toBe(202);
    await page.goto(onPlatform(platform, emailedLink(platform, validator.email)));
    await page.getByLabel('Mot de passe').fill(password);
    await page.getByRole('button', { name: 'Enregistrer et se connecter' }).click();
    await page.getByRole('heading', { name: 'Bonjour Valérie Martin' }).waitFor();
    // Navigation by role: a validator sees the inbox, not the administration.
    const nav = page.getByRole('navigation', { name: 'Navigation principale' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Accueil', 'Litiges à décider']);

    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.getByRole('heading', { name: 'Connexion à Relance' }).waitFor();
    expect((await context.cookies()).find((c) => c.name === 'relance_session')).toBeUndefined();
  });

  test('signs in with the password, opens the dispute from the inbox and accepts part of it', async () => {
    await page.goto('/disputes');
    // Not signed in: the sign-in page, then back to the inbox.
    await page.getByRole('heading', { name: 'Connexion à Relance' }).waitFor();
    await page.getByLabel('Adresse e-mail').fill(validator.email);
    await page.getByLabel('Mot de passe').fill('pas le bon mot de passe');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByText("L'adresse e-mail ou le mot de passe est incorrect.").waitFor();
    await page.getByLabel('Mot de passe').fill(password);
    await page.getByRole('button', { name: 'Se connecter' }).click();

    await page.getByRole('heading', { name: 'Litiges à décider', level: 1 }).waitFor();
    const session = (await context.cookies()).find((c) => c.name === 'relance_session')!;
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    const row = page.getByRole('link', { name: 'Ouvrir le litige prix de 400,00 €' });
    await row.waitFor();
    await docScreenshot(page, 'dispute-inbox');
    expect(await seriousAccessibilityFindings(page)).toEqual([]);

    await row.click();
    await page.getByRole('heading', { name: 'Litige — prix' }).waitFor();
    await page.getByText('F-2026-0412').waitFor();
    await page.getByRole('radio', { name: 'Accepter en partie' }).check();
    await page.getByLabel('Montant accepté (EUR)').fill('150.00');
    await page.getByLabel('Commentaire').fill('Écart de prix confirmé par le commercial sur deux lignes');
    await docScreenshot(page, 'dispute-decision', { height: 1200 });
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await page.getByRole('button', { name: 'Enregistrer la décision' }).click();
    await page.getByText('Décision enregistrée.').waitFor();

    const decided = await eventually(async () => {
      const r = await platform.request('GET', `/api/v1/disputes/${disputeId}`);
      return r.body.status === 'accepted' && r.body;
    });
    expect(decided.acceptedAmount).toEqual({ amount: '150.00', currency: 'EUR' });
    expect(decided.history).toContainEqual(expect.objectContaining({
      to: 'accepted', by: { userId: validator.id, name: 'Valérie Martin' }, comment: 'Écart de prix confirmé par le commercial sur deux lignes',
    }));
    await page.reload();
    await page.getByText('Montant accepté : 150,00 €').waitFor();
    await page.getByText('Ce litige ne prend plus de décision.').waitFor();
    await docScreenshot(page, 'dispute-decided', { height: 1000 });
    // Decided, the dispute leaves the inbox.
    await page.getByRole('link', { name: 'Retour aux litiges' }).click();
    await page.getByText('Aucun litige ne vous attend.').waitFor();

    // The person's language is theirs: switched here, kept by the server.
    await page.getByText('EN', { exact: true }).click();
    await page.getByRole('heading', { name: 'Disputes to decide', level: 1 }).waitFor();
    await page.getByText('No dispute is waiting for you.').waitFor();
    const language = await page.evaluate(async () => (await fetch('/api/v1/session')).json() as Promise<{ language: string }>);
    expect(language).toMatchObject({ language: 'en' });
    await page.getByText('FR', { exact: true }).click();
    await page.getByRole('heading', { name: 'Litiges à décider', level: 1 }).waitFor();
    expect(cspViolations).toEqual([]);
  });

  test('an altered magic link shows a clear page and signs nobody in', async () => {
    const fresh = await newConsoleContext(browser, platform.baseUrl);
    try {
      expect((await platform.request('POST', '/api/v1/session/link', { email: validator.email }, { apiKey: null })).status).toBe(202);
      const link = new URL(onPlatform(platform, emailedLink(platform, validator.email)));
      const token = link.searchParams.get('token')!;
      link.searchParams.set('token', `${token.slice(0, 12)}${token[12] === 'x' ? 'y' : 'x'}${token.slice(13)}`);
      await fresh.page.goto(link.toString());
      await fresh.page.getByRole('button', { name: 'Se connecter en tant que titulaire de ce lien' }).click();
      await fresh.page.getByText("Ce lien n'est pas valide : il a peut-être été modifié ou coupé. Demandez-en un nouveau.").waitFor();
      await fresh.page.getByRole('link', { name: 'Retour à la connexion' }).waitFor();
      await docScreenshot(fresh.page, 'sign-in-link-invalid');
      expect((await fresh.context.cookies()).find((c) => c.name === 'relance_session')).toBeUndefined();

      // The genuine link still works once.
      await fresh.page.goto(onPlatform(platform, emailedLink(platform, validator.email)));
      await fresh.page.getByRole('button', { name: 'Se connecter en tant que titulaire de ce lien' }).click();
      await fresh.page.getByRole('heading', { name: 'Bonjour Valérie Martin' }).waitFor();
    } finally {
      await fresh.context.close();
    }
  });
});
