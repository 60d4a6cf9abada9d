import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { bigintTransformer } from '../common/bigint.transformer.js';

/**
 * An entity's credit policy (order check, exposure alert share, approval
 * bands), stored as its wire form (amounts as decimal strings). `scope` is
 * the legal entity's id, or `default` for the policy of entities without one.
 */
@Entity({ name: 'credit_policies' })
export class CreditPolicyRow {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  scope!: string;

  @Column({ type: 'jsonb' })
  policy!: Record<string, unknown>;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** Open sales orders of a customer as last reported by the ERP (part of its exposure). */
@Entity({ name: 'customer_open_orders' })
export class CustomerOpenOrders {
  @PrimaryColumn({ name: 'customer_id', type: 'uuid' })
  customerId!: string;

  @Column({ name: 'amount_minor', type: 'bigint', transformer: bigintTransformer })
  amountMinor!: bigint;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  /** When the ERP computed the figure; an older report never replaces a newer one. */
  @Column({ name: 'as_of', type: 'timestamptz' })
  asOf!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

export type ExposureAlertLevel = 'none' | 'warning' | 'over_limit';

/** The exposure alert level a customer is at; alerts fire on upward transitions only. */
@Entity({ name: 'customer_exposure_alerts' })
@Check('ck_customer_exposure_alerts_level', `"level" IN ('none', 'warning', 'over_limit')`)
export class CustomerExposureAlert {
  @PrimaryColumn({ name: 'customer_id', type: 'uuid' })
  customerId!: string;

  @Column({ type: 'varchar', length: 16 })
  level!: ExposureAlertLevel;

  /** Upward crossings so far: part of each alert's idempotency key. */
  @Column({ type: 'int', default: 0 })
  crossings!: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** History of a customer's payment-behaviour scores; the latest is in force. */
@Entity({ name: 'customer_scores' })
@Index('ix_customer_scores_customer', ['customerId', 'seq'])
@Check('ck_customer_scores_class', `"class" IN ('A', 'B', 'C', 'D', 'E')`)
export class CustomerScore {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'bigint', generated: 'increment', transformer: bigintTransformer })
  seq!: bigint;

  @Column({ name: 'customer_id', type: 'uuid' })
  customerId!: string;

  @Column({ name: 'as_of', type: 'date' })
  asOf!: string;

  @Column({ type: 'char', length: 1 })
  class!: string;

  @Column({ name: 'behaviour_class', type: 'char', length: 1 })
  behaviourClass!: string;

  @Column({ name: 'previous_class', type: 'char', length: 1, nullable: true })
  previousClass!: string | null;

  /** The score's figures (average days late, trend, late share, dispute rate, external), JSON-safe. */
  @Column({ type: 'jsonb' })
  figures!: Record<string, unknown>;

  @Column({ type: 'jsonb' })
  reasons!: unknown[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** External scores posted for a customer (credit insurer, bureau); the latest is combined. */
@Entity({ name: 'customer_external_scores' })
@Index('ix_customer_external_scores_customer', ['customerId', 'seq'])
@Check('ck_customer_external_scores_value', `("score" IS NULL) <> ("rating" IS NULL)`)
export class CustomerExternalScore {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'bigint', generated: 'increment', transformer: bigintTransformer })
  seq!: bigint;

  @Column({ name: 'customer_id', type: 'uuid' })
  customerId!: string;

  @Column({ type: 'varchar', length: 100 })
  provider!: string;

  @Column({ type: 'int', nullable: true })
  score!: number | null;

  @Column({ type: 'char', length: 1, nullable: true })
  rating!: string | null;

  @Column({ name: 'assessed_on', type: 'date' })
  assessedOn!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

export const CREDIT_ENTITIES = [CreditPolicyRow, CustomerOpenOrders, CustomerExposureAlert, CustomerScore, CustomerExternalScore];
