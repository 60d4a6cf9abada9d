import { Client } from '@sendgrid/client';
import { MailService } from '@sendgrid/mail';
import {
  NotificationDeliveryError,
  type DeliveryReceipt,
  type NotificationSender,
  type OutboundNotification,
} from './notification.port.js';

export interface SendGridEmailSenderOptions {
  apiKey: string;
  /** Sender address, `relance@example.com` or `Relance <relance@example.com>`. */
  from: string;
  /** Replaces `https://api.sendgrid.com` (tests point it at a local stand-in). */
  baseUrl?: string;
  /** The SDK sets no timeout of its own; a hung request must not block an activity forever. */
  timeoutMs?: number;
  /** The reply-to address of a customer message (its id signed into it), so replies thread onto it. */
  replyTo?: (messageId: string) => string;
}

export const IDEMPOTENCY_HEADER = 'X-Relance-Idempotency-Key';

/** Sends email through SendGrid's v3 Mail Send API with the official SDK. */
export class SendGridEmailSender implements NotificationSender {
  // Own instances rather than the SDK's global singletons, so two senders never share a key or a base URL.
  private readonly mail = new MailService();

  constructor(private readonly options: SendGridEmailSenderOptions) {
    const client = new Client();
    client.setApiKey(options.apiKey); // setApiKey resets baseUrl, so the override comes after it.
    if (options.baseUrl) client.setDefaultRequest('baseUrl', options.baseUrl);
    this.mail.setClient(client);
    this.mail.setTimeout(options.timeoutMs ?? 30_000);
  }

  async send(notification: OutboundNotification): Promise<DeliveryReceipt> {
    let response;
    try {
      [response] = await this.mail.send({
        to: notification.to,
        from: this.options.from,
        subject: notification.subject,
        text: notification.body,
        html: plainTextToHtml(notification.body),
        ...(notification.messageId && this.options.replyTo && { replyTo: this.options.replyTo(notification.messageId) }),
        // Custom arguments come back in every Event Webhook event: delivery tracking finds the message by them.
        customArgs: {
          relance_idempotency_key: notification.idempotencyKey,
          ...(notification.messageId && { relance_message_id: notification.messageId }),
        },
        headers: { [IDEMPOTENCY_HEADER]: notification.idempotencyKey },
      });
    } catch (error) {
      throw toDeliveryError(error);
    }
    const messageId: unknown = response.headers?.['x-message-id'];
    return { status: 'sent', providerMessageId: typeof messageId === 'string' ? messageId : null };
  }
}

function plainTextToHtml(text: string): string {
  const escaped = text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
  return `<div style="white-space: pre-wrap">${escaped}</div>`;
}

interface SendGridErrorShape {
  code?: unknown;
  message?: unknown;
  isAxiosError?: boolean;
  response?: { body?: { errors?: { message?: string; field?: string | null }[] } };
}

/** Builds a fresh error so the SDK's error (whose request config carries the API key) never leaks. */
function toDeliveryError(error: unknown): NotificationDeliveryError {
  const e = (error ?? {}) as SendGridErrorShape;
  // The SDK's ResponseError carries the HTTP status in `code`; axios network errors carry a string code.
  if (typeof e.code === 'number') {
    const status = e.code;
    const details = (e.response?.body?.errors ?? [])
      .map((x) => (x.field ? `${x.message} (${x.field})` : x.message))
      .filter(Boolean)
      .join('; ');
    const retryable = status === 429 || status >= 500;
    const verb = retryable ? 'failed' : 'rejected the email';
    return new NotificationDeliveryError(
      'sendgrid',
      `SendGrid ${verb} (HTTP ${status})${details ? `: ${details}` : ''}`,
      retryable,
      status,
    );
  }
  if (e.isAxiosError) {
    // No HTTP answer at all (refused, reset, timeout): the mail was not accepted, try again.
    return new NotificationDeliveryError('sendgrid', `SendGrid unreachable: ${String(e.code ?? e.message)}`, true);
  }
  // The SDK refused the data before sending (e.g. a malformed field): retrying cannot help.
  return new NotificationDeliveryError('sendgrid', `SendGrid request not sent: ${String(e.message)}`, false);
}
