/**
 * The administrator's console in a real browser against the real platform:
 * an admin creates and invites a new collector (their API token shown once in
 * a dialog with a copy button; the invitation is emailed; the collector opens it
 * and chooses a password), issues an ERP credential whose token (shown once
 * in the same dialog, copied) then works on the API until a new one, issued
 * after a confirmation, replaces it, and issues a person's API token (confirming it
 * replaces the current one; shown once in a dialog, copied; it then works on
 * the API) and revokes it. The users page and the token dialogs pass axe-core.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { docScreenshot, launchChromium, newConsoleContext, personWithPassword, seriousAccessibilityFindings, signIn, startConsolePlatform } from '../support/browser.js';
import { uniqueId, type Platform } from '../support/platform.js';

describe('console: an admin invites a user, issues an ERP credential and a personal API token', () => {
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
    // The token dialogs' copy buttons write to the clipboard, which the tests read back.
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: platform.baseUrl });
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await platform?.close();
  });

  test('creates a collector (their API token shown once, in a dialog) and invites them; they open the emailed link and choose a password', async () => {
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
    await form.getByText(`Utilisateur ${invitee.name} créé.`).waitFor();

    // The new user's personal API token: shown once, in the same dialog as a token issued later, with a copy button.
    const shown = page.getByRole('dialog', { name: `Jeton d'API de ${invitee.name}` });
    await shown.getByText('Il ne sera plus affiché').waitFor();
    const token = (await shown.getByLabel(`Jeton d'API de ${invitee.name}`).textContent())!.trim();
    expect(token).toMatch(/^rl_[A-Za-z0-9_-]{43}$/);
    expect(await form.getByText(token).count()).toBe(0);
    await shown.getByRole('button', { name: 'Copier le jeton' }).click();
    await shown.getByRole('button', { name: 'Copié' }).waitFor();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(token);
    const me = await platform.request('GET', '/api/v1/users/me', undefined, { apiKey: token });
    expect([me.status, me.body.email]).toEqual([200, invitee.email]);
    await shown.getByRole('button', { name: 'Terminé' }).click();
    await shown.waitFor({ state: 'detached' });
    expect(await page.getByText(token).count()).toBe(0);

    await page.getByText(`Invitation envoyée à ${invitee.email}`).waitFor();
    const row = users.getByRole('row', { name: new RegExp(invitee.name) });
    expect(await row.getByRole('cell').allTextContents()).toEqual([
      invitee.email, 'chargé de recouvrement', 'recouvrement-nord', 'actif', expect.stringMatching(/^émis le \d/), expect.any(String),
    ]);

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

    // Shown once, in the same dialog as a person's API token (not inline on the page), with a copy button.
    const shownToken = async () => {
      const shown = page.getByRole('dialog', { name: `Jeton de l'accès ERP ${name}` });
      await shown.getByText('Il ne sera plus affiché').waitFor();
      await shown.getByText(/configurez-le de façon sûre dans le connecteur de l'ERP/).waitFor();
      const token = (await shown.getByLabel(`Jeton de l'accès ERP ${name}`).textContent())!.trim();
      expect(token).toMatch(/^rl_[A-Za-z0-9_-]{43}$/);
      expect(await page.getByText(token).count()).toBe(1);
      expect(await shown.getByText(token).count()).toBe(1);
      await shown.getByRole('button', { name: 'Copier le jeton' }).click();
      await shown.getByRole('button', { name: 'Copié' }).waitFor();
      expect(await page.evaluate('navigator.clipboard.readText()')).toBe(token);
      return { shown, token };
    };
    const closed = async (shown: Locator, token: string) => {
      await shown.getByRole('button', { name: 'Terminé' }).click();
      await shown.waitFor({ state: 'detached' });
      expect(await page.getByText(token).count()).toBe(0);
    };
    const erpEvents = async (token: string) => (await platform.request('GET', '/api/v1/erp-events', undefined, { apiKey: token })).status;

    const first = await shownToken();
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    expect(await erpEvents(first.token)).toBe(200);
    await closed(first.shown, first.token);

    // A new token replaces a working one: the confirmation says so, and cancelling keeps the current token.
    const rotate = page.getByRole('button', { name: `Nouveau jeton pour ${name}` });
    const confirm = page.getByRole('dialog', { name: `Émettre un nouveau jeton pour ${name}` });
    await rotate.click();
    await confirm.getByText(`Un nouveau jeton pour ${name} remplace le jeton actuel : celui-ci cesse immédiatement de fonctionner, et les appels de l'ERP sont refusés tant qu'il n'a pas reçu le nouveau.`).waitFor();
    await confirm.getByRole('button', { name: 'Annuler' }).click();
    await confirm.waitFor({ state: 'hidden' });
    expect(await erpEvents(first.token)).toBe(200);

    await rotate.click();
    await confirm.getByRole('button', { name: 'Remplacer le jeton' }).click();
    const rotated = await shownToken();
    await confirm.waitFor({ state: 'hidden' });
    expect(rotated.token).not.toBe(first.token);
    expect(await erpEvents(rotated.token)).toBe(200);
    expect(await erpEvents(first.token)).toBe(401);
    await closed(rotated.shown, rotated.token);
    expect(cspViolations).toEqual([]);
  });

  test('issues a personal API token: confirmed as a replacement, shown once with a copy button, it works on the API; then revokes it', async () => {
    await page.getByRole('navigation', { name: 'Pages d\'administration' }).getByRole('link', { name: 'Utilisateurs' }).click();
    const users = page.getByRole('table', { name: 'Utilisateurs' });
    const row = users.getByRole('row', { name: new RegExp(invitee.name) });
    const listed = async () => ((await platform.request('GET', '/api/v1/users')).body as { id: string; email: string; hasApiToken: boolean; apiTokenIssuedAt: string | null }[])
      .find((u) => u.email === invitee.email)!;
    const before = await listed();
    expect(before.hasApiToken).toBe(true);

    // Nadia holds the token made with her account: the confirmation says a new one replaces it.
    await row.getByRole('button', { name: `Émettre un jeton d'API pour ${invitee.name}` }).click();
    const confirm = page.getByRole('dialog', { name: `Émettre un jeton d'API pour ${invitee.name}` });
    await confirm.getByText(`${invitee.name} a déjà un jeton d'API. En émettre un nouveau le remplace : le jeton actuel cesse immédiatement de fonctionner.`).waitFor();
    await confirm.getByRole('button', { name: 'Remplacer le jeton' }).click();

    const shown = page.getByRole('dialog', { name: `Jeton d'API de ${invitee.name}` });
    await shown.getByText('Il ne sera plus affiché').waitFor();
    await shown.getByText(/ne l'affichera plus/).waitFor();
    const token = (await shown.getByLabel(`Jeton d'API de ${invitee.name}`).textContent())!.trim();
    expect(token).toMatch(/^rl_[A-Za-z0-9_-]{43}$/);
    await confirm.waitFor({ state: 'hidden' });
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await shown.getByRole('button', { name: 'Copier le jeton' }).click();
    await shown.getByRole('button', { name: 'Copié' }).waitFor();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(token);

    // The token authenticates as Nadia; the list says since when, never the token.
    const me = await platform.request('GET', '/api/v1/users/me', undefined, { apiKey: token });
    expect([me.status, me.body.email, me.body.roles]).toEqual([200, invitee.email, ['collector']]);
    const after = await listed();
    expect(after).toMatchObject({ id: before.id, hasApiToken: true, apiTokenIssuedAt: expect.any(String) });
    expect(after.apiTokenIssuedAt).not.toBe(before.apiTokenIssuedAt);
    expect(JSON.stringify(after)).not.toContain(token);

    // Shown once: closed, it is gone from the page.
    await shown.getByRole('button', { name: 'Terminé' }).click();
    await shown.waitFor({ state: 'detached' });
    expect(await page.getByText(token).count()).toBe(0);
    expect(await row.getByRole('cell').nth(4).textContent()).toMatch(/^émis le \d/);

    await row.getByRole('button', { name: `Révoquer le jeton d'API de ${invitee.name}` }).click();
    const revoke = page.getByRole('dialog', { name: `Révoquer le jeton d'API de ${invitee.name}` });
    await revoke.getByRole('button', { name: 'Révoquer le jeton' }).click();
    await revoke.waitFor({ state: 'detached' });
    await row.getByRole('cell', { name: 'aucun', exact: true }).waitFor();
    expect(await row.getByRole('button', { name: `Révoquer le jeton d'API de ${invitee.name}` }).count()).toBe(0);
    expect((await platform.request('GET', '/api/v1/users/me', undefined, { apiKey: token })).status).toBe(401);
    expect(await listed()).toMatchObject({ hasApiToken: false, apiTokenIssuedAt: null });
    expect(cspViolations).toEqual([]);
  });
});
