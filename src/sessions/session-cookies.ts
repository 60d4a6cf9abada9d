import { parse } from 'cookie';
import type { Request, Response } from 'express';
import { isProduction, type AppConfig } from '../config/app-config.js';

export const SESSION_COOKIE = 'relance_session';
/** Readable by the page: the double-submit CSRF token it echoes in X-CSRF-Token. */
export const CSRF_COOKIE = 'relance_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export function sessionCookieOf(req: Request): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  return parse(header)[SESSION_COOKIE] ?? null;
}

/** Secure (https only) in production and wherever the public URL is https; plain http is for development. */
export function secureCookies(config: AppConfig): boolean {
  return isProduction(config) || (config.RELANCE_PUBLIC_URL ?? '').startsWith('https:');
}

export function setSessionCookies(res: Response, config: AppConfig, session: { token: string; csrfToken: string; maxAgeMs: number }): void {
  const common = { sameSite: 'strict' as const, secure: secureCookies(config), path: '/', maxAge: session.maxAgeMs };
  res.cookie(SESSION_COOKIE, session.token, { ...common, httpOnly: true });
  res.cookie(CSRF_COOKIE, session.csrfToken, { ...common, httpOnly: false });
}

export function clearSessionCookies(res: Response, config: AppConfig): void {
  const common = { sameSite: 'strict' as const, secure: secureCookies(config), path: '/' };
  res.clearCookie(SESSION_COOKIE, { ...common, httpOnly: true });
  res.clearCookie(CSRF_COOKIE, common);
}
