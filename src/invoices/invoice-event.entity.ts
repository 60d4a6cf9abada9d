import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Invoice } from './invoice.entity.js';

/** One line of an invoice's timeline: reminders, payments, status changes. */
@Entity({ name: 'invoice_events' })
@Index('uq_invoice_events_dedupe', ['invoiceId', 'dedupeKey'], { unique: true })
@Index('ix_invoice_events_invoice_time', ['invoiceId', 'occurredAt'])
export class InvoiceEvent {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'invoice_id', type: 'uuid' })
  invoiceId!: string;

  @ManyToOne(() => Invoice, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'invoice_id' })
  invoice?: Invoice;

  @Column({ type: 'varchar', length: 64 })
  type!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  /** Business key of the event: recording the same fact twice is a no-op. */
  @Column({ name: 'dedupe_key', type: 'varchar', length: 200 })
  dedupeKey!: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  data!: Record<string, unknown>;
}
