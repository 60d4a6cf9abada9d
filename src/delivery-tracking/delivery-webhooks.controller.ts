import { Body, Controller, HttpCode, Inject, Post, Req, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { AnyFilesInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiResponse } from '@nestjs/swagger';
import { ApiErrors } from '../openapi/decorators.js';
import { InboundReplyReceivedResponse, SendGridEventsResponse, TwilioStatusResponse } from './delivery-webhooks.openapi.js';
import type { Request } from 'express';
import type { KeyObject } from 'node:crypto';
import twilio from 'twilio';
import { Public } from '../auth/auth.tokens.js';
import { AppError } from '../common/errors.js';
import { AppConfig, publicOrigin, sendGridWebhookPublicKey } from '../config/app-config.js';
import { SignatureInvalidError, SignatureMissingError, WebhookNotConfiguredError } from './delivery-tracking.errors.js';
import { DeliveryTrackingService, type SendGridEvent } from './delivery-tracking.service.js';
import { InboundRepliesService, type InboundParseFields } from './inbound-replies.service.js';
import { parseSendGridPublicKey, SENDGRID_SIGNATURE_HEADER, SENDGRID_TIMESTAMP_HEADER, verifySendGridSignature } from './sendgrid-signature.js';

type RawRequest = Request & { rawBody?: Buffer };

const MAX_INBOUND_BYTES = 20 * 1024 * 1024;

/**
 * Provider webhooks. Public (no API key: the providers hold none) but authenticated by each
 * provider's signature, checked on the raw body before anything is read or written: an unsigned
 * post answers 401, a forged one 403, and neither writes anything.
 */
@Controller('api/v1/webhooks')
@Public()
export class DeliveryWebhooksController {
  private readonly sendGridKey: KeyObject | null;

  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(DeliveryTrackingService) private readonly tracking: DeliveryTrackingService,
    @Inject(InboundRepliesService) private readonly replies: InboundRepliesService,
  ) {
    const key = sendGridWebhookPublicKey(config);
    this.sendGridKey = key === null ? null : parseSendGridPublicKey(key);
  }

  /** SendGrid's Signed Event Webhook: a JSON array of events, signed with ECDSA P-256 over timestamp + raw body. */
  @Post('sendgrid/events')
  @HttpCode(200)
  @ApiBody({ description: 'SendGrid Event Webhook events (processed, delivered, open, click, bounce, dropped, spamreport…), signed in the X-Twilio-Email-Event-Webhook-Signature and -Timestamp headers', schema: { type: 'array', items: { type: 'object' } } })
  @ApiResponse({ status: 200, description: 'Counted: recorded now, duplicates (provider retries) and events about no message of ours', type: SendGridEventsResponse })
  @ApiErrors({
    400: 'MALFORMED_BODY: not a JSON array of objects', 401: 'SIGNATURE_MISSING: the signature or timestamp header is absent',
    403: 'SIGNATURE_INVALID, or WEBHOOK_NOT_CONFIGURED when SENDGRID_WEBHOOK_PUBLIC_KEY is not set', 415: 'UNSUPPORTED_MEDIA_TYPE: not application/json',
  })
  async sendGridEvents(@Req() req: RawRequest) {
    const signature = req.get(SENDGRID_SIGNATURE_HEADER);
    const timestamp = req.get(SENDGRID_TIMESTAMP_HEADER);
    if (!this.sendGridKey) throw new WebhookNotConfiguredError('SENDGRID_WEBHOOK_PUBLIC_KEY');
    if (!signature || !timestamp) throw new SignatureMissingError('The SendGrid event post');
    if (!req.rawBody) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'SendGrid events are posted as application/json', 415);
    if (!verifySendGridSignature(this.sendGridKey, req.rawBody, signature, timestamp)) throw new SignatureInvalidError('The SendGrid event post');
    const events: unknown = req.body;
    if (!Array.isArray(events) || !events.every((e) => typeof e === 'object' && e !== null && !Array.isArray(e))) {
      throw new AppError('MALFORMED_BODY', 'SendGrid events come as a JSON array of objects', 400);
    }
    return this.tracking.sendGridEvents(events as SendGridEvent[]);
  }

  /** Twilio's message status callback (the `statusCallback` of each SMS), signed with the account's auth token. */
  @Post('twilio/status')
  @HttpCode(200)
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({ description: 'Twilio status callback fields (MessageSid, MessageStatus, ErrorCode…), signed in the X-Twilio-Signature header', schema: { type: 'object', additionalProperties: { type: 'string' } } })
  @ApiResponse({ status: 200, description: 'Whether the status was recorded now and is about a message of ours', type: TwilioStatusResponse })
  @ApiErrors({
    401: 'SIGNATURE_MISSING: no X-Twilio-Signature header', 403: 'SIGNATURE_INVALID, or WEBHOOK_NOT_CONFIGURED when TWILIO_AUTH_TOKEN is not set',
    415: 'UNSUPPORTED_MEDIA_TYPE: not application/x-www-form-urlencoded',
  })
  async twilioStatus(@Req() req: RawRequest) {
    const signature = req.get('x-twilio-signature');
    const token = this.config.TWILIO_AUTH_TOKEN;
    if (!token) throw new WebhookNotConfiguredError('TWILIO_AUTH_TOKEN');
    if (!signature) throw new SignatureMissingError('The Twilio status callback');
    if (!req.rawBody) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Twilio status callbacks are posted as application/x-www-form-urlencoded', 415);
    // The fields exactly as posted (the extended form parser would nest bracketed names).
    const fields = Object.fromEntries(new URLSearchParams(req.rawBody.toString('utf8')));
    // Twilio signs the URL it called: the public origin behind which this API runs, then the path and query.
    const url = publicOrigin(this.config) + req.originalUrl;
    if (!twilio.validateRequest(token, signature, url, fields)) throw new SignatureInvalidError('The Twilio status callback');
    return this.tracking.twilioStatus(fields);
  }

  /**
   * SendGrid Inbound Parse (multipart): a customer's reply, threaded onto the message whose signed
   * reply-to address it was sent to. An email to any other address answers 403 and records nothing.
   */
  @Post('sendgrid/inbound')
  @HttpCode(200)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ description: 'Inbound Parse fields (to, cc, from, subject, text, html, headers, envelope) and attachments', schema: { type: 'object', additionalProperties: true } })
  @ApiResponse({ status: 200, description: 'The reply, threaded onto the message it answers', type: InboundReplyReceivedResponse })
  @ApiErrors({ 403: 'REPLY_ADDRESS_INVALID: the email answers no message of ours (no valid signed reply-to address among its recipients)' })
  @UseInterceptors(AnyFilesInterceptor({ limits: { fileSize: MAX_INBOUND_BYTES, files: 50, fieldSize: MAX_INBOUND_BYTES } }))
  async inbound(@Body() body: Record<string, unknown> | undefined, @UploadedFiles() files: { originalname: string }[] | undefined) {
    const field = (name: keyof InboundParseFields) => (typeof body?.[name] === 'string' ? (body[name] as string) : undefined);
    const fields: InboundParseFields = {
      to: field('to'), cc: field('cc'), from: field('from'), subject: field('subject'), text: field('text'), html: field('html'),
      headers: field('headers'), envelope: field('envelope'),
    };
    return this.replies.receive(fields, (files ?? []).map((f) => f.originalname));
  }
}
