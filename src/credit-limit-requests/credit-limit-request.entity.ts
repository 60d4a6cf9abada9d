import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { bigintTransformer } from '../common/bigint.transformer.js';
import type { CreditLimitApprovalInput, CreditLimitStatus } from '../../workflows/credit-limit.definitions.js';

/** A level's reminder or escalation, as it happened. */
export interface CreditLimitLevelEvent {
  level: number;
  event: 'reminded' | 'escalated';
  at: string;
}

/** `amountMinor` null: the customer had no limit. */
export interface PreviousCreditLimit {
  amountMinor: string | null;
  currency: string | null;
}

/**
 * A request to change a customer's credit limit, run by its own workflow
 * (`credit-limit-request-<id>`). `chain` is the snapshot the workflow started
 * with (levels, delays, escalation role).
 */
@Entity({ name: 'credit_limit_requests' })
@Index('ix_credit_limit_requests_customer', ['customerId', 'createdAt'])
// The request list, newest first.
@Index('ix_credit_limit_requests_created_at_id', ['createdAt', 'id'])
@Check('ck_credit_limit_requests_status', `"status" IN ('pending', 'approved', 'rejected', 'reverted', 'superseded')`)
export class CreditLimitRequest {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'entity_id', type: 'uuid' })
  entityId!: string;

  @Column({ name: 'customer_id', type: 'uuid' })
  customerId!: string;

  @Column({ name: 'amount_minor', type: 'bigint', transformer: bigintTransformer })
  amountMinor!: bigint;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  @Column({ type: 'text' })
  reason!: string;

  /** Last day of a temporary limit; null = permanent. */
  @Column({ type: 'date', nullable: true })
  until!: string | null;

  /** Null when the operator key asked. */
  @Column({ name: 'requester_user_id', type: 'uuid', nullable: true })
  requesterUserId!: string | null;

  @Column({ name: 'requester_name', type: 'varchar', length: 200 })
  requesterName!: string;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status!: CreditLimitStatus;

  @Column({ name: 'approved_amount_minor', type: 'bigint', nullable: true, transformer: bigintTransformer })
  approvedAmountMinor!: bigint | null;

  /** The limit in force before this request applied its own (null until approved); a temporary limit reverts to it. */
  @Column({ name: 'previous_limit', type: 'jsonb', nullable: true })
  previousLimit!: PreviousCreditLimit | null;

  @Column({ type: 'jsonb' })
  chain!: CreditLimitApprovalInput;

  @Column({ name: 'level_events', type: 'jsonb', default: () => "'[]'" })
  levelEvents!: CreditLimitLevelEvent[];

  @Column({ name: 'sales_opinion', type: 'varchar', length: 16, nullable: true })
  salesOpinion!: 'favourable' | 'unfavourable' | null;

  @Column({ name: 'sales_opinion_comment', type: 'text', nullable: true })
  salesOpinionComment!: string | null;

  @Column({ name: 'sales_opinion_user_id', type: 'uuid', nullable: true })
  salesOpinionUserId!: string | null;

  @Column({ name: 'sales_opinion_at', type: 'timestamptz', nullable: true })
  salesOpinionAt!: Date | null;

  @Column({ name: 'workflow_id', type: 'varchar', length: 200 })
  workflowId!: string;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ name: 'reverted_at', type: 'timestamptz', nullable: true })
  revertedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
