import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { taskTitle } from '../../activities/task-titles.js';
import { Clock, systemClock } from '../clock/clock.js';
import { CustomersService } from '../customers/customers.service.js';
import { DeliveryEventsStore, type DeliveryEventInput, type TrackedMessage } from '../messages/delivery-events.store.js';
import { CollectorTaskWriter } from '../tasks/collector-task.writer.js';

/** One event of SendGrid's Event Webhook, as posted (custom arguments come back as top-level fields). */
export interface SendGridEvent {
  event?: unknown;
  email?: unknown;
  timestamp?: unknown;
  sg_event_id?: unknown;
  sg_message_id?: unknown;
  type?: unknown;
  reason?: unknown;
  response?: unknown;
  status?: unknown;
  relance_message_id?: unknown;
  relance_idempotency_key?: unknown;
  [field: string]: unknown;
}

export interface EventBatchResult {
  received: number;
  /** Events recorded now. */
  recorded: number;
  /** Events already recorded (a provider retry). */
  duplicates: number;
  /** Events about no message of ours (sent by another system on the same account). */
  unmatched: number;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

/**
 * A SendGrid event that means the address does not work: a bounce (not a `blocked` one, which is
 * temporary), or a drop because the address bounced before or is invalid.
 */
export function isHardBounce(e: SendGridEvent): boolean {
  if (e.event === 'bounce') return (text(e.type) ?? 'bounce') === 'bounce';
  if (e.event === 'dropped') return /bounced address|invalid/i.test(text(e.reason) ?? '');
  return false;
}

/** Twilio statuses after which the SMS will never arrive. */
export const UNDELIVERED_SMS_STATUSES = new Set(['undelivered', 'failed']);

/** Records provider events on messages and acts on those saying an address does not work. */
@Injectable()
export class DeliveryTrackingService {
  private readonly logger = new Logger('DeliveryTracking');

  constructor(
    @Inject(DeliveryEventsStore) private readonly events: DeliveryEventsStore,
    @Inject(CustomersService) private readonly customers: CustomersService,
    @Inject(CollectorTaskWriter) private readonly tasks: CollectorTaskWriter,
    @Optional() @Inject(Clock) private readonly clock: Clock = systemClock,
  ) {}

  async sendGridEvents(events: readonly SendGridEvent[]): Promise<EventBatchResult> {
    const result: EventBatchResult = { received: events.length, recorded: 0, duplicates: 0, unmatched: 0 };
    for (const e of events) {
      const sgMessageId = text(e.sg_message_id);
      const message = await this.events.findMessage({
        messageId: text(e.relance_message_id), idempotencyKey: text(e.relance_idempotency_key),
        providerMessageId: sgMessageId?.split('.')[0],
      });
      const event = text(e.event);
      if (!message || !event) {
        result.unmatched++;
        continue;
      }
      const occurredAt = typeof e.timestamp === 'number' && Number.isFinite(e.timestamp) ? new Date(e.timestamp * 1000) : this.clock.now();
      const reason = [text(e.type), text(e.reason), text(e.response), text(e.status)].filter(Boolean).join(': ') || null;
      const recorded = await this.events.record(message.id, {
        provider: 'sendgrid', event, reason, occurredAt, data: e,
        // SendGrid's unique event id; a digest of the event when a test tool left it out.
        providerEventId: text(e.sg_event_id) ?? createHash('sha256').update(JSON.stringify(e)).digest('hex'),
      });
      if (!recorded) {
        result.duplicates++;
        continue;
      }
      result.recorded++;
      if (isHardBounce(e)) await this.undeliverable(message, 'email', reason ?? event, occurredAt);
    }
    return result;
  }

  /** One Twilio status callback (its form fields). Returns whether it was recorded now. */
  async twilioStatus(fields: Record<string, string>): Promise<{ recorded: boolean; matched: boolean }> {
    const sid = fields.MessageSid ?? fields.SmsSid;
    const status = fields.MessageStatus ?? fields.SmsStatus;
    const message = sid ? await this.events.findMessage({ providerMessageId: sid }) : null;
    if (!message || !status) return { recorded: false, matched: false };
    const occurredAt = this.clock.now();
    const reason = fields.ErrorCode ? `error ${fields.ErrorCode}${fields.ErrorMessage ? `: ${fields.ErrorMessage}` : ''}` : null;
    const input: DeliveryEventInput = { provider: 'twilio', providerEventId: `${sid}:${status}`, event: status, reason, occurredAt, data: fields };
    const recorded = await this.events.record(message.id, input);
    if (recorded && UNDELIVERED_SMS_STATUSES.has(status)) await this.undeliverable(message, 'sms', reason ?? status, occurredAt);
    return { recorded, matched: true };
  }

  /**
   * The customer's address did not work: its contacts there are flagged (the next steps use
   * another contact or channel) and a collector is asked to find a working one.
   */
  private async undeliverable(message: TrackedMessage, channel: 'email' | 'sms', reason: string, at: Date): Promise<void> {
    if (message.audience !== 'customer') return;
    const flagged = await this.customers.flagUndeliverable(message.customerId, channel, message.recipient, reason, at);
    const what = channel === 'email' ? 'Email bounced' : 'SMS undelivered';
    await this.tasks.openCustomerTask({
      idempotencyKey: `message:${message.id}:delivery_failed`,
      kind: 'delivery_failed', customerId: message.customerId, invoiceId: message.invoiceId, step: message.step ?? 'delivery',
      ...taskTitle('DELIVERY_FAILED', { channel, recipient: message.recipient }),
      dueAt: at,
      data: { messageId: message.id, channel, recipient: message.recipient, reason, flaggedContactIds: flagged },
    });
    this.logger.log(`${what} for message ${message.id} (${reason}); ${flagged.length} contact(s) flagged`);
  }
}
