import twilio from 'twilio';
import type { RequestOptions } from 'twilio/lib/base/RequestClient.js';
import {
  NotificationDeliveryError,
  type DeliveryReceipt,
  type NotificationSender,
  type OutboundNotification,
} from './notification.port.js';

export interface TwilioSmsSenderOptions {
  accountSid: string;
  authToken: string;
  /** E.164 sender number. */
  from: string;
  /** Replaces `https://api.twilio.com` (tests point it at a local stand-in). */
  baseUrl?: string;
  timeoutMs?: number;
  /** Where Twilio posts the message's status changes (queued, sent, delivered, undelivered, failed). */
  statusCallback?: string;
}

/**
 * The SDK builds absolute `https://api.twilio.com/...` URLs and has no base-URL option, but it
 * accepts a custom `httpClient`; this one swaps the origin for `baseUrl` and keeps path and query.
 */
class BaseUrlRequestClient extends twilio.RequestClient {
  constructor(
    private readonly baseUrl: string,
    options: ConstructorParameters<typeof twilio.RequestClient>[0],
  ) {
    super(options);
  }

  override request<TData>(opts: RequestOptions<TData>) {
    const original = new URL(opts.uri);
    const uri = this.baseUrl.replace(/\/+$/, '') + original.pathname + original.search;
    return super.request<TData>({ ...opts, uri });
  }
}

/** Sends SMS through Twilio's Messages API with the official SDK. */
export class TwilioSmsSender implements NotificationSender {
  private readonly client: twilio.Twilio;

  constructor(private readonly options: TwilioSmsSenderOptions) {
    const httpOptions = { timeout: options.timeoutMs ?? 30_000 };
    this.client = new twilio.Twilio(options.accountSid, options.authToken, {
      httpClient: options.baseUrl
        ? new BaseUrlRequestClient(options.baseUrl, httpOptions)
        : new twilio.RequestClient(httpOptions),
    });
  }

  async send(notification: OutboundNotification): Promise<DeliveryReceipt> {
    try {
      const message = await this.client.messages.create({
        to: notification.to,
        from: this.options.from,
        body: notification.body,
        ...(this.options.statusCallback && { statusCallback: this.options.statusCallback }),
      });
      return { status: 'sent', providerMessageId: message.sid ?? null };
    } catch (error) {
      throw toDeliveryError(error);
    }
  }
}

interface TwilioErrorShape {
  status?: unknown;
  code?: unknown;
  message?: unknown;
  isAxiosError?: boolean;
}

/** Builds a fresh error so the SDK/axios error (whose config carries credentials) never leaks. */
function toDeliveryError(error: unknown): NotificationDeliveryError {
  const e = (error ?? {}) as TwilioErrorShape;
  // RestException and TwilioServiceException carry the HTTP status in `status`, Twilio's own code in `code`.
  if (typeof e.status === 'number') {
    const status = e.status;
    const retryable = status === 429 || status >= 500;
    const code = typeof e.code === 'number' ? `, code ${e.code}` : '';
    const verb = retryable ? 'failed' : 'rejected the SMS';
    return new NotificationDeliveryError(
      'twilio',
      `Twilio ${verb} (HTTP ${status}${code}): ${String(e.message)}`,
      retryable,
      status,
    );
  }
  if (e.isAxiosError) {
    // No HTTP answer at all (refused, reset, timeout): the message was not accepted, try again.
    return new NotificationDeliveryError('twilio', `Twilio unreachable: ${String(e.code ?? e.message)}`, true);
  }
  // The SDK refused the parameters before sending (e.g. missing `to`): retrying cannot help.
  return new NotificationDeliveryError('twilio', `Twilio request not sent: ${String(e.message)}`, false);
}
