import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AppConfig } from '../config/app-config.js';
import { resolveDevApiKey } from '../bootstrap/dev-api-key.js';

/** A key for one purpose: from RELANCE_LINK_SECRET, else the operator API key (API and worker share both). */
export function derivedKey(config: AppConfig, purpose: string): Buffer {
  const base = config.RELANCE_LINK_SECRET ?? resolveDevApiKey(config).key;
  return createHmac('sha256', base).update(`relance-${purpose}`).digest();
}

export const newSessionToken = (): string => randomBytes(32).toString('base64url');

export const sha256Hex = (value: string): string => createHash('sha256').update(value).digest('hex');

export const hmac = (key: Buffer, value: string): string => createHmac('sha256', key).update(value).digest('base64url');

export function sameString(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
