/**
 * The administrator's console in a real browser against the real platform:
 * an admin invites a new collector (the invitation is emailed; the collector
 * opens it and chooses a password) and issues an ERP credential whose token
 * then works on the API. The users page passes axe-core.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { docScreenshot, launchChromium, newConsoleContext, personWithPassword, seriousAccessibilityFindings, signIn, startConsolePlatform } from '../support/browser.js';
import { uniqueId, type Platform } from '../support/platform.js';

describe('console: an admin invites a user and issues an ERP credential', () => {
  let platform: Platform;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let cspViolations: string[];
  let admin: { email: string };
  const password = 'administration 2026 !';
  const invitee = { name: 'Nadia Benali', email: `nadia.benali-${uniqueId('u')}@relance.example` };

  beforeAll(async () => {
    [platform, browser] = await Promise.all([startConsolePlatform(), launchChromium()]);
    ({ context, page, cspViolations } = await newConsoleContext(browser, platform.baseUrl));
    admin = await personWithPassword(platform, 'Alain Roux', ['admin'], password);
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await platform?.close();
  });

  test('invites a collector, who opens the emailed link and chooses a password', async () => {
    await signIn(page, '/', admin.email, password);
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Administration' }).click();
    await page.getByRole('heading', { name: 'Utilisateurs', level: 1 }).waitFor();
    const users = page.getByRole('table', { name: 'Utilisateurs' });
    await users.getByRole('rowheader', { name: 'Alain Roux' }).waitFor();

    const form = page.getByRole('region', { name: 'Nouvel utilisateur' });
    await form.getByLabel('Nom').fill(invitee.name);
    await form.getByLabel('Adresse e-mail').fill(invitee.email);
    await form.getByLabel('Groupes').fill('recouvrement-nord');
    await form.getByLabel('Groupes').press('Enter');
    await form.getByRole('group', { name: 'Rôles' }).getByRole('checkbox', { name: 'chargé de recouvrement' }).check();
    expect(await form.getByRole('checkbox', { name: 'Envoyer une invitation à choisir un mot de passe' }).isChecked()).toBe(true);
    await form.getByRole('button', { name: 'Créer l\'utilisateur' }).click();
    await form.getByText(/^Utilisateur créé\. Son jeton d'API personnel/).waitFor();
    await page.getByText(`Invitation envoyée à ${invitee.email}`).waitFor();
    const row = users.getByRole('row', { name: new RegExp(invitee.name) });
    expect(await row.getByRole('cell').allTextContents()).toEqual([invitee.email, 'chargé de recouvrement', 'recouvrement-nord', 'actif', expect.any(String)]);

    const listed = (await platform.request('GET', '/api/v1/users')).body as { email: string; roles: string[]; groups: string[]; active: boolean }[];
    expect(listed.find((u) => u.email === invitee.email)).toMatchObject({ roles: ['collector'], groups: ['recouvrement-nord'], active: true });

    await docScreenshot(page, 'admin-users', { height: 1000 });
    expect(await seriousAccessibilityFindings(page)).toEqual([]);

    // The invitation, as emailed: the invitee chooses a password and is signed in.
    const mail = platform.providers.acceptedEmails().filter((m) => JSON.stringify(m.personalizations).includes(invitee.email)).at(-1);
    const link = /(http\S+token=\S+)/.exec((mail?.content ?? []).map((c) => c.value).join('\n'))?.[1];
    expect(link).toContain('/set-password?token=');
    const url = new URL(link!);
    const other = await newConsoleContext(browser, platform.baseUrl);
    await other.page.goto(`${url.pathname}${url.search}`);
    await other.page.getByLabel('Mot de passe').fill('un mot de passe de recouvreuse');
    await other.page.getByRole('button', { name: 'Enregistrer et se connecter' }).click();
    await other.page.getByRole('heading', { name: `Bonjour ${invitee.name}` }).waitFor();
    await other.context.close();
    expect(cspViolations).toEqual([]);
  });

  test('issues an ERP credential whose token works on the API once, until rotated', async () => {
    await page.getByRole('navigation', { name: 'Pages d\'administration' }).getByRole('link', { name: 'Accès ERP' }).click();
    await page.getByRole('heading', { name: 'Accès ERP', level: 1 }).waitFor();
    const name = uniqueId('Sage X3');
    await page.getByLabel('Nom de l\'intégration').fill(name);
    await page.getByRole('button', { name: 'Créer l\'accès' }).click();
    const shown = page.getByRole('status').filter({ hasText: `Jeton de ${name}` });
    const token = (await shown.locator('code').textContent())!;
    expect((await platform.request('GET', '/api/v1/erp-events', undefined, { apiKey: token })).status).toBe(200);

    await page.getByRole('button', { name: `Nouveau jeton pour ${name}` }).click();
    await page.getByRole('status').locator('code').filter({ hasNotText: token }).waitFor();
    expect((await platform.request('GET', '/api/v1/erp-events', undefined, { apiKey: token })).status).toBe(401);
    expect(cspViolations).toEqual([]);
  });
});
