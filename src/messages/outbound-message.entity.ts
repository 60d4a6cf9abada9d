import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Customer } from '../customers/customer.entity.js';
import { Invoice } from '../invoices/invoice.entity.js';

export type OutboundChannel = 'email' | 'sms' | 'letter';
export type OutboundStatus = 'pending' | 'sent' | 'recorded' | 'to_post' | 'failed';
/** `customer`: dunning messages; `internal`: mail to staff (validators, approvers, credit managers). */
export type MessageAudience = 'customer' | 'internal';

/**
 * Every message Relance sends or prepares. The idempotency key is a business
 * key (invoice + step + channel) under a unique index: nothing goes out twice.
 */
@Entity({ name: 'outbound_messages' })
@Index('uq_outbound_messages_idempotency_key', ['idempotencyKey'], { unique: true })
@Index('ix_outbound_messages_invoice', ['invoiceId', 'createdAt'])
// Provider events name the message by the id the provider gave it.
@Index('ix_outbound_messages_provider_message_id', ['providerMessageId'])
// Messages by channel and status (metrics) count from this index alone.
@Index('ix_outbound_messages_channel_status', ['channel', 'status'])
@Check('ck_outbound_messages_status', `"status" IN ('pending', 'sent', 'recorded', 'to_post', 'failed')`)
@Check('ck_outbound_messages_channel', `"channel" IN ('email', 'sms', 'letter')`)
@Check('ck_outbound_messages_audience', `"audience" IN ('customer', 'internal')`)
export class OutboundMessage {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 300 })
  idempotencyKey!: string;

  @Column({ name: 'invoice_id', type: 'uuid', nullable: true })
  invoiceId!: string | null;

  @ManyToOne(() => Invoice, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'invoice_id' })
  invoice?: Invoice;

  @Column({ name: 'customer_id', type: 'uuid' })
  customerId!: string;

  @ManyToOne(() => Customer, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'customer_id' })
  customer?: Customer;

  @Column({ type: 'varchar', length: 64, nullable: true })
  step!: string | null;

  @Column({ type: 'varchar', length: 16 })
  channel!: OutboundChannel;

  @Column({ type: 'varchar', length: 16, default: 'customer' })
  audience!: MessageAudience;

  @Column({ type: 'varchar', length: 320 })
  recipient!: string;

  /** The customer contact written to; null for staff mail and the built-in schedule's primary contact. */
  @Column({ name: 'contact_id', type: 'uuid', nullable: true })
  contactId!: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  subject!: string | null;

  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status!: OutboundStatus;

  @Column({ name: 'provider_message_id', type: 'varchar', length: 200, nullable: true })
  providerMessageId!: string | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  /** The latest provider event (delivered, opened, bounced, undelivered…): see message_delivery_events. */
  @Column({ name: 'delivery_status', type: 'varchar', length: 32, nullable: true })
  deliveryStatus!: string | null;

  @Column({ name: 'delivery_updated_at', type: 'timestamptz', nullable: true })
  deliveryUpdatedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
