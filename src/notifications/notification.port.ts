import { AppError } from '../common/errors.js';

export type NotificationChannel = 'email' | 'sms';

/** One message to hand to a provider. */
export interface OutboundNotification {
  channel: NotificationChannel;
  /** Email address or E.164 phone number. */
  to: string;
  /** Email only. */
  subject?: string;
  body: string;
  /** Business key (e.g. `invoice:<id>:step:<step>:email`); passed to providers for tracing. */
  idempotencyKey: string;
  /**
   * The stored message's id, for customer messages: providers echo it in their delivery events,
   * and emails get a signed reply-to address carrying it (see ReplyAddresses).
   */
  messageId?: string;
}

export interface DeliveryReceipt {
  /** `sent`: a provider accepted it. `recorded`: development mode, stored for a person to read. */
  status: 'sent' | 'recorded';
  providerMessageId: string | null;
}

/** The notification port: activities depend on this, never on an SDK. */
export interface NotificationSender {
  send(notification: OutboundNotification): Promise<DeliveryReceipt>;
}

export const NOTIFICATION_SENDER = Symbol('NOTIFICATION_SENDER');

/** A provider refused or failed; `retryable` tells the activity whether to try again. */
export class NotificationDeliveryError extends AppError {
  constructor(
    readonly provider: 'sendgrid' | 'twilio',
    message: string,
    readonly retryable: boolean,
    readonly providerStatus?: number,
  ) {
    super(retryable ? 'NOTIFICATION_RETRYABLE' : 'NOTIFICATION_REJECTED', message, 502);
  }
}
