import { describe, expect, test } from '@jest/globals';
import { signLink, verifyLink } from '../../src/sessions/sign-in-link-signer.js';

const key = Buffer.alloc(32, 7);
const now = Date.UTC(2027, 2, 1, 9, 0, 0);
const token = signLink(key, { id: '0b6f8a52-0000-4000-8000-000000000001', purpose: 'magic', exp: now + 60_000 });

describe('sign-in link signatures', () => {
  test('a link verifies until it expires', () => {
    expect(verifyLink(key, token, 'magic', now)).toMatchObject({ ok: true, payload: { purpose: 'magic' } });
    expect(verifyLink(key, token, 'magic', now + 60_000)).toEqual({ ok: false, reason: 'expired' });
  });

  test('an altered, truncated, re-purposed or foreign-key link is invalid', () => {
    const [body, mac] = token.split('.') as [string, string];
    const forged = signLink(Buffer.alloc(32, 8), { id: 'x', purpose: 'magic', exp: now + 60_000 });
    for (const bad of [`${body}.${mac.slice(1)}`, body, `${body}x.${mac}`, `${token}.extra`, forged, '']) {
      expect(verifyLink(key, bad, 'magic', now)).toEqual({ ok: false, reason: 'invalid' });
    }
    expect(verifyLink(key, token, 'invite', now)).toEqual({ ok: false, reason: 'invalid' });
  });
});
