/**
 * The customer portal in a real browser (Debian's Chromium through
 * playwright-core) against the real platform: API, worker, Temporal,
 * PostgreSQL. A customer opens the portal link from a recorded email, sees
 * the invoice PDF the ERP supplied, disputes one invoice (with an attachment)
 * and promises to pay another — both checked through the API; another
 * customer's invoice in the URL is refused; an altered link and an expired
 * one (the API's clock moved, no sleep) show a clear page. Every portal page
 * passes axe-core; a phone-sized screenshot is taken for the docs (docScreenshot).
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Clock } from '../../src/clock/clock.js';
import { consoleBuild, docScreenshot, launchChromium, newConsoleContext, seriousAccessibilityFindings } from '../support/browser.js';
import { createIntegration, eventually, isoDateDaysFromToday, startPlatform, uniqueId, type Platform } from '../support/platform.js';

class MovableClock extends Clock {
  offsetMs = 0;
  nowMs(): number {
    return Date.now() + this.offsetMs;
  }
}

/** The same path and query on the platform under test (emails name the configured public origin). */
const onPlatform = (platform: Platform, link: string) => {
  const url = new URL(link);
  return `${platform.baseUrl}${url.pathname}${url.search}`;
};

describe('customer portal: a customer disputes one invoice and promises to pay another', () => {
  const clock = new MovableClock();
  let platform: Platform;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let cspViolations: string[];
  let link: string;
  const customer = { externalId: uniqueId('C'), name: 'Boulangeries Dupont SA', email: 'claire.petit@dupont.example', language: 'fr' };
  const other = { externalId: uniqueId('C'), name: 'Garage Moreau', email: 'ap@moreau.example', language: 'fr' };
  const invoices: Record<'disputed' | 'promised' | 'others', { id: string; number: string }> = {} as never;

  async function push(who: typeof customer, number: string, dueInDays: number, amount: string) {
    const res = await platform.request('POST', '/api/v1/invoices', {
      externalId: uniqueId('INV'), number, customer: who, issueDate: isoDateDaysFromToday(dueInDays - 30), dueDate: isoDateDaysFromToday(dueInDays), amount, currency: 'EUR',
    });
    expect(res.status).toBe(201);
    return { id: res.body.id as string, number };
  }

  async function axe(where: string) {
    const findings = await seriousAccessibilityFindings(page);
    expect({ where, findings }).toEqual({ where, findings: [] });
  }

  beforeAll(async () => {
    [platform, browser] = await Promise.all([
      consoleBuild().then((dir) => startPlatform({ env: { RELANCE_CONSOLE_DIR: dir }, clock })),
      launchChromium(),
    ]);
    ({ context, page, cspViolations } = await newConsoleContext(browser, platform.baseUrl));
    const settings = await platform.request('PUT', '/api/v1/entities/default/settings', {
      paymentUrlTemplate: 'https://pay.example.com/relance?ref={invoiceNumber}&amount={amount}&currency={currency}',
    });
    expect(settings.status).toBe(200);
    invoices.disputed = await push(customer, 'F-2026-0412', -12, '1200.00');
    invoices.promised = await push(customer, 'F-2026-0430', 20, '800.00');
    invoices.others = await push(other, 'F-2026-0388', -12, '450.00');
    const erp = await createIntegration(platform);
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    const put = await fetch(`${platform.baseUrl}/api/v1/invoices/${invoices.disputed.id}/document`, {
      method: 'PUT', headers: { authorization: `Bearer ${erp.token}`, 'content-type': 'application/pdf' }, body: pdf,
    });
    expect(put.status).toBe(201);
    // The reminder about the overdue invoice, as the worker recorded it: its body ends with the contact's portal link.
    const email = await eventually(async () => {
      const list = (await platform.request('GET', `/api/v1/messages?invoiceId=${invoices.disputed.id}`)).body as { channel: string; body: string; status: string }[];
      return list.find((m) => m.channel === 'email' && m.status !== 'pending');
    }, 30_000);
    link = /(http\S+\/portal\/open\?token=\S+)/.exec(email.body)![1]!;
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await platform?.close();
  });

  test('the emailed link lands on a page that asks first, then opens the customer\'s account', async () => {
    await page.goto(onPlatform(platform, link));
    await page.getByRole('heading', { name: 'Votre espace client' }).waitFor();
    // Opening the link opened nothing yet.
    expect((await context.cookies()).find((c) => c.name === 'relance_portal')).toBeUndefined();
    await axe('landing');
    await page.getByRole('button', { name: 'Accéder à mon espace client' }).click();
    await page.getByRole('heading', { name: 'Votre compte' }).waitFor();
    const cookie = (await context.cookies()).find((c) => c.name === 'relance_portal');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    const items = page.getByRole('table', { name: 'Vos factures ouvertes, la plus ancienne échéance d\'abord' });
    await items.getByRole('link', { name: `Facture ${invoices.disputed.number}` }).waitFor();
    await items.getByRole('link', { name: `Facture ${invoices.promised.number}` }).waitFor();
    expect(await items.textContent()).not.toContain(invoices.others.number);
    expect(await page.getByText('Reste à payer').first().isVisible()).toBe(true);
    await axe('account');
  });

  test('the customer disputes the overdue invoice, with an attachment: the dispute workflow runs it', async () => {
    await page.getByRole('link', { name: `Facture ${invoices.disputed.number}` }).click();
    await page.getByRole('heading', { name: `Facture ${invoices.disputed.number}` }).waitFor();
    await page.getByRole('link', { name: `Facture ${invoices.disputed.number} (PDF)` }).waitFor();
    await page.getByRole('button', { name: 'Payer en ligne' }).waitFor();
    await axe('invoice');
    await page.getByRole('tab', { name: 'Contester' }).click();
    await page.getByRole('combobox', { name: 'Motif' }).click();
    await page.getByRole('option', { name: 'Marchandise endommagée' }).click();
    await page.getByLabel('Votre explication').fill('Deux palettes abîmées à la livraison du 12');
    await page.locator('input[type=file]').setInputFiles({ name: 'bon-de-livraison.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 bon') });
    await axe('dispute form');
    await page.getByRole('button', { name: 'Envoyer ma contestation' }).click();
    await page.getByText('Votre contestation est enregistrée').waitFor();

    const account = (await platform.request('GET', `/api/v1/customers/${customer.externalId}`)).body;
    const opened = account.timeline.find((e: { source: string; type: string }) => e.source === 'portal' && e.type === 'dispute_opened');
    const dispute = await eventually(async () => {
      const d = (await platform.request('GET', `/api/v1/disputes/${opened.details.disputeId}`)).body;
      return d.status === 'in_review' ? d : null;
    });
    expect(dispute).toMatchObject({ reasonCode: 'damaged_goods', comment: 'Deux palettes abîmées à la livraison du 12', invoices: [expect.objectContaining({ invoiceId: invoices.disputed.id })] });
    expect(dispute.attachments).toEqual([expect.stringMatching(/^portal-attachment:/)]);
  });

  test('the customer promises to pay the other invoice: the promise workflow holds it', async () => {
    await page.getByRole('link', { name: 'Retour à votre compte' }).click();
    await page.getByRole('table').getByText('Contestée').waitFor();
    await page.getByRole('link', { name: `Facture ${invoices.promised.number}` }).click();
    await page.getByRole('heading', { name: `Facture ${invoices.promised.number}` }).waitFor();
    const promisedFor = isoDateDaysFromToday(25);
    await page.getByLabel('Date de paiement').fill(promisedFor);
    await page.getByLabel('Montant (EUR)').fill('800.00');
    await page.getByLabel('Commentaire (facultatif)').fill('Virement à réception de votre avoir');
    await page.setViewportSize({ width: 390, height: 844 });
    await docScreenshot(page, 'portal', { height: 1100 });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('button', { name: 'Enregistrer ma promesse de paiement' }).click();
    await page.getByText(/Merci : votre paiement de 800,00\s€ pour le/).waitFor();

    const account = (await platform.request('GET', `/api/v1/customers/${customer.externalId}`)).body;
    const made = account.timeline.find((e: { source: string; type: string }) => e.source === 'portal' && e.type === 'promise_made');
    const promise = (await platform.request('GET', `/api/v1/promises/${made.details.promiseId}`)).body;
    expect(promise).toMatchObject({ status: 'open', channel: 'portal', amount: '800.00', promisedFor, invoices: [{ id: invoices.promised.id }] });
    await eventually(async () => (await platform.temporal.workflow.getHandle(`promise-${promise.id}`).describe()).status.name === 'RUNNING');
    // The collector hears of both.
    const tasks = (await platform.request('GET', `/api/v1/tasks?kind=customer_portal&customer=${customer.externalId}`)).body.items as unknown[];
    expect(tasks).toHaveLength(2);
  });

  test('another customer\'s invoice in the URL is refused', async () => {
    await page.goto(`${platform.baseUrl}/portal/invoices/${invoices.others.id}`);
    await page.getByText('Cette facture ne fait pas partie de votre espace client.').waitFor();
    expect(await page.getByText(invoices.others.number).count()).toBe(0);
    await axe('refused invoice');
  });

  test('an altered link shows a clear page and opens nothing', async () => {
    const stranger = await newConsoleContext(browser, platform.baseUrl);
    try {
      const altered = link.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
      await stranger.page.goto(onPlatform(platform, altered));
      await stranger.page.getByRole('button', { name: 'Accéder à mon espace client' }).click();
      await stranger.page.getByRole('heading', { name: 'Ce lien ne peut pas être utilisé' }).waitFor();
      await stranger.page.getByText('Ce lien n\'est pas valide').waitFor();
      expect((await stranger.context.cookies()).find((c) => c.name === 'relance_portal')).toBeUndefined();
      expect(stranger.cspViolations).toEqual([]);
    } finally {
      await stranger.context.close();
    }
  });

  test('past its expiry the link shows a clear page, and the open session ends', async () => {
    clock.offsetMs = (platform.config.RELANCE_PORTAL_LINK_DAYS + 1) * 86_400_000;
    try {
      await page.goto(onPlatform(platform, link));
      await page.getByRole('button', { name: 'Accéder à mon espace client' }).click();
      await page.getByText('Ce lien a expiré.').waitFor();
      await axe('expired link');
      await page.goto(`${platform.baseUrl}/portal`);
      await page.getByText('Votre session est terminée.').waitFor();
    } finally {
      clock.offsetMs = 0;
    }
    expect(cspViolations).toEqual([]);
  });
});
