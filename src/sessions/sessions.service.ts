import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Request } from 'express';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsNull, LessThan, type DataSource } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import { Clock } from '../clock/clock.js';
import { AppConfig, isProduction } from '../config/app-config.js';
import { NOTIFICATION_SENDER, type NotificationSender } from '../notifications/notification.port.js';
import { UsersService, type UserView } from '../users/users.service.js';
import { ConsoleAccount, type ConsoleLanguage } from './console-account.entity.js';
import { ConsoleSession } from './console-session.entity.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { derivedKey, hmac, newSessionToken, sameString, sha256Hex } from './session-secrets.js';
import { CsrfError, InvalidCredentialsError, SignInLinkError } from './sessions.errors.js';
import { CSRF_HEADER, sessionCookieOf } from './session-cookies.js';
import { signInMail } from './sign-in-mail.js';
import { SignInLink, type SignInLinkPurpose } from './sign-in-link.entity.js';
import { signLink, verifyLink } from './sign-in-link-signer.js';

const HOUR_MS = 3_600_000;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const SESSION_TTL_MS = 12 * HOUR_MS;
const LINK_TTL_MS: Record<SignInLinkPurpose, number> = { magic: HOUR_MS / 4, invite: 7 * 24 * HOUR_MS };
const LINK_VALIDITY_TEXT: Record<SignInLinkPurpose, Record<ConsoleLanguage, string>> = {
  magic: { en: '15 minutes', fr: '15 minutes' },
  invite: { en: '7 days', fr: '7 jours' },
};
/** Where each link lands in the console: a page that asks before acting. */
const LINK_PAGE: Record<SignInLinkPurpose, string> = { magic: '/sign-in/link', invite: '/set-password' };

export interface IssuedSession {
  token: string;
  csrfToken: string;
  maxAgeMs: number;
  view: SessionView;
}

export interface SessionView {
  user: { id: string; email: string; name: string };
  roles: readonly string[];
  groups: readonly string[];
  language: ConsoleLanguage;
  /** Echo it in X-CSRF-Token on unsafe requests (null when signed in with a bearer token). */
  csrfToken: string | null;
}

/**
 * Console sign-in: passwords, emailed magic and invitation links, and the
 * browser sessions they open. Personal tokens (users module) stay for integrations.
 */
@Injectable()
export class SessionsService {
  private readonly logger = new Logger('Sessions');
  private readonly linkKey: Buffer;
  private readonly csrfKey: Buffer;
  private readonly baseUrl: string;
  private readonly production: boolean;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(UsersService) private readonly users: UsersService,
    @Inject(NOTIFICATION_SENDER) private readonly mail: NotificationSender,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(AppConfig) config: AppConfig,
  ) {
    this.linkKey = derivedKey(config, 'sign-in-links');
    this.csrfKey = derivedKey(config, 'session-csrf');
    this.baseUrl = (config.RELANCE_PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, '');
    this.production = isProduction(config);
  }

  async signIn(email: string, password: string): Promise<IssuedSession> {
    const user = await this.users.findByEmail(email);
    const account = user ? await this.account(user.id) : null;
    const ok = await verifyPassword(account?.passwordHash ?? null, password);
    if (!ok || !user?.active) throw new InvalidCredentialsError();
    return this.open(user);
  }

  /** Emails a magic link when the email belongs to an active person; says nothing either way (no account probing). */
  async requestMagicLink(email: string): Promise<void> {
    const user = await this.users.findByEmail(email);
    if (user?.active) await this.sendLink(user, 'magic');
  }

  async redeemMagicLink(token: string): Promise<IssuedSession> {
    return this.open(await this.useLink(token, 'magic'));
  }

  /** An invitation link sets the first password (or a new one) and signs the person in. */
  async setPassword(token: string, password: string): Promise<IssuedSession> {
    const user = await this.useLink(token, 'invite');
    const passwordHash = await hashPassword(password);
    await this.dataSource.manager.upsert(ConsoleAccount, { userId: user.id, passwordHash }, ['userId']);
    // Sessions opened with the old password end.
    await this.dataSource.manager.delete(ConsoleSession, { userId: user.id });
    return this.open(user);
  }

  async invite(userId: string): Promise<{ email: string; expiresAt: string }> {
    const user = await this.users.get(userId);
    const expiresAt = await this.sendLink(user, 'invite');
    return { email: user.email, expiresAt: expiresAt.toISOString() };
  }

  /** The principal behind a session cookie, or null (unknown, expired, or the person was deactivated). */
  async principalForSession(token: string): Promise<Principal | null> {
    const session = await this.dataSource.manager.findOneBy(ConsoleSession, { tokenHash: sha256Hex(token) });
    if (!session || session.expiresAt.getTime() <= this.clock.nowMs()) return null;
    const user = await this.users.findById(session.userId);
    if (!user?.active) return null;
    return { kind: 'user', userId: user.id, email: user.email, name: user.name, roles: user.roles, groups: user.groups };
  }

  /**
   * The principal of a request carrying a session cookie (null without one or when it is stale).
   * Unsafe methods also need X-CSRF-Token: a cookie alone never changes anything.
   */
  async principalForRequest(req: Request): Promise<Principal | null> {
    const token = sessionCookieOf(req);
    if (!token) return null;
    const principal = await this.principalForSession(token);
    if (principal && !SAFE_METHODS.has(req.method) && !this.validCsrf(token, req.header(CSRF_HEADER))) throw new CsrfError();
    return principal;
  }

  csrfTokenFor(sessionToken: string): string {
    return hmac(this.csrfKey, sessionToken);
  }

  validCsrf(sessionToken: string, given: string | undefined): boolean {
    return given !== undefined && sameString(given, this.csrfTokenFor(sessionToken));
  }

  async signOut(sessionToken: string | null): Promise<void> {
    if (sessionToken) await this.dataSource.manager.delete(ConsoleSession, { tokenHash: sha256Hex(sessionToken) });
  }

  async view(principal: Principal, sessionToken: string | null): Promise<SessionView> {
    const account = principal.userId ? await this.account(principal.userId) : null;
    return {
      user: { id: principal.userId ?? '', email: principal.email ?? '', name: principal.name },
      roles: principal.roles, groups: principal.groups, language: account?.language ?? 'fr',
      csrfToken: sessionToken ? this.csrfTokenFor(sessionToken) : null,
    };
  }

  async setLanguage(userId: string, language: ConsoleLanguage): Promise<void> {
    await this.dataSource.manager.upsert(ConsoleAccount, { userId, language }, ['userId']);
  }

  private account(userId: string): Promise<ConsoleAccount | null> {
    return this.dataSource.manager.findOneBy(ConsoleAccount, { userId });
  }

  private async open(user: UserView): Promise<IssuedSession> {
    const token = newSessionToken();
    // The person's stale sessions go as a new one opens, so the table stays the size of the live ones.
    await this.dataSource.manager.delete(ConsoleSession, { userId: user.id, expiresAt: LessThan(new Date(this.clock.nowMs())) });
    await this.dataSource.manager.insert(ConsoleSession, {
      tokenHash: sha256Hex(token), userId: user.id, expiresAt: new Date(this.clock.nowMs() + SESSION_TTL_MS),
    });
    const principal: Principal = { kind: 'user', userId: user.id, email: user.email, name: user.name, roles: user.roles, groups: user.groups };
    return { token, csrfToken: this.csrfTokenFor(token), maxAgeMs: SESSION_TTL_MS, view: await this.view(principal, token) };
  }

  private async sendLink(user: UserView, purpose: SignInLinkPurpose): Promise<Date> {
    const expiresAt = new Date(this.clock.nowMs() + LINK_TTL_MS[purpose]);
    const link = await this.dataSource.manager.save(SignInLink, { userId: user.id, purpose, expiresAt, usedAt: null });
    const token = signLink(this.linkKey, { id: link.id, purpose, exp: expiresAt.getTime() });
    const url = `${this.baseUrl}${LINK_PAGE[purpose]}?token=${encodeURIComponent(token)}`;
    const language = (await this.account(user.id))?.language ?? 'fr';
    const { subject, body } = signInMail(purpose, language, user.name, url, LINK_VALIDITY_TEXT[purpose][language]);
    const receipt = await this.mail.send({ channel: 'email', to: user.email, subject, body, idempotencyKey: `sign-in-link:${link.id}` });
    // Development has no mail provider: the link goes to the log for the developer to open (never in production: it signs in).
    if (receipt.status === 'recorded') {
      this.logger.log(this.production ? `${purpose} link for ${user.email} recorded, not sent: configure SENDGRID_API_KEY` : `${purpose} link for ${user.email}: ${url}`);
    }
    return expiresAt;
  }

  /** Checks the signature and expiry, then marks the link used in one statement (a second use finds it used). */
  private async useLink(token: string, purpose: SignInLinkPurpose): Promise<UserView> {
    const check = verifyLink(this.linkKey, token, purpose, this.clock.nowMs());
    if (!check.ok) throw new SignInLinkError(check.reason);
    const result = await this.dataSource.manager.update(
      SignInLink, { id: check.payload.id, purpose, usedAt: IsNull() }, { usedAt: new Date(this.clock.nowMs()) },
    );
    if (!result.affected) {
      const exists = await this.dataSource.manager.existsBy(SignInLink, { id: check.payload.id });
      throw new SignInLinkError(exists ? 'used' : 'invalid');
    }
    const link = await this.dataSource.manager.findOneByOrFail(SignInLink, { id: check.payload.id });
    const user = await this.users.findById(link.userId);
    if (!user?.active) throw new SignInLinkError('invalid');
    return user;
  }
}
