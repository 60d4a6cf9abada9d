import { createHash } from 'node:crypto';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { taskTitle } from '../../activities/task-titles.js';
import { Clock, systemClock } from '../clock/clock.js';
import { AppConfig } from '../config/app-config.js';
import { DeliveryEventsStore } from '../messages/delivery-events.store.js';
import { replyAddresses } from '../notifications/channel-router.sender.js';
import { addressesIn, type ReplyAddresses } from '../notifications/reply-address.js';
import { CollectorTaskWriter } from '../tasks/collector-task.writer.js';
import { ReplyAddressInvalidError } from './delivery-tracking.errors.js';

/** The fields of SendGrid's Inbound Parse post that Relance reads (the default, parsed mode). */
export interface InboundParseFields {
  to?: string;
  cc?: string;
  from?: string;
  subject?: string;
  text?: string;
  html?: string;
  headers?: string;
  /** JSON `{ "to": ["…"], "from": "…" }`: the SMTP envelope. */
  envelope?: string;
}

const MAX_TEXT = 100_000;

/** Threads a customer's email reply onto the message it answers, and asks a collector to read it. */
@Injectable()
export class InboundRepliesService {
  private readonly addresses: ReplyAddresses;

  constructor(
    @Inject(AppConfig) config: AppConfig,
    @Inject(DeliveryEventsStore) private readonly store: DeliveryEventsStore,
    @Inject(CollectorTaskWriter) private readonly tasks: CollectorTaskWriter,
    @Optional() @Inject(Clock) private readonly clock: Clock = systemClock,
  ) {
    this.addresses = replyAddresses(config);
  }

  async receive(fields: InboundParseFields, attachmentNames: string[]): Promise<{ replyId: string; messageId: string; duplicate: boolean }> {
    const messageId = this.answeredMessage(fields);
    const message = messageId ? await this.store.findMessage({ messageId }) : null;
    if (!message || message.audience !== 'customer') throw new ReplyAddressInvalidError();
    // An HTML-only reply is kept as its HTML source (shown as text, never rendered).
    const body = (fields.text ?? fields.html ?? '').slice(0, MAX_TEXT);
    const rfcMessageId = /^message-id:\s*(<[^>\r\n]+>)/im.exec(fields.headers ?? '')?.[1];
    const dedupeKey = rfcMessageId
      ? `message-id:${rfcMessageId}`.slice(0, 300)
      : `digest:${createHash('sha256').update(JSON.stringify([messageId, fields.from, fields.subject, body])).digest('hex')}`;
    const receivedAt = this.clock.now();
    const reply = await this.store.recordReply({
      dedupeKey, messageId: message.id, customerId: message.customerId, fromAddress: (fields.from ?? '').slice(0, 500) || '(unknown)',
      subject: fields.subject?.slice(0, 500) ?? null, text: body, attachmentNames: attachmentNames.slice(0, 50), receivedAt,
    });
    if (reply.created) {
      await this.tasks.openCustomerTask({
        idempotencyKey: `reply:${reply.id}`, kind: 'customer_reply', customerId: message.customerId, invoiceId: message.invoiceId,
        step: message.step ?? 'reply',
        ...taskTitle('CUSTOMER_REPLY', { from: fields.from ?? 'the customer', withSubject: fields.subject ? 'yes' : 'no', subject: fields.subject || undefined }),
        dueAt: receivedAt, data: { replyId: reply.id, messageId: message.id, from: fields.from ?? null, subject: fields.subject ?? null },
      });
    }
    return { replyId: reply.id, messageId: message.id, duplicate: !reply.created };
  }

  /** The message named by a signed reply-to address among the envelope's, then the headers', recipients. */
  private answeredMessage(fields: InboundParseFields): string | null {
    const candidates: string[] = [];
    try {
      const envelope = JSON.parse(fields.envelope ?? '{}') as { to?: unknown };
      if (Array.isArray(envelope.to)) candidates.push(...envelope.to.filter((t): t is string => typeof t === 'string'));
    } catch {
      // A malformed envelope: the headers still name the recipients.
    }
    candidates.push(...addressesIn(fields.to ?? ''), ...addressesIn(fields.cc ?? ''));
    for (const address of candidates) {
      const id = this.addresses.messageIdOf(address);
      if (id) return id;
    }
    return null;
  }
}
