import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Req, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiConsumes, ApiResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { PortalOnly, Public } from '../auth/auth.tokens.js';
import { AppError } from '../common/errors.js';
import { RateLimited } from '../http/rate-limit.js';
import { ApiErrors } from '../openapi/decorators.js';
import { CurrentPortal } from './current-portal.decorator.js';
import { ApiIdempotencyKey, IdempotencyKey } from './idempotency-key.js';
import { PortalDisputeDto, PortalOpenDto, PortalPaymentPlanDto, PortalPromiseDto } from './portal.dto.js';
import {
  PortalAccountResponse, PortalActionResponse, PortalInvoiceResponse, PortalPayResponse, PortalSessionResponse,
} from './portal.openapi.js';
import { MAX_ATTACHMENT_BYTES, PortalService, type UploadedAttachment } from './portal.service.js';
import { PortalSessionsService, type PortalPrincipal } from './portal-sessions.service.js';

function sendPdf(res: Response, file: { name: string; content: Buffer; contentType: string }, disposition: 'inline' | 'attachment'): void {
  res.setHeader('Content-Type', file.contentType);
  res.setHeader('Content-Disposition', `${disposition}; filename="${file.name}"`);
  res.setHeader('Cache-Control', 'private, no-store');
  res.end(file.content);
}

/** The link's landing page posts the emailed token here: opening the link alone opens nothing. */
@Controller('api/v1/portal')
export class PortalEntryController {
  constructor(
    @Inject(PortalSessionsService) private readonly sessions: PortalSessionsService,
    @Inject(PortalService) private readonly portal: PortalService,
  ) {}

  /** Exchanges a portal link's token for a portal session (HttpOnly, SameSite=Strict cookie) for its contact and customer. */
  @Post('session')
  @Public()
  @RateLimited()
  @HttpCode(200)
  @ApiResponse({ status: 200, description: 'The portal session: customer, contact, language, CSRF token', type: PortalSessionResponse })
  @ApiErrors({
    400: 'PORTAL_LINK_INVALID: the link was altered or cut', 410: 'PORTAL_LINK_EXPIRED or PORTAL_LINK_REVOKED',
    415: 'JSON_REQUIRED: the body must be application/json',
  })
  async open(@Body() dto: PortalOpenDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    // JSON only: a cross-site HTML form cannot send it, so no other site can open a portal session in a browser.
    if (!req.is('application/json')) throw new AppError('JSON_REQUIRED', 'This route accepts application/json bodies only', 415);
    const { principal, maxAgeMs } = await this.sessions.open(dto.token);
    this.sessions.setCookie(res, principal, maxAgeMs);
    await this.portal.opened(principal);
    return { ...(await this.portal.me(principal)), csrfToken: this.sessions.csrfTokenFor(principal.sessionToken) };
  }
}

/** What the portal session's contact reads and does: its own customer's data only (others: 404). */
@Controller('api/v1/portal')
@PortalOnly()
export class PortalController {
  constructor(
    @Inject(PortalSessionsService) private readonly sessions: PortalSessionsService,
    @Inject(PortalService) private readonly portal: PortalService,
  ) {}

  @Get('session')
  @ApiResponse({ status: 200, description: 'The portal session: customer, contact, language, CSRF token', type: PortalSessionResponse })
  async me(@CurrentPortal() p: PortalPrincipal) {
    return { ...(await this.portal.me(p)), csrfToken: this.sessions.csrfTokenFor(p.sessionToken) };
  }

  @Delete('session')
  @HttpCode(204)
  async close(@CurrentPortal() p: PortalPrincipal, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.sessions.close(p);
    this.sessions.clearCookie(res);
  }

  @Get('account')
  @ApiResponse({ status: 200, description: 'Balances, open items and disputes of the customer', type: PortalAccountResponse })
  account(@CurrentPortal() p: PortalPrincipal) {
    return this.portal.account(p);
  }

  @Get('statement')
  @ApiResponse({ status: 200, description: 'The statement of account (PDF)', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  async statement(@CurrentPortal() p: PortalPrincipal, @Res() res: Response): Promise<void> {
    const { name, pdf } = await this.portal.statementPdf(p);
    sendPdf(res, { name: `${name}.pdf`, content: pdf, contentType: 'application/pdf' }, 'attachment');
  }

  @Get('invoices/:id')
  @ApiResponse({ status: 200, description: 'The invoice and its documents', type: PortalInvoiceResponse })
  invoice(@CurrentPortal() p: PortalPrincipal, @Param('id') id: string) {
    return this.portal.invoice(p, id);
  }

  @Get('invoices/:id/document')
  @ApiResponse({ status: 200, description: 'The invoice PDF the ERP supplied', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  async invoiceDocument(@CurrentPortal() p: PortalPrincipal, @Param('id') id: string, @Res() res: Response): Promise<void> {
    sendPdf(res, await this.portal.invoiceDocument(p, id), 'inline');
  }

  @Get('letters/:id')
  @ApiResponse({ status: 200, description: 'A letter sent about one of the invoices (PDF)', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  async letter(@CurrentPortal() p: PortalPrincipal, @Param('id') id: string, @Res() res: Response): Promise<void> {
    sendPdf(res, await this.portal.letter(p, id), 'inline');
  }

  /** Opens a dispute on the invoice (its workflow routes it to a validator); JSON, or multipart with an `attachment` file. */
  @Post('invoices/:id/disputes')
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiIdempotencyKey()
  @ApiResponse({ status: 201, description: 'Opened (or, with an Idempotency-Key already used, the dispute it opened)', type: PortalActionResponse })
  @UseInterceptors(FileInterceptor('attachment', { limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1 } }))
  dispute(
    @CurrentPortal() p: PortalPrincipal, @Param('id') id: string, @Body() dto: PortalDisputeDto,
    @IdempotencyKey() key: string | null, @UploadedFile() file?: UploadedAttachment,
  ) {
    return this.portal.dispute(p, id, dto, file, key);
  }

  /** A promise to pay these invoices (its workflow holds their dunning until the date). */
  @Post('promises')
  @ApiIdempotencyKey()
  @ApiResponse({ status: 201, description: 'Recorded (or, with an Idempotency-Key already used, the promise it recorded)', type: PortalActionResponse })
  promise(@CurrentPortal() p: PortalPrincipal, @Body() dto: PortalPromiseDto, @IdempotencyKey() key: string | null) {
    return this.portal.promise(p, dto, key);
  }

  /** Asks for a payment plan over these invoices: active at once or waiting for approval, as the entity's rules say. */
  @Post('payment-plans')
  @ApiIdempotencyKey()
  @ApiResponse({ status: 201, description: 'Requested (or, with an Idempotency-Key already used, the plan it requested)', type: PortalActionResponse })
  paymentPlan(@CurrentPortal() p: PortalPrincipal, @Body() dto: PortalPaymentPlanDto, @IdempotencyKey() key: string | null) {
    return this.portal.paymentPlan(p, dto, key);
  }

  /** The entity's payment page for the invoice (404 when the entity has none). */
  @Post('invoices/:id/pay')
  @HttpCode(200)
  @ApiResponse({ status: 200, description: 'Where to pay', type: PortalPayResponse })
  pay(@CurrentPortal() p: PortalPrincipal, @Param('id') id: string) {
    return this.portal.payUrl(p, id);
  }
}
