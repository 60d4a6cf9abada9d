import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { bigintTransformer } from '../common/bigint.transformer.js';
import { Invoice } from '../invoices/invoice.entity.js';

export type WriteOffRowStatus = 'pending_approval' | 'applied' | 'rejected' | 'lapsed';

/** A credit manager's write-off of (part of) an invoice; above the entity's threshold it waits for a finance manager. */
@Entity({ name: 'write_offs' })
@Index('ix_write_offs_invoice', ['invoiceId'])
@Index('uq_write_offs_pending_invoice', ['invoiceId'], { unique: true, where: `"status" = 'pending_approval'` })
@Check('ck_write_offs_status', `"status" IN ('pending_approval', 'applied', 'rejected', 'lapsed')`)
@Check('ck_write_offs_amount', `"amount_minor" > 0`)
export class WriteOff {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'invoice_id', type: 'uuid' })
  invoiceId!: string;

  @ManyToOne(() => Invoice, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'invoice_id' })
  invoice?: Invoice;

  @Column({ name: 'customer_id', type: 'uuid' })
  customerId!: string;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  /** Asked for; an approved write-off takes at most what is still open then. */
  @Column({ name: 'amount_minor', type: 'bigint', transformer: bigintTransformer })
  amountMinor!: bigint;

  /** What was written off, once applied. */
  @Column({ name: 'applied_minor', type: 'bigint', transformer: bigintTransformer, nullable: true })
  appliedMinor!: bigint | null;

  @Column({ name: 'reason_code', type: 'varchar', length: 32 })
  reasonCode!: string;

  @Column({ type: 'text' })
  comment!: string;

  @Column({ type: 'varchar', length: 20 })
  status!: WriteOffRowStatus;

  @Column({ name: 'requested_by_user_id', type: 'uuid', nullable: true })
  requestedByUserId!: string | null;

  @Column({ name: 'requested_by_name', type: 'varchar', length: 300 })
  requestedByName!: string;

  @Column({ name: 'decided_by_user_id', type: 'uuid', nullable: true })
  decidedByUserId!: string | null;

  @Column({ name: 'decided_by_name', type: 'varchar', length: 300, nullable: true })
  decidedByName!: string | null;

  @Column({ name: 'decision_comment', type: 'text', nullable: true })
  decisionComment!: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ name: 'applied_at', type: 'timestamptz', nullable: true })
  appliedAt!: Date | null;

  /** The approval workflow, when one was needed. */
  @Column({ name: 'workflow_id', type: 'varchar', length: 200, nullable: true })
  workflowId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
