import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { bigintTransformer } from '../common/bigint.transformer.js';
import type { ApproverRole } from '../../workflows/domain/credit-approval-policy.js';

/** One level's decision on a credit-limit request (one per level). */
@Entity({ name: 'credit_limit_decisions' })
@Index('uq_credit_limit_decisions_request_level', ['requestId', 'level'], { unique: true })
@Check('ck_credit_limit_decisions_decision', `"decision" IN ('approve', 'reject')`)
export class CreditLimitDecision {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'request_id', type: 'uuid' })
  requestId!: string;

  @Column({ type: 'int' })
  level!: number;

  /** The level's role (the decider may have held the escalation role instead: `asEscalation`). */
  @Column({ type: 'varchar', length: 32 })
  role!: ApproverRole;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ type: 'varchar', length: 8 })
  decision!: 'approve' | 'reject';

  /** Amount approved at this level (a counter-offer when lower than the one decided on); null on a rejection. */
  @Column({ name: 'amount_minor', type: 'bigint', nullable: true, transformer: bigintTransformer })
  amountMinor!: bigint | null;

  @Column({ type: 'text' })
  comment!: string;

  @Column({ name: 'as_escalation', type: 'boolean', default: false })
  asEscalation!: boolean;

  @Column({ name: 'decided_at', type: 'timestamptz' })
  decidedAt!: Date;
}
