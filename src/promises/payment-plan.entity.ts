import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { bigintTransformer } from '../common/bigint.transformer.js';
import { Customer } from '../customers/customer.entity.js';
import { LegalEntity } from '../organization/legal-entity.entity.js';
import type { PaymentPlanStatus } from '../../workflows/domain/payment-plan-rules.js';
import type { PaymentPlanInput } from '../../workflows/payment-plan.definitions.js';

/** An instalment as stored (minor units as decimal strings). */
export interface StoredInstalment {
  seq: number;
  dueDate: string;
  principalMinor: string;
  interestMinor: string;
  feeMinor: string;
  amountMinor: string;
}

/** A schedule of instalments over some invoices of one customer, run by workflow `payment-plan-<id>`. */
@Entity({ name: 'payment_plans' })
@Check('ck_payment_plans_status', `"status" IN ('pending_approval', 'active', 'completed', 'broken', 'rejected')`)
@Index('ix_payment_plans_customer_status', ['customerId', 'status'])
@Index('ix_payment_plans_created_at_id', ['createdAt', 'id'])
@Index('uq_payment_plans_source_key', ['sourceKey'], { unique: true, where: '"source_key" IS NOT NULL' })
export class PaymentPlan {
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

  @Column({ name: 'invoice_ids', type: 'uuid', array: true })
  invoiceIds!: string[];

  @Column({ type: 'char', length: 3 })
  currency!: string;

  @Column({ name: 'principal_minor', type: 'bigint', transformer: bigintTransformer })
  principalMinor!: bigint;

  @Column({ name: 'interest_minor', type: 'bigint', transformer: bigintTransformer })
  interestMinor!: bigint;

  @Column({ name: 'fee_minor', type: 'bigint', transformer: bigintTransformer })
  feeMinor!: bigint;

  @Column({ name: 'total_minor', type: 'bigint', transformer: bigintTransformer })
  totalMinor!: bigint;

  /** Annual simple interest in basis points (0: none). */
  @Column({ name: 'annual_interest_bp', type: 'int' })
  annualInterestBp!: number;

  @Column({ type: 'jsonb' })
  instalments!: StoredInstalment[];

  @Column({ name: 'grace_business_days', type: 'int' })
  graceBusinessDays!: number;

  @Column({ type: 'varchar', length: 20 })
  status!: PaymentPlanStatus;

  @Column({ name: 'needs_approval', type: 'boolean' })
  needsApproval!: boolean;

  @Column({ name: 'decided_by', type: 'varchar', length: 200, nullable: true })
  decidedBy!: string | null;

  @Column({ name: 'decision_comment', type: 'varchar', length: 2000, nullable: true })
  decisionComment!: string | null;

  /** Received on the plan's invoices when it closed. */
  @Column({ name: 'paid_minor', type: 'bigint', nullable: true, transformer: bigintTransformer })
  paidMinor!: bigint | null;

  /** The instalment that broke it. */
  @Column({ name: 'broken_seq', type: 'int', nullable: true })
  brokenSeq!: number | null;

  @Column({ type: 'varchar', length: 2000, default: '' })
  note!: string;

  @Column({ name: 'source_key', type: 'varchar', length: 300, nullable: true })
  sourceKey!: string | null;

  @Column({ name: 'created_by_user_id', type: 'uuid', nullable: true })
  createdByUserId!: string | null;

  @Column({ name: 'created_by_name', type: 'varchar', length: 200 })
  createdByName!: string;

  @Column({ type: 'jsonb' })
  snapshot!: PaymentPlanInput;

  @Column({ name: 'workflow_id', type: 'varchar', length: 100 })
  workflowId!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;
}
