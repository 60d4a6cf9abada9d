import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { bigintTransformer } from '../common/bigint.transformer.js';
import { Customer } from '../customers/customer.entity.js';
import { LegalEntity } from '../organization/legal-entity.entity.js';
import type { PromiseStatus } from '../../workflows/domain/promise-rules.js';
import type { PromiseToPayInput } from '../../workflows/promise.definitions.js';

export const PROMISE_CHANNELS = ['phone', 'email', 'letter', 'portal', 'meeting', 'other'] as const;
export type PromiseChannel = (typeof PROMISE_CHANNELS)[number];

/** A customer's promise to pay some of its invoices by a date, run by workflow `promise-<id>`. */
@Entity({ name: 'payment_promises' })
@Check('ck_payment_promises_status', `"status" IN ('open', 'kept', 'broken', 'cancelled')`)
@Check('ck_payment_promises_amount', `"amount_minor" > 0`)
// The list, newest first, and the status filter.
@Index('ix_payment_promises_created_at_id', ['createdAt', 'id'])
@Index('ix_payment_promises_status', ['status'])
// A customer's broken promises (repeat within 90 days, score) and open ones (an invoice has at most one).
@Index('ix_payment_promises_customer_status', ['customerId', 'status'])
@Index('uq_payment_promises_source_key', ['sourceKey'], { unique: true, where: '"source_key" IS NOT NULL' })
export class PaymentPromise {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'entity_id', type: 'uuid' })
  entityId!: string;

  @ManyToOne(() => LegalEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'entity_id' })
  entity?: LegalEntity;

  @Column({ name: 'customer_id', type: 'uuid' })
  customerId!: string;

  @ManyToOne(() => Customer, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'customer_id' })
  customer?: Customer;

  /** The promised invoices (payments allocated to them count toward the promise). */
  @Column({ name: 'invoice_ids', type: 'uuid', array: true })
  invoiceIds!: string[];

  @Column({ type: 'char', length: 3 })
  currency!: string;

  @Column({ name: 'amount_minor', type: 'bigint', transformer: bigintTransformer })
  amountMinor!: bigint;

  /** What was received toward it when it was judged (kept or broken). */
  @Column({ name: 'received_minor', type: 'bigint', nullable: true, transformer: bigintTransformer })
  receivedMinor!: bigint | null;

  @Column({ name: 'promised_for', type: 'date' })
  promisedFor!: string;

  @Column({ name: 'grace_business_days', type: 'int' })
  graceBusinessDays!: number;

  /** Last day a payment still keeps it (promised date + grace business days). */
  @Column({ name: 'grace_ends_on', type: 'date' })
  graceEndsOn!: string;

  @Column({ type: 'varchar', length: 16 })
  channel!: PromiseChannel;

  @Column({ type: 'varchar', length: 2000, default: '' })
  note!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: PromiseStatus;

  /** Kept after the promised date, within the grace. */
  @Column({ name: 'kept_late', type: 'boolean', nullable: true })
  keptLate!: boolean | null;

  /** A repeat broken promise escalated to the credit managers. */
  @Column({ type: 'boolean', default: false })
  escalated!: boolean;

  /** Business key of what made it when retried (e.g. the collector's logged call): a second create returns the first. */
  @Column({ name: 'source_key', type: 'varchar', length: 300, nullable: true })
  sourceKey!: string | null;

  @Column({ name: 'created_by_user_id', type: 'uuid', nullable: true })
  createdByUserId!: string | null;

  @Column({ name: 'created_by_name', type: 'varchar', length: 200 })
  createdByName!: string;

  /** The workflow's input as snapshotted when made. */
  @Column({ type: 'jsonb' })
  snapshot!: PromiseToPayInput;

  @Column({ name: 'workflow_id', type: 'varchar', length: 100 })
  workflowId!: string;

  /** Stamped from the application's clock (payments received from then on count). */
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  /** Local day it was judged (the 90-day repeat rule counts days). */
  @Column({ name: 'closed_on', type: 'date', nullable: true })
  closedOn!: string | null;
}
