import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Invoice } from '../invoices/invoice.entity.js';
import { OutboundMessage } from './outbound-message.entity.js';

/**
 * Which invoice steps a message sent by a customer's communications workflow
 * carries: one row per (invoice, step, channel), whose key is unique, so an
 * invoice step is never in two messages of a channel — a retried batch or a
 * repeated hand-off finds the message that already carries it.
 */
@Entity({ name: 'outbound_message_items' })
@Index('uq_outbound_message_items_item_key', ['itemKey'], { unique: true })
@Index('ix_outbound_message_items_message', ['messageId'])
@Index('ix_outbound_message_items_invoice', ['invoiceId'])
export class OutboundMessageItem {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'message_id', type: 'uuid' })
  messageId!: string;

  @ManyToOne(() => OutboundMessage, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'message_id' })
  message?: OutboundMessage;

  @Column({ name: 'invoice_id', type: 'uuid' })
  invoiceId!: string;

  @ManyToOne(() => Invoice, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'invoice_id' })
  invoice?: Invoice;

  @Column({ type: 'varchar', length: 64 })
  step!: string;

  /** `invoice:<invoiceId>:step:<stepKey>:<channel>`. */
  @Column({ name: 'item_key', type: 'varchar', length: 300 })
  itemKey!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
