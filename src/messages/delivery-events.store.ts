import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { isUuid } from '../common/uuid.js';
import { InboundReply } from './inbound-reply.entity.js';
import { MessageDeliveryEvent } from './message-delivery-event.entity.js';
import { OutboundMessage } from './outbound-message.entity.js';

/** A message as delivery tracking acts on it. */
export interface TrackedMessage {
  id: string;
  customerId: string;
  invoiceId: string | null;
  contactId: string | null;
  channel: string;
  audience: string;
  recipient: string;
  step: string | null;
}

export interface DeliveryEventInput {
  provider: 'sendgrid' | 'twilio';
  providerEventId: string;
  event: string;
  reason: string | null;
  occurredAt: Date;
  data: Record<string, unknown>;
}

export interface DeliveryEventView {
  provider: string;
  event: string;
  reason: string | null;
  occurredAt: string;
}

export interface InboundReplyInput {
  dedupeKey: string;
  messageId: string;
  customerId: string;
  fromAddress: string;
  subject: string | null;
  text: string;
  attachmentNames: string[];
  receivedAt: Date;
}

export interface InboundReplyView {
  id: string;
  messageId: string;
  fromAddress: string;
  subject: string | null;
  text: string;
  attachmentNames: string[];
  receivedAt: string;
}

const TRACKED = { id: true, customerId: true, invoiceId: true, contactId: true, channel: true, audience: true, recipient: true, step: true } as const;

/** Provider events and replies about outbound messages, over this module's tables. */
@Injectable()
export class DeliveryEventsStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The message a provider event is about: by Relance's own id (custom argument), else its
   * idempotency key (custom argument), else the provider's message id — SendGrid's event id
   * `sg_message_id` is the X-Message-Id it answered, followed by `.filter…`.
   */
  async findMessage(ref: { messageId?: string; idempotencyKey?: string; providerMessageId?: string }): Promise<TrackedMessage | null> {
    const m = this.dataSource.manager;
    if (ref.messageId && isUuid(ref.messageId)) {
      const found = await m.findOne(OutboundMessage, { where: { id: ref.messageId }, select: TRACKED });
      if (found) return found;
    }
    if (ref.idempotencyKey) {
      const found = await m.findOne(OutboundMessage, { where: { idempotencyKey: ref.idempotencyKey }, select: TRACKED });
      if (found) return found;
    }
    if (ref.providerMessageId) {
      const found = await m.findOne(OutboundMessage, { where: { providerMessageId: ref.providerMessageId }, select: TRACKED });
      if (found) return found;
    }
    return null;
  }

  /**
   * Records the event once per provider event id and moves the message's delivery status to it
   * when it is not older than the latest one. Returns false when the event was already recorded.
   */
  async record(messageId: string, input: DeliveryEventInput): Promise<boolean> {
    return this.dataSource.transaction(async (m) => {
      const inserted = await m.createQueryBuilder().insert().into(MessageDeliveryEvent).values({
        messageId, provider: input.provider, providerEventId: input.providerEventId.slice(0, 200), event: input.event.slice(0, 32),
        reason: input.reason?.slice(0, 1000) ?? null, occurredAt: input.occurredAt, data: input.data,
      } as QueryDeepPartialEntity<MessageDeliveryEvent>).orIgnore().returning(['id']).updateEntity(false).execute();
      if ((inserted.raw as unknown[]).length === 0) return false;
      await m.createQueryBuilder().update(OutboundMessage)
        .set({ deliveryStatus: input.event.slice(0, 32), deliveryUpdatedAt: input.occurredAt })
        .where('id = :id AND (delivery_updated_at IS NULL OR delivery_updated_at <= :at)', { id: messageId, at: input.occurredAt })
        .execute();
      return true;
    });
  }

  async history(messageId: string): Promise<DeliveryEventView[]> {
    const rows = await this.dataSource.manager.find(MessageDeliveryEvent, { where: { messageId }, order: { occurredAt: 'ASC', createdAt: 'ASC' } });
    return rows.map((r) => ({ provider: r.provider, event: r.event, reason: r.reason, occurredAt: r.occurredAt.toISOString() }));
  }

  /** Records the reply once per dedupe key; returns its id and whether it is new. */
  async recordReply(input: InboundReplyInput): Promise<{ id: string; created: boolean }> {
    const inserted = await this.dataSource.createQueryBuilder().insert().into(InboundReply)
      .values(input as QueryDeepPartialEntity<InboundReply>).orIgnore().returning(['id']).updateEntity(false).execute();
    const raw = inserted.raw as { id: string }[];
    if (raw.length > 0) return { id: raw[0]!.id, created: true };
    const found = await this.dataSource.manager.findOneOrFail(InboundReply, { where: { dedupeKey: input.dedupeKey }, select: { id: true } });
    return { id: found.id, created: false };
  }

  /** The customer's replies, oldest first (the customer account's timeline). */
  async repliesOf(customerId: string): Promise<InboundReplyView[]> {
    const rows = await this.dataSource.manager.find(InboundReply, { where: { customerId }, order: { receivedAt: 'ASC', id: 'ASC' } });
    return rows.map((r) => ({
      id: r.id, messageId: r.messageId, fromAddress: r.fromAddress, subject: r.subject, text: r.text,
      attachmentNames: r.attachmentNames, receivedAt: r.receivedAt.toISOString(),
    }));
  }

  async repliesTo(messageId: string): Promise<InboundReplyView[]> {
    const rows = await this.dataSource.manager.find(InboundReply, { where: { messageId }, order: { receivedAt: 'ASC', id: 'ASC' } });
    return rows.map((r) => ({
      id: r.id, messageId: r.messageId, fromAddress: r.fromAddress, subject: r.subject, text: r.text,
      attachmentNames: r.attachmentNames, receivedAt: r.receivedAt.toISOString(),
    }));
  }
}
