import { describe, expect, test } from '@jest/globals';
import { loadConfig } from '../../src/config/app-config.js';
import { escapeHtml, renderPage } from '../../src/disputes/decision-links.service.js';
import { DecisionLinkSigner, type DecisionLinkPayload } from '../../src/disputes/decision-links.js';

const config = (secret: string) => loadConfig({ RELANCE_LINK_SECRET: secret, RELANCE_PUBLIC_URL: 'https://relance.example/' });
const payload = (e: number): DecisionLinkPayload => ({ d: 'dispute-1', u: 'user-1', l: 1, x: 'accept', e, n: 'nonce-1' });
const future = () => Math.floor(Date.now() / 1000) + 3600;

describe('decision links', () => {
  const signer = new DecisionLinkSigner(config('a'.repeat(32)));
  test('a signed link verifies and carries its payload; the URL uses RELANCE_PUBLIC_URL', () => {
    const p = payload(future());
    const token = signer.sign(p);
    expect(signer.verify(token)).toEqual({ ok: true, payload: p });
    expect(signer.url(token)).toBe(`https://relance.example/decisions/${token}`);
  });
  test('tampered signature or payload, another key, garbage: tampered; past expiry: expired', () => {
    const token = signer.sign(payload(future()));
    const [body, mac] = token.split('.') as [string, string];
    expect(signer.verify(`${body}.${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`)).toEqual({ ok: false, reason: 'tampered' });
    const other = Buffer.from(JSON.stringify({ ...payload(future()), x: 'reject' })).toString('base64url');
    expect(signer.verify(`${other}.${mac}`)).toEqual({ ok: false, reason: 'tampered' });
    expect(new DecisionLinkSigner(config('b'.repeat(32))).verify(token)).toEqual({ ok: false, reason: 'tampered' });
    expect(signer.verify('not-a-token')).toEqual({ ok: false, reason: 'tampered' });
    expect(signer.verify(`${token}.extra`)).toEqual({ ok: false, reason: 'tampered' });
    expect(signer.verify(signer.sign(payload(Math.floor(Date.now() / 1000) - 1)))).toEqual({ ok: false, reason: 'expired' });
  });
  test('RELANCE_LINK_SECRET shorter than 32 characters is refused at boot', () => {
    expect(() => config('short')).toThrow();
  });
  test('pages escape every value', () => {
    expect(escapeHtml(`<script>"x"&'y'</script>`)).toBe('&lt;script&gt;&quot;x&quot;&amp;&#39;y&#39;&lt;/script&gt;');
    const html = renderPage({ status: 200, title: 'T<b>', lines: ['<img src=x>'], confirm: { action: 't', label: 'Go"' } }, 'tok"en');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>');
    expect(html).toContain('action="/decisions/tok&quot;en"');
  });
});
