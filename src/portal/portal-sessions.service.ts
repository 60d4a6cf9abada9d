import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { parse } from 'cookie';
import type { Request, Response } from 'express';
import { LessThan, type DataSource } from 'typeorm';
import { Clock } from '../clock/clock.js';
import { AppConfig } from '../config/app-config.js';
import { derivedKey, hmac, newSessionToken, sameString, sha256Hex } from '../sessions/session-secrets.js';
import { CSRF_HEADER, secureCookies } from '../sessions/session-cookies.js';
import { PortalCsrfError } from './portal.errors.js';
import { PortalLink } from './portal-link.entity.js';
import { PortalLinksService } from './portal-links.service.js';
import { PortalSession } from './portal-session.entity.js';

/** The portal's own cookie: console sessions and API tokens never open a portal route, nor does this cookie a staff route. */
export const PORTAL_COOKIE = 'relance_portal';
const SESSION_TTL_MS = 8 * 3_600_000;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Who a portal request speaks for: one contact of one customer, through one link. */
export interface PortalPrincipal {
  kind: 'portal';
  linkId: string;
  customerId: string;
  contactId: string;
  /** For the CSRF token the page echoes. */
  sessionToken: string;
}

export type PortalRequest = Request & { portal?: PortalPrincipal };

/** Exchanges a portal link for a browser session, and finds the session behind a request. */
@Injectable()
export class PortalSessionsService {
  private readonly csrfKey: Buffer;
  private readonly secure: boolean;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(PortalLinksService) private readonly links: PortalLinksService,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(AppConfig) config: AppConfig,
  ) {
    this.csrfKey = derivedKey(config, 'portal-csrf');
    this.secure = secureCookies(config);
  }

  /** Opens a session from a link token (PortalLinkError when the link cannot), ending at the latest with the link. */
  async open(token: string): Promise<{ principal: PortalPrincipal; maxAgeMs: number }> {
    const link = await this.links.verify(token);
    const now = this.clock.nowMs();
    const expiresAt = Math.min(now + SESSION_TTL_MS, link.expiresAt.getTime());
    const sessionToken = newSessionToken();
    await this.dataSource.transaction(async (m) => {
      // Stale sessions of this link go as a new one opens, so the table stays the size of the live ones.
      await m.delete(PortalSession, { linkId: link.id, expiresAt: LessThan(new Date(now)) });
      await m.insert(PortalSession, { tokenHash: sha256Hex(sessionToken), linkId: link.id, expiresAt: new Date(expiresAt) });
      await m.update(PortalLink, { id: link.id }, { lastUsedAt: new Date(now) });
    });
    return {
      principal: { kind: 'portal', linkId: link.id, customerId: link.customerId, contactId: link.contactId, sessionToken },
      maxAgeMs: expiresAt - now,
    };
  }

  /**
   * The portal principal behind the request's portal cookie, or null (none, expired, link revoked or expired).
   * Unsafe methods also need X-CSRF-Token: the cookie alone never changes anything.
   */
  async principalForRequest(req: Request): Promise<PortalPrincipal | null> {
    const header = req.headers.cookie;
    const token = header ? parse(header)[PORTAL_COOKIE] : undefined;
    if (!token) return null;
    const session = await this.dataSource.manager.findOne(PortalSession, { where: { tokenHash: sha256Hex(token) }, relations: { link: true } });
    const now = this.clock.nowMs();
    const link = session?.link;
    if (!session || !link || session.expiresAt.getTime() <= now || link.revokedAt || link.expiresAt.getTime() <= now) return null;
    if (!SAFE_METHODS.has(req.method) && !this.validCsrf(token, req.header(CSRF_HEADER))) throw new PortalCsrfError();
    return { kind: 'portal', linkId: link.id, customerId: link.customerId, contactId: link.contactId, sessionToken: token };
  }

  csrfTokenFor(sessionToken: string): string {
    return hmac(this.csrfKey, sessionToken);
  }

  async close(principal: PortalPrincipal): Promise<void> {
    await this.dataSource.manager.delete(PortalSession, { tokenHash: sha256Hex(principal.sessionToken) });
  }

  setCookie(res: Response, principal: PortalPrincipal, maxAgeMs: number): void {
    res.cookie(PORTAL_COOKIE, principal.sessionToken, { httpOnly: true, sameSite: 'strict', secure: this.secure, path: '/', maxAge: maxAgeMs });
    res.setHeader('Cache-Control', 'no-store');
  }

  clearCookie(res: Response): void {
    res.clearCookie(PORTAL_COOKIE, { httpOnly: true, sameSite: 'strict', secure: this.secure, path: '/' });
  }

  private validCsrf(sessionToken: string, given: string | undefined): boolean {
    return given !== undefined && sameString(given, this.csrfTokenFor(sessionToken));
  }
}
