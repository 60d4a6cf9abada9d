import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Customer } from '../customers/customer.entity.js';
import { OutboundMessage } from './outbound-message.entity.js';

/**
 * A customer's email answering one of our messages (SendGrid Inbound Parse), threaded onto it by
 * the signed reply-to address. Recorded once per email (its Message-ID, else a digest of it).
 */
@Entity({ name: 'inbound_replies' })
@Index('uq_inbound_replies_dedupe_key', ['dedupeKey'], { unique: true })
@Index('ix_inbound_replies_customer', ['customerId', 'receivedAt'])
export class InboundReply {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'dedupe_key', type: 'varchar', length: 300 })
  dedupeKey!: string;

  /** The message it answers. */
  @Column({ name: 'message_id', type: 'uuid' })
  messageId!: string;

  @ManyToOne(() => OutboundMessage, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'message_id' })
  message?: OutboundMessage;

  @Column({ name: 'customer_id', type: 'uuid' })
  customerId!: string;

  @ManyToOne(() => Customer, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'customer_id' })
  customer?: Customer;

  @Column({ name: 'from_address', type: 'varchar', length: 500 })
  fromAddress!: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  subject!: string | null;

  /** The plain-text body (the HTML source when the email has no text part), at most 100,000 characters. */
  @Column({ type: 'text' })
  text!: string;

  /** Names of the attachments (their content is not kept). */
  @Column({ name: 'attachment_names', type: 'text', array: true, default: () => "'{}'" })
  attachmentNames!: string[];

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
