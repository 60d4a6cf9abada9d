import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { RateLimitClock } from '../../src/http/rate-limit.js';
import { startPlatform, type Platform } from '../support/platform.js';

const RATE_LIMIT = 3;
const BODY_LIMIT_KB = 4;

describe('HTTP hygiene: security headers, body size limit, rate limits on public pages', () => {
  let platform: Platform;
  // The rate limiter's clock, moved by the tests (no sleeping); each test starts in a window of its own.
  let now = Date.UTC(2026, 0, 5, 8, 0, 0);
  const freshWindow = () => { now += 3_600_000; };

  beforeAll(async () => {
    platform = await startPlatform({
      worker: false,
      env: { RELANCE_PUBLIC_RATE_LIMIT: String(RATE_LIMIT), RELANCE_BODY_LIMIT_KB: String(BODY_LIMIT_KB) },
    });
    jest.spyOn(platform.app.get(RateLimitClock), 'now').mockImplementation(() => now);
  });
  afterAll(async () => {
    await platform?.close();
  });

  /** The decision page as a browser fetches it, or posts its form. */
  async function decisionPage(method = 'GET', comment = 'x') {
    const res = await fetch(`${platform.baseUrl}/decisions/not-a-valid-token`, method === 'POST'
      ? { method, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ comment }).toString() }
      : { method });
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, body: res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : null };
  }

  test('the decision pages are HTML that loads nothing, posts only here and cannot be framed', async () => {
    freshWindow();
    for (const method of ['GET', 'POST']) {
      const page = await decisionPage(method);
      expect([method, page.status]).toEqual([method, 400]);
      expect(page.headers.get('content-type')).toContain('text/html');
      const csp = page.headers.get('content-security-policy') ?? '';
      expect(csp.split(';').map((d) => d.trim()).sort()).toEqual(["base-uri 'none'", "default-src 'none'", "form-action 'self'", "frame-ancestors 'none'"]);
      expect(page.headers.get('x-frame-options')).toBe('DENY');
      expect(page.headers.get('x-content-type-options')).toBe('nosniff');
      expect(page.headers.get('x-powered-by')).toBeNull();
    }
  });

  test('API answers carry the same headers, refusals included', async () => {
    for (const res of [await platform.request('GET', '/health', undefined, { apiKey: null }), await platform.request('GET', '/api/v1/users/me', undefined, { apiKey: null })]) {
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  test('a body over the limit is 413 PAYLOAD_TOO_LARGE in the JSON error shape, and nothing is written', async () => {
    const padding = 'x'.repeat(BODY_LIMIT_KB * 1024);
    const big = await platform.request('POST', '/api/v1/invoices', { externalId: 'INV-BIG', number: padding });
    expect(big.status).toBe(413);
    expect(big.body).toEqual({
      statusCode: 413, code: 'PAYLOAD_TOO_LARGE', limitBytes: BODY_LIMIT_KB * 1024,
      message: `The request body is larger than the ${BODY_LIMIT_KB * 1024} bytes accepted`,
    });
    expect(big.headers.get('content-security-policy')).toContain("default-src 'none'");
    const [{ n }] = await platform.db.dataSource.query('SELECT count(*)::int AS n FROM invoices');
    expect(n).toBe(0);
    // Forms too (the decision page posts one).
    const form = await decisionPage('POST', padding);
    expect([form.status, form.body.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    // Just under the limit, the request goes on to validation.
    const small = await platform.request('POST', '/api/v1/invoices', { externalId: 'INV-SMALL', number: 'x'.repeat(BODY_LIMIT_KB * 1024 - 200) });
    expect(small.status).toBe(400);
    expect(small.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'number' })]));
  });

  test('a body that is not JSON is 400 MALFORMED_BODY', async () => {
    const res = await platform.request('POST', '/api/v1/invoices', '{"externalId":');
    expect([res.status, res.body.code]).toEqual([400, 'MALFORMED_BODY']);
  });

  test(`the decision pages answer 429 with Retry-After after ${RATE_LIMIT} requests a minute from one address, until the window ends`, async () => {
    freshWindow();
    for (let i = 0; i < RATE_LIMIT; i += 1) expect((await decisionPage(i % 2 ? 'POST' : 'GET')).status).toBe(400);
    const limited = await decisionPage();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('60');
    expect(limited.body).toEqual({ statusCode: 429, code: 'RATE_LIMITED', message: 'Too many requests: try again in 60 s', retryAfterSeconds: 60 });
    expect(limited.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");

    now += 45_000;
    const still = await decisionPage('POST');
    expect([still.status, still.headers.get('retry-after')]).toEqual([429, '15']);

    now += 15_000;
    expect((await decisionPage()).status).toBe(400);
  });

  test('authenticated API routes and health are not limited', async () => {
    freshWindow();
    for (let i = 0; i < RATE_LIMIT * 3; i += 1) {
      expect((await platform.request('GET', '/api/v1/users/me')).status).toBe(200);
      expect((await platform.request('GET', '/health', undefined, { apiKey: null })).status).toBe(200);
    }
  });
});
