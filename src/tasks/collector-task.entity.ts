import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Customer } from '../customers/customer.entity.js';
import { Invoice } from '../invoices/invoice.entity.js';

export type CollectorTaskKind = 'call' | 'checkpoint' | 'litigation_handover' | 'credit_alert' | 'class_degraded' | 'contact_missing' | 'delivery_failed' | 'customer_reply' | 'customer_portal';
export type CollectorTaskStatus = 'open' | 'done' | 'cancelled';

/**
 * Work for a collector, created by dunning steps: a phone call, a step
 * waiting for approval, a file to hand to litigation. Idempotent on its key.
 */
@Entity({ name: 'collector_tasks' })
@Index('uq_collector_tasks_idempotency_key', ['idempotencyKey'], { unique: true })
@Index('ix_collector_tasks_open', ['status', 'dueAt'])
@Index('ix_collector_tasks_assignee', ['assigneeUserId', 'status'])
@Index('ix_collector_tasks_customer', ['customerId', 'status'])
@Check('ck_collector_tasks_kind', `"kind" IN ('call', 'checkpoint', 'litigation_handover', 'credit_alert', 'class_degraded', 'contact_missing', 'delivery_failed', 'customer_reply', 'customer_portal')`)
@Check('ck_collector_tasks_status', `"status" IN ('open', 'done', 'cancelled')`)
export class CollectorTask {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 300 })
  idempotencyKey!: string;

  @Column({ type: 'varchar', length: 32 })
  kind!: CollectorTaskKind;

  @Column({ type: 'varchar', length: 16, default: 'open' })
  status!: CollectorTaskStatus;

  /** Null for customer-level tasks (credit alerts, class degradations). */
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

  @Column({ type: 'varchar', length: 64 })
  step!: string;

  /** In English: what tasks stored before titles had codes show, and integrators' fallback. */
  @Column({ type: 'varchar', length: 300 })
  title!: string;

  /** The title as a code (activities/task-titles.ts) a client writes in its reader's language; null on tasks stored before. */
  @Column({ name: 'title_code', type: 'varchar', length: 48, nullable: true })
  titleCode!: string | null;

  /** What the coded title is made of (customer, invoice number, amounts as decimal strings with their currency…). */
  @Column({ name: 'title_params', type: 'jsonb', nullable: true })
  titleParams!: Record<string, string | number> | null;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt!: Date;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  data!: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  /** Who closed it and how (approved, rejected, timed out, done; a call's outcome: reached, promise…). */
  @Column({ type: 'varchar', length: 32, nullable: true })
  outcome!: string | null;

  /**
   * The user (users module) it is assigned to; null: whoever holds the customer's portfolio
   * (src/portfolios), so a task raised by dunning follows the customer's collector.
   */
  @Column({ name: 'assignee_user_id', type: 'uuid', nullable: true })
  assigneeUserId!: string | null;

  /** Hidden from the worklist and not overdue until then. */
  @Column({ name: 'snoozed_until', type: 'timestamptz', nullable: true })
  snoozedUntil!: Date | null;

  /** The collector's note when completing it. */
  @Column({ type: 'text', nullable: true })
  note!: string | null;

  /** Who completed it (a user's name, the operator key, or the workflow that closed it). */
  @Column({ name: 'closed_by', type: 'varchar', length: 200, nullable: true })
  closedBy!: string | null;
}
