/**
 * The API process serves the built console at / (same origin as /api/v1):
 * console routes get index.html with the console's CSP, API and asset misses
 * stay 404s. And the inbox the console shows: disputes in review assigned to
 * the caller, nobody else's.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startConsolePlatform } from '../support/browser.js';
import { createUsers, eventually, isoDateDaysFromToday, uniqueId, type Platform } from '../support/platform.js';

const html = (platform: Platform, path: string) =>
  fetch(platform.baseUrl + path, { headers: { accept: 'text/html' } }).then(async (r) => ({ status: r.status, headers: r.headers, text: await r.text() }));

describe('console serving and the dispute inbox', () => {
  let platform: Platform;
  beforeAll(async () => {
    platform = await startConsolePlatform();
  }, 120_000);
  afterAll(async () => {
    await platform?.close();
  });

  test('console routes answer index.html with a same-origin CSP; API and asset misses stay 404', async () => {
    for (const path of ['/', '/disputes/0b6f8a52-0000-4000-8000-000000000001', '/sign-in/link?token=abc']) {
      const page = await html(platform, path);
      expect([path, page.status]).toEqual([path, 200]);
      expect(page.text).toContain('<div id="root"></div>');
      expect(page.headers.get('cache-control')).toBe('no-cache');
      const csp = (page.headers.get('content-security-policy') ?? '').split(';').map((d) => d.trim());
      expect(csp).toEqual(expect.arrayContaining(["script-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "connect-src 'self'"]));
      expect(page.headers.get('x-frame-options')).toBe('DENY');
    }
    const script = /src="(\/assets\/[^"]+\.js)"/.exec((await html(platform, '/')).text)![1]!;
    const asset = await fetch(platform.baseUrl + script);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await html(platform, '/assets/missing.js')).status).toBe(404);
    const api = await html(platform, '/api/v1/nope');
    expect(api.status).toBe(404);
    expect(JSON.parse(api.text)).toMatchObject({ statusCode: 404 });
    // The OpenAPI document and Swagger UI are the API's, not console routes.
    const document = await html(platform, '/openapi.json');
    expect(document.headers.get('content-type')).toContain('application/json');
    expect(JSON.parse(document.text)).toMatchObject({ openapi: '3.1.0' });
    expect((await html(platform, '/docs')).text).not.toContain('<div id="root"></div>');
    // The decision pages keep their stricter policy.
    expect((await html(platform, '/decisions/x')).headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  test("the inbox lists the disputes in review assigned to the caller, and nobody else's", async () => {
    const group = uniqueId('grp').toLowerCase();
    const { tokens } = await createUsers(
      platform, { member: ['dispute_validator'], outsider: ['dispute_validator'], collector: ['collector'] }, { member: [group] },
    );
    expect((await platform.request('POST', '/api/v1/dispute-rules', { reasonCode: 'quantity', validatorGroup: group, resolutionHours: 48 })).status).toBe(201);
    const invoice = await platform.request('POST', '/api/v1/invoices', {
      externalId: uniqueId('INV'), number: uniqueId('F'), customer: { externalId: uniqueId('C'), name: 'Acme SARL', email: 'ap@acme.example' },
      issueDate: isoDateDaysFromToday(-40), dueDate: isoDateDaysFromToday(-10), amount: '500.00', currency: 'EUR',
    });
    const opened = await platform.request('POST', '/api/v1/disputes', {
      invoiceIds: [invoice.body.id], amount: '120.50', reasonCode: 'quantity', comment: 'Two cartons missing',
    }, { apiKey: tokens.collector });
    expect(opened.status).toBe(201);

    const inbox = await eventually(async () => {
      const r = await platform.request('GET', '/api/v1/disputes/inbox', undefined, { apiKey: tokens.member });
      return r.body.length === 1 && r.body;
    });
    expect(inbox[0]).toMatchObject({
      id: opened.body.id, reasonCode: 'quantity', amount: { amount: '120.50', currency: 'EUR' }, invoiceCount: 1, validatorGroup: group,
    });
    expect(Date.parse(inbox[0].dueAt) - Date.parse(inbox[0].createdAt)).toBe(48 * 3_600_000);
    expect((await platform.request('GET', '/api/v1/disputes/inbox', undefined, { apiKey: tokens.outsider })).body).toEqual([]);
    expect((await platform.request('GET', '/api/v1/disputes/inbox', undefined, { apiKey: tokens.collector })).status).toBe(403);

    // Decided, it leaves the inbox.
    await eventually(async () => (await platform.request('GET', `/api/v1/disputes/${opened.body.id}`)).body.status === 'in_review');
    const decided = await platform.request('POST', `/api/v1/disputes/${opened.body.id}/decisions`, { decision: 'reject', comment: 'Delivery note signed in full' }, { apiKey: tokens.member });
    expect(decided.status).toBe(200);
    await eventually(async () => (await platform.request('GET', '/api/v1/disputes/inbox', undefined, { apiKey: tokens.member })).body.length === 0);
  });
});
