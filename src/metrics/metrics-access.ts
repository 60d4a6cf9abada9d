import { timingSafeEqual } from 'node:crypto';
import type { AppConfig } from '../config/app-config.js';

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Who may scrape the API's `/metrics` (deny by default): anyone only when RELANCE_METRICS_PUBLIC=true;
 * otherwise a bearer that is RELANCE_METRICS_TOKEN (what Prometheus is given) or an operator API key.
 * Personal and integration tokens and console sessions never read metrics.
 */
export function mayScrape(
  config: Pick<AppConfig, 'RELANCE_METRICS_PUBLIC' | 'RELANCE_METRICS_TOKEN'>, authorization: string | undefined, apiKeys: readonly string[],
): boolean {
  if (config.RELANCE_METRICS_PUBLIC === 'true') return true;
  const bearer = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!bearer) return false;
  return [...(config.RELANCE_METRICS_TOKEN ? [config.RELANCE_METRICS_TOKEN] : []), ...apiKeys].some((secret) => sameSecret(bearer, secret));
}
