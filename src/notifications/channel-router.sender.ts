import { AppError } from '../common/errors.js';
import { publicOrigin, type AppConfig } from '../config/app-config.js';
import { derivedKey } from '../sessions/session-secrets.js';
import { ReplyAddresses } from './reply-address.js';
import type {
  DeliveryReceipt,
  NotificationChannel,
  NotificationSender,
  OutboundNotification,
} from './notification.port.js';
import { RecordingSender, type NotificationLog } from './recording.sender.js';
import { SendGridEmailSender } from './sendgrid-email.sender.js';
import { TwilioSmsSender } from './twilio-sms.sender.js';

/** Hands each notification to the sender of its channel. */
export class ChannelRouterSender implements NotificationSender {
  constructor(private readonly byChannel: Record<NotificationChannel, NotificationSender>) {}

  send(notification: OutboundNotification): Promise<DeliveryReceipt> {
    const sender = this.byChannel[notification.channel] as NotificationSender | undefined;
    // Data coming back from the database or a workflow is not type-checked at runtime.
    if (!sender) {
      return Promise.reject(
        new AppError('NOTIFICATION_CHANNEL_UNKNOWN', `No sender for channel ${String(notification.channel)}`),
      );
    }
    return sender.send(notification);
  }
}

export interface NotificationMode {
  email: 'sendgrid' | 'recorded';
  sms: 'twilio' | 'recorded';
}

/** Which adapter each channel uses for this configuration (for startup logging). */
export function describeNotificationMode(config: AppConfig): NotificationMode {
  return {
    email: config.SENDGRID_API_KEY ? 'sendgrid' : 'recorded',
    sms: config.TWILIO_ACCOUNT_SID && config.TWILIO_AUTH_TOKEN && config.TWILIO_FROM ? 'twilio' : 'recorded',
  };
}

/** Real providers where credentials are configured, the recording adapter elsewhere. */
export function createNotificationSender(config: AppConfig, log?: NotificationLog): NotificationSender {
  const recording = new RecordingSender(log);
  const { SENDGRID_API_KEY: apiKey, TWILIO_ACCOUNT_SID: accountSid, TWILIO_AUTH_TOKEN: authToken } = config;
  const replies = replyAddresses(config);
  const email = apiKey
    ? new SendGridEmailSender({
        apiKey, from: config.SENDGRID_FROM, baseUrl: config.SENDGRID_BASE_URL, replyTo: (id) => replies.addressFor(id),
      })
    : recording;
  const sms =
    accountSid && authToken && config.TWILIO_FROM
      ? new TwilioSmsSender({
          accountSid, authToken, from: config.TWILIO_FROM, baseUrl: config.TWILIO_BASE_URL, statusCallback: twilioStatusCallbackUrl(config),
        })
      : recording;
  return new ChannelRouterSender({ email, sms });
}

/** Reply-to addresses under RELANCE_REPLY_DOMAIN, signed with a key the API (which checks replies) and the worker (which sends) share. */
export function replyAddresses(config: AppConfig): ReplyAddresses {
  return new ReplyAddresses(derivedKey(config, 'reply-to'), config.RELANCE_REPLY_DOMAIN);
}

export const TWILIO_STATUS_PATH = '/api/v1/webhooks/twilio/status';

/** The URL Twilio posts status callbacks to, as it signs it. */
export function twilioStatusCallbackUrl(config: AppConfig): string {
  return publicOrigin(config) + TWILIO_STATUS_PATH;
}
