import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Public, Roles } from '../auth/auth.tokens.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { ANY_ROLE } from '../auth/need-to-know.js';
import type { Principal } from '../auth/principal.js';
import { IdPipe } from '../common/uuid.js';
import { AppConfig } from '../config/app-config.js';
import { ApiResponse } from '@nestjs/swagger';
import { RateLimited } from '../http/rate-limit.js';
import { ApiErrors } from '../openapi/decorators.js';
import { clearSessionCookies, sessionCookieOf, setSessionCookies } from './session-cookies.js';
import { JsonBodyRequiredError } from './sessions.errors.js';
import { LinkTokenDto, MagicLinkRequestDto, SetPasswordDto, SignInDto, UpdateSessionDto } from './sessions.dto.js';
import { InvitationSentResponse, LinkSentResponse, SessionResponse } from './sessions.openapi.js';
import { SessionsService, type IssuedSession, type SessionView } from './sessions.service.js';

/**
 * Unauthenticated sign-in routes accept JSON only: a cross-site HTML form
 * cannot send it, so no other site can sign a browser into an account (login CSRF).
 */
function requireJson(req: Request): void {
  if (!req.is('application/json')) throw new JsonBodyRequiredError();
}

@Controller('api/v1')
export class SessionsController {
  constructor(
    @Inject(SessionsService) private readonly sessions: SessionsService,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  /** Signs in with email and password: the session cookie plus the CSRF token to echo. */
  @Post('session')
  @Public()
  @RateLimited()
  @HttpCode(200)
  @ApiResponse({ status: 200, description: 'The session: who, roles, language, CSRF token', type: SessionResponse })
  @ApiErrors({ 401: 'INVALID_CREDENTIALS: the email or the password is wrong', 415: 'JSON_REQUIRED: the body must be application/json' })
  async signIn(@Body() dto: SignInDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    requireJson(req);
    return this.issue(res, await this.sessions.signIn(dto.email, dto.password));
  }

  /** Who is signed in, their roles and console language. */
  @Get('session')
  @Roles(...ANY_ROLE)
  @ApiResponse({ status: 200, description: 'The session: who, roles, language, CSRF token', type: SessionResponse })
  me(@CurrentPrincipal() principal: Principal, @Req() req: Request): Promise<SessionView> {
    return this.sessions.view(principal, sessionCookieOf(req));
  }

  @Patch('session')
  @Roles(...ANY_ROLE)
  @ApiResponse({ status: 200, description: 'The session: who, roles, language, CSRF token', type: SessionResponse })
  async update(@Body() dto: UpdateSessionDto, @CurrentPrincipal() principal: Principal, @Req() req: Request) {
    if (principal.userId) await this.sessions.setLanguage(principal.userId, dto.language);
    return this.sessions.view(principal, sessionCookieOf(req));
  }

  @Delete('session')
  @Roles(...ANY_ROLE)
  @HttpCode(204)
  async signOut(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.sessions.signOut(sessionCookieOf(req));
    clearSessionCookies(res, this.config);
  }

  /** Emails a sign-in link if the address is a person's; always 202 so nobody can probe accounts. */
  @Post('session/link')
  @Public()
  @RateLimited()
  @HttpCode(202)
  @ApiResponse({ status: 202, description: 'Sent if the address is a person\'s', type: LinkSentResponse })
  @ApiErrors({ 415: 'JSON_REQUIRED: the body must be application/json' })
  async requestLink(@Body() dto: MagicLinkRequestDto, @Req() req: Request) {
    requireJson(req);
    await this.sessions.requestMagicLink(dto.email);
    return { sent: true };
  }

  /** The console's link page posts the emailed token here (opening the link alone signs nobody in). */
  @Post('session/link/redeem')
  @Public()
  @RateLimited()
  @HttpCode(200)
  @ApiResponse({ status: 200, description: 'The session: who, roles, language, CSRF token', type: SessionResponse })
  @ApiErrors({ 410: 'LINK_EXPIRED or LINK_USED: ask for a new link', 415: 'JSON_REQUIRED: the body must be application/json' })
  async redeemLink(@Body() dto: LinkTokenDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    requireJson(req);
    return this.issue(res, await this.sessions.redeemMagicLink(dto.token));
  }

  /** Sets a password from an invitation link and signs in. */
  @Post('session/password')
  @Public()
  @RateLimited()
  @HttpCode(200)
  @ApiResponse({ status: 200, description: 'The session: who, roles, language, CSRF token', type: SessionResponse })
  @ApiErrors({ 410: 'LINK_EXPIRED or LINK_USED: ask for a new link', 415: 'JSON_REQUIRED: the body must be application/json' })
  async setPassword(@Body() dto: SetPasswordDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    requireJson(req);
    return this.issue(res, await this.sessions.setPassword(dto.token, dto.password));
  }

  /** Emails the person a link to choose their password (a new invitation also resets a forgotten one). */
  @Post('users/:id/invitation')
  @Roles('admin')
  @HttpCode(202)
  @ApiResponse({ status: 202, description: 'The invitation is on its way', type: InvitationSentResponse })
  invite(@Param('id', new IdPipe('User')) id: string): Promise<InvitationSentResponse> {
    return this.sessions.invite(id);
  }

  private issue(res: Response, session: IssuedSession): SessionView {
    setSessionCookies(res, this.config, session);
    res.setHeader('Cache-Control', 'no-store');
    return session.view;
  }
}
