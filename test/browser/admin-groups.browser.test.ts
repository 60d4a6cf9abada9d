/**
 * An administrator's groups in a real browser (Debian's Chromium through
 * playwright-core) against the real platform: the admin creates a group with
 * its manager on the groups page, puts a validator in it from the users page
 * (the defined groups are offered there), then routes disputes to it from the
 * dispute routing rules (offered there too). A dispute opened afterwards goes
 * to that group's member: checked through the API, not only on screen.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { launchChromium, newConsoleContext, personWithPassword, seriousAccessibilityFindings, signIn, startConsolePlatform } from '../support/browser.js';
import { eventually, isoDateDaysFromToday, uniqueId, type Platform } from '../support/platform.js';

const day = (n: number) => isoDateDaysFromToday(n);

describe('console: an admin creates a group, assigns a user to it, and routes disputes to it', () => {
  let platform: Platform;
  let browser: Browser;
  const password = 'administration des groupes';
  let admin: { id: string; email: string };
  const validator = { name: 'Véra Valideuse', id: '' };
  const group = { code: uniqueId('litiges-export'), name: 'Litiges export' };
  let invoiceId = '';

  beforeAll(async () => {
    [platform, browser] = await Promise.all([startConsolePlatform(), launchChromium()]);
    admin = await personWithPassword(platform, 'Alain Roux', ['admin'], password);
    const created = await platform.request('POST', '/api/v1/users', { email: `${uniqueId('vera')}@relance.example`, name: validator.name, roles: ['dispute_validator'] });
    expect(created.status).toBe(201);
    validator.id = created.body.id;
    const externalId = uniqueId('INV-EXP');
    const invoice = await platform.request('POST', '/api/v1/invoices', {
      externalId, number: externalId, issueDate: day(-20), dueDate: day(10), amount: '2400.00', currency: 'EUR',
      customer: { externalId: uniqueId('C-EXP'), name: 'Export Marine GmbH', email: 'ap@export-marine.example', language: 'en' },
    });
    expect(invoice.status).toBe(201);
    invoiceId = invoice.body.id;
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  test('the new group is offered where groups are chosen, and disputes reach its member', async () => {
    const { context, page, cspViolations } = await newConsoleContext(browser, platform.baseUrl);
    try {
      await signIn(page, '/admin/groups', admin.email, password);
      await page.getByRole('heading', { name: 'Groupes', level: 1 }).waitFor();

      // Create the group, with the admin as its manager (escalations go to them).
      const form = page.getByRole('region', { name: 'Créer ou renommer un groupe' });
      await form.getByLabel('Code du groupe').fill(group.code);
      await form.getByLabel('Nom du groupe').fill(group.name);
      await form.getByLabel('Responsable').click();
      await page.getByRole('option', { name: `Alain Roux (${admin.email})` }).click();
      await form.getByRole('button', { name: 'Enregistrer' }).click();
      await form.getByRole('status').getByText(`Groupe ${group.code} enregistré.`, { exact: false }).waitFor();
      const groups = page.getByRole('table', { name: 'Groupes' });
      expect(await groups.getByRole('row', { name: new RegExp(group.code) }).getByRole('cell').allTextContents())
        .toEqual([group.name, 'Alain Roux', '—', expect.any(String)]);
      expect(await seriousAccessibilityFindings(page)).toEqual([]);
      expect(((await platform.request('GET', '/api/v1/groups')).body as { code: string }[]).find((g) => g.code === group.code))
        .toEqual(expect.objectContaining({ name: group.name, manager: expect.objectContaining({ id: admin.id }), members: [] }));

      // Put the validator in it from the users page: the group is offered.
      await page.getByRole('navigation', { name: 'Pages d\'administration' }).getByRole('link', { name: 'Utilisateurs' }).click();
      await page.getByRole('heading', { name: 'Utilisateurs', level: 1 }).waitFor();
      await page.getByRole('button', { name: `Modifier ${validator.name}` }).click();
      const edit = page.getByRole('region', { name: `Modifier ${validator.name}` });
      await edit.getByLabel('Groupes').fill('litiges-exp');
      await page.getByRole('option', { name: group.code }).click();
      await edit.getByRole('button', { name: 'Enregistrer' }).click();
      await edit.waitFor({ state: 'detached' });
      const users = page.getByRole('table', { name: 'Utilisateurs' });
      expect(await users.getByRole('row', { name: new RegExp(validator.name) }).getByRole('cell').nth(2).textContent()).toBe(group.code);
      const listed = (await platform.request('GET', '/api/v1/users')).body as { id: string; groups: string[] }[];
      expect(listed.find((u) => u.id === validator.id)?.groups).toEqual([group.code]);
      expect(((await platform.request('GET', '/api/v1/groups')).body as { code: string; members: { id: string }[] }[])
        .find((g) => g.code === group.code)?.members.map((m) => m.id)).toEqual([validator.id]);

      // Route every dispute to it: the routing rule offers the defined groups too.
      await page.goto('/settings/dispute-rules');
      await page.getByRole('heading', { name: 'Routage des litiges', level: 1 }).waitFor();
      const rule = page.getByRole('region', { name: 'Nouvelle règle' });
      await rule.getByLabel('Groupe de valideurs').fill('litiges-exp');
      await page.getByRole('option', { name: group.code }).click();
      expect(await rule.getByLabel('Groupe de valideurs').inputValue()).toBe(group.code);
      await rule.getByLabel('Heures pour décider').fill('24');
      await rule.getByRole('button', { name: 'Ajouter la règle' }).click();
      await rule.getByText(/^Règle enregistrée/).waitFor();
      expect(await seriousAccessibilityFindings(page)).toEqual([]);
      expect((await platform.request('GET', '/api/v1/dispute-rules')).body)
        .toEqual([expect.objectContaining({ reasonCode: null, validatorGroup: group.code, resolutionHours: 24 })]);

      // A dispute opened now is routed to the group: its member is the one to decide.
      const dispute = await platform.request('POST', '/api/v1/disputes', { invoiceIds: [invoiceId], reasonCode: 'price', comment: 'Unit price differs from the quote' });
      expect(dispute.status).toBe(201);
      // The assignees are the dispute workflow's live state: read once it has started.
      const routed = await eventually(async () => {
        const res = await platform.request('GET', `/api/v1/disputes/${dispute.body.id}`);
        return res.body.assignees?.length ? res.body : null;
      }, 30_000);
      expect(routed).toMatchObject({ validatorGroup: group.code, resolutionHours: 24, assignees: [expect.objectContaining({ id: validator.id })] });
      expect(cspViolations).toEqual([]);
    } finally {
      await context.close();
    }
  }, 180_000);
});
