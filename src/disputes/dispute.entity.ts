import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { bigintTransformer } from '../common/bigint.transformer.js';
import type { DisputeInvoiceShare, DisputeStatus, ReasonCode } from '../../workflows/domain/dispute-rules.js';
import type { DisputeApprovalInput } from '../../workflows/dispute.definitions.js';

/** A dispute on one or more invoices of one customer, run by workflow `dispute-<id>`. */
@Entity({ name: 'disputes' })
@Index('ix_disputes_status_reason', ['status', 'reasonCode'])
// The order check reads a customer's open disputes on every order.
@Index('ix_disputes_customer_status', ['customerId', 'status'])
// The dispute list, newest first.
@Index('ix_disputes_created_at_id', ['createdAt', 'id'])
@Index('uq_disputes_source_key', ['sourceKey'], { unique: true, where: '"source_key" IS NOT NULL' })
export class Dispute {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'entity_id', type: 'uuid' })
  entityId!: string;

  @Column({ name: 'customer_id', type: 'uuid' })
  customerId!: string;

  @Column({ name: 'reason_code', type: 'varchar', length: 32 })
  reasonCode!: ReasonCode;

  /** `deduction`: opened for a short payment. */
  @Column({ type: 'varchar', length: 16 })
  type!: 'dispute' | 'deduction';

  @Column({ type: 'text' })
  comment!: string;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  attachments!: string[];

  @Column({ type: 'char', length: 3 })
  currency!: string;

  @Column({ name: 'amount_minor', type: 'bigint', transformer: bigintTransformer })
  amountMinor!: bigint;

  /** The disputed amount per invoice (minor units as strings). */
  @Column({ type: 'jsonb' })
  invoices!: DisputeInvoiceShare[];

  @Column({ type: 'varchar', length: 16 })
  status!: DisputeStatus;

  @Column({ name: 'accepted_amount_minor', type: 'bigint', nullable: true, transformer: bigintTransformer })
  acceptedAmountMinor!: bigint | null;

  /** Business key of what opened it when not a person (e.g. `payment:<externalId>:<invoiceId>`). */
  @Column({ name: 'source_key', type: 'varchar', length: 300, nullable: true })
  sourceKey!: string | null;

  @Column({ name: 'opened_by_user_id', type: 'uuid', nullable: true })
  openedByUserId!: string | null;

  @Column({ name: 'opened_by_name', type: 'varchar', length: 200 })
  openedByName!: string;

  /** The workflow's input as snapshotted at opening (rule, chain, assignees, SLA). */
  @Column({ type: 'jsonb' })
  snapshot!: DisputeApprovalInput;

  @Column({ name: 'workflow_id', type: 'varchar', length: 100 })
  workflowId!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** When it was accepted or rejected. */
  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;
}
