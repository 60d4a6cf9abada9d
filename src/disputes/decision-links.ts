import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { resolveDevApiKey } from '../bootstrap/dev-api-key.js';
import { AppConfig } from '../config/app-config.js';

/** What a decision link carries: dispute, validator, level, decision, expiry (epoch seconds), nonce. */
export interface DecisionLinkPayload {
  d: string;
  u: string;
  l: 1 | 2;
  x: 'accept' | 'reject' | 'request_info';
  e: number;
  n: string;
}

export const DECISION_LINK_LIFETIME_SECONDS = 7 * 24 * 3600;

export type LinkCheck = { ok: true; payload: DecisionLinkPayload } | { ok: false; reason: 'tampered' | 'expired' };

/**
 * Signs and verifies decision links: base64url(JSON payload) + '.' +
 * base64url(HMAC-SHA256). The key is RELANCE_LINK_SECRET, else derived from
 * the operator API key (the API and the worker share it).
 */
@Injectable()
export class DecisionLinkSigner {
  private readonly secret: Buffer;
  readonly baseUrl: string;

  constructor(@Inject(AppConfig) config: AppConfig) {
    this.secret = config.RELANCE_LINK_SECRET
      ? Buffer.from(config.RELANCE_LINK_SECRET)
      : createHmac('sha256', resolveDevApiKey(config).key).update('relance-decision-links').digest();
    this.baseUrl = (config.RELANCE_PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, '');
  }

  newNonce(): string {
    return randomBytes(18).toString('base64url');
  }

  sign(payload: DecisionLinkPayload): string {
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return `${body}.${this.mac(body)}`;
  }

  url(token: string): string {
    return `${this.baseUrl}/decisions/${token}`;
  }

  verify(token: string, nowMs = Date.now()): LinkCheck {
    const [body, mac, extra] = token.split('.');
    if (!body || !mac || extra !== undefined) return { ok: false, reason: 'tampered' };
    const expected = Buffer.from(this.mac(body));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'tampered' };
    let payload: DecisionLinkPayload;
    try {
      payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as DecisionLinkPayload;
    } catch {
      return { ok: false, reason: 'tampered' };
    }
    if (typeof payload.e !== 'number' || payload.e * 1000 <= nowMs) return { ok: false, reason: 'expired' };
    return { ok: true, payload };
  }

  private mac(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url');
  }
}
