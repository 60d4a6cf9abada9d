import { timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { AppError } from '../common/errors.js';
import { API_KEYS, IS_PORTAL, IS_PUBLIC, PORTAL_RESOLVER, REQUIRED_ROLES, SESSION_RESOLVER, TOKEN_RESOLVER } from './auth.tokens.js';
import type { AuthenticatedRequest } from './current-principal.decorator.js';
import { hasAnyRole, SYSTEM_PRINCIPAL, type Principal, type Role } from './principal.js';

export interface TokenResolver {
  resolveToken(token: string): Promise<Principal | null>;
}

/** Console sessions (sessions module): the principal behind the request's session cookie, if any. */
export interface SessionResolver {
  principalForRequest(request: Request): Promise<Principal | null>;
}

/** Customer portal sessions (portal module): the contact behind the request's portal cookie, if any. */
export interface PortalResolver {
  principalForRequest(request: Request): Promise<PortalCaller | null>;
}

/** A customer contact in the portal: never a Principal, so no staff route can take it for one. */
export interface PortalCaller {
  kind: 'portal';
  customerId: string;
  contactId: string;
}

export class PortalSessionRequiredError extends AppError {
  constructor() {
    super('PORTAL_SESSION_REQUIRED', 'Open the customer portal from the link in your email', 401);
  }
}

export class ForbiddenError extends AppError {
  constructor(message: string) {
    super('FORBIDDEN', message, 403);
  }
}

function sameKey(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Every route needs `Authorization: Bearer <token>` unless marked @Public():
 * the operator's API key (every role) or a user's personal token (their roles),
 * and one of the roles its @Roles(...) names. Without that header, a console
 * session cookie (with its CSRF header on unsafe methods) stands for its user. Deny by default: a route that
 * declares no roles is refused to everyone but admins and the operator key. Routes marked @PortalOnly()
 * take a customer portal session instead, and only that.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(API_KEYS) private readonly keys: readonly string[],
    @Inject(TOKEN_RESOLVER) private readonly tokens: TokenResolver,
    @Inject(SESSION_RESOLVER) private readonly sessions: SessionResolver,
    @Inject(PORTAL_RESOLVER) private readonly portal: PortalResolver,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    // Portal routes take a portal session and nothing else (no bearer token, no console session).
    if (this.reflector.getAllAndOverride<boolean>(IS_PORTAL, targets)) {
      const caller = await this.portal.principalForRequest(request);
      if (!caller) throw new PortalSessionRequiredError();
      (request as AuthenticatedRequest & { portal?: PortalCaller }).portal = caller;
      return true;
    }
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    const principal = match ? await this.principalFor(match[1]!) : await this.sessions.principalForRequest(request);
    if (!principal) {
      http.getResponse<Response>().setHeader('WWW-Authenticate', 'Bearer realm="relance"');
      throw new UnauthorizedException(match ? 'Invalid API key or token' : 'Missing Authorization: Bearer <token> header');
    }
    request.principal = principal;
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (!hasAnyRole(principal, required ?? [])) {
      throw new ForbiddenError(required?.length ? `This needs one of the roles: ${required.join(', ')}` : 'This route declares no roles');
    }
    return true;
  }

  private async principalFor(token: string): Promise<Principal | null> {
    if (this.keys.some((k) => sameKey(token, k))) return SYSTEM_PRINCIPAL;
    return token.startsWith('rl_') ? this.tokens.resolveToken(token) : null;
  }
}
