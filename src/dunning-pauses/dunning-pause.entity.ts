import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Customer } from '../customers/customer.entity.js';
import { Invoice } from '../invoices/invoice.entity.js';

export const PAUSE_SCOPES = ['invoice', 'customer'] as const;
export type PauseScope = (typeof PAUSE_SCOPES)[number];

/**
 * A dunning stop asked by a person, for one invoice or a whole customer, kept
 * as history. Active while not resumed and before its end date, if any.
 */
@Entity({ name: 'dunning_pauses' })
@Check('ck_dunning_pauses_scope', `"scope" IN ('invoice', 'customer')`)
@Check('ck_dunning_pauses_invoice_scope', `("scope" = 'invoice') = ("invoice_id" IS NOT NULL)`)
@Index('uq_dunning_pauses_open_invoice', ['invoiceId'], { unique: true, where: `"scope" = 'invoice' AND "resumed_at" IS NULL` })
@Index('uq_dunning_pauses_open_customer', ['customerId'], { unique: true, where: `"scope" = 'customer' AND "resumed_at" IS NULL` })
// Pause history per invoice and customer: the forecast reads closed pauses too.
@Index('ix_dunning_pauses_invoice', ['invoiceId'])
@Index('ix_dunning_pauses_customer', ['customerId'])
export class DunningPause {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 16 })
  scope!: PauseScope;

  @Column({ name: 'invoice_id', type: 'uuid', nullable: true })
  invoiceId!: string | null;

  @ManyToOne(() => Invoice, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'invoice_id' })
  invoice?: Invoice;

  @Column({ name: 'customer_id', type: 'uuid' })
  customerId!: string;

  @ManyToOne(() => Customer, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'customer_id' })
  customer?: Customer;

  @Column({ type: 'varchar', length: 500 })
  reason!: string;

  /** The pause lifts by itself at this instant; null: until resumed. */
  @Column({ type: 'timestamptz', nullable: true })
  until!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** When it was lifted: by a person, or set to `until` once that has passed. */
  @Column({ name: 'resumed_at', type: 'timestamptz', nullable: true })
  resumedAt!: Date | null;
}
