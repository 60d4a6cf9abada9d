import type { SignInLinkPurpose } from './sign-in-link.entity.js';
import { hmac, sameString } from './session-secrets.js';

export interface SignInLinkPayload {
  /** The sign_in_links row (which records its single use). */
  id: string;
  purpose: SignInLinkPurpose;
  /** Expiry, ms since the epoch. */
  exp: number;
}

export type LinkCheck =
  | { ok: true; payload: SignInLinkPayload }
  | { ok: false; reason: 'invalid' | 'expired' };

/** base64url(JSON payload) + '.' + base64url(HMAC-SHA256): a changed byte fails the MAC. */
export function signLink(key: Buffer, payload: SignInLinkPayload): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${hmac(key, body)}`;
}

export function verifyLink(key: Buffer, token: string, purpose: SignInLinkPurpose, nowMs: number): LinkCheck {
  const [body, mac, extra] = token.split('.');
  if (!body || !mac || extra !== undefined || !sameString(mac, hmac(key, body))) return { ok: false, reason: 'invalid' };
  let payload: SignInLinkPayload;
  try {
    payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as SignInLinkPayload;
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (payload.purpose !== purpose || typeof payload.id !== 'string' || typeof payload.exp !== 'number') return { ok: false, reason: 'invalid' };
  if (payload.exp <= nowMs) return { ok: false, reason: 'expired' };
  return { ok: true, payload };
}
