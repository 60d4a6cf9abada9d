import { hmac, sameString } from '../sessions/session-secrets.js';

/** What a portal link's token carries: the portal_links row and its expiry (ms since the epoch). */
export interface PortalLinkPayload {
  l: string;
  e: number;
}

export type PortalLinkCheck = { ok: true; linkId: string; expiresAtMs: number } | { ok: false; reason: 'invalid' | 'expired' };

/** base64url(JSON) + '.' + base64url(HMAC-SHA256): the same token for the same row, so an email's link can be written again. */
export function signPortalLink(key: Buffer, linkId: string, expiresAtMs: number): string {
  const body = Buffer.from(JSON.stringify({ l: linkId, e: expiresAtMs } satisfies PortalLinkPayload)).toString('base64url');
  return `${body}.${hmac(key, body)}`;
}

/** A changed byte fails the MAC (`invalid`); a genuine token past its expiry is `expired`. */
export function verifyPortalLink(key: Buffer, token: string, nowMs: number): PortalLinkCheck {
  const [body, mac, extra] = token.split('.');
  if (!body || !mac || extra !== undefined || !sameString(mac, hmac(key, body))) return { ok: false, reason: 'invalid' };
  let payload: PortalLinkPayload;
  try {
    payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as PortalLinkPayload;
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (typeof payload.l !== 'string' || typeof payload.e !== 'number') return { ok: false, reason: 'invalid' };
  if (payload.e <= nowMs) return { ok: false, reason: 'expired' };
  return { ok: true, linkId: payload.l, expiresAtMs: payload.e };
}
