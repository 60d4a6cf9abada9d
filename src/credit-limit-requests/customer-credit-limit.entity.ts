import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { bigintTransformer } from '../common/bigint.transformer.js';

/**
 * History of customers' credit limits: one row per change, the latest row
 * (by `created_at`, then `seq`) being the limit in force. `amount_minor` null:
 * no limit (a temporary limit reverting to none).
 */
@Entity({ name: 'customer_credit_limits' })
@Index('ix_customer_credit_limits_customer', ['customerId', 'seq'])
@Check('ck_customer_credit_limits_kind', `"kind" IN ('permanent', 'temporary', 'revert', 'manual')`)
export class CustomerCreditLimit {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Orders changes of one customer (a transaction may write two in the same instant). */
  @Column({ type: 'bigint', generated: 'increment', transformer: bigintTransformer })
  seq!: bigint;

  @Column({ name: 'customer_id', type: 'uuid' })
  customerId!: string;

  @Column({ name: 'amount_minor', type: 'bigint', nullable: true, transformer: bigintTransformer })
  amountMinor!: bigint | null;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: 'permanent' | 'temporary' | 'revert' | 'manual';

  /** Last day of a temporary limit. */
  @Column({ name: 'valid_until', type: 'date', nullable: true })
  validUntil!: string | null;

  /** The credit-limit request that made the change (null: set otherwise). */
  @Column({ name: 'request_id', type: 'uuid', nullable: true })
  requestId!: string | null;

  /** The limit this change replaced (null amount: none). */
  @Column({ name: 'previous_amount_minor', type: 'bigint', nullable: true, transformer: bigintTransformer })
  previousAmountMinor!: bigint | null;

  @Column({ name: 'previous_currency', type: 'char', length: 3, nullable: true })
  previousCurrency!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
