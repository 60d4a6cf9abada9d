import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { OutboundMessage } from './outbound-message.entity.js';

/**
 * One provider event about a message: SendGrid's processed, delivered, open, click, bounce,
 * dropped, spamreport…; Twilio's queued, sent, delivered, undelivered, failed. Recorded once per
 * provider event (SendGrid's sg_event_id, Twilio's message sid + status): a repeated post changes nothing.
 */
@Entity({ name: 'message_delivery_events' })
@Index('uq_message_delivery_events_provider_event', ['provider', 'providerEventId'], { unique: true })
@Index('ix_message_delivery_events_message', ['messageId', 'occurredAt'])
export class MessageDeliveryEvent {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'message_id', type: 'uuid' })
  messageId!: string;

  @ManyToOne(() => OutboundMessage, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'message_id' })
  message?: OutboundMessage;

  /** `sendgrid` or `twilio`. */
  @Column({ type: 'varchar', length: 16 })
  provider!: string;

  @Column({ name: 'provider_event_id', type: 'varchar', length: 200 })
  providerEventId!: string;

  /** The provider's event name (SendGrid `event`, Twilio `MessageStatus`). */
  @Column({ type: 'varchar', length: 32 })
  event!: string;

  /** What the provider said went wrong (bounce reason, Twilio error code), when anything did. */
  @Column({ type: 'varchar', length: 1000, nullable: true })
  reason!: string | null;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  /** The event as the provider posted it. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  data!: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
