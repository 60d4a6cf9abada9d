import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { bigintTransformer } from '../common/bigint.transformer.js';
import { Customer } from '../customers/customer.entity.js';
import { LegalEntity } from '../organization/legal-entity.entity.js';

/**
 * A portfolio rule: customers matching its criteria (entity, segment, salesperson, risk class,
 * open-balance band) belong to its collector. No criterion (an entity at most): the fallback.
 * Evaluated by collector-rules.ts: the most specific matching rule wins.
 */
@Entity({ name: 'collector_rules' })
@Check('ck_collector_rules_risk_class', `"risk_class" IN ('A', 'B', 'C', 'D', 'E')`)
@Check('ck_collector_rules_band', `("min_amount_minor" IS NULL AND "max_amount_minor" IS NULL) OR "currency" IS NOT NULL`)
@Index('ix_collector_rules_collector', ['collectorUserId'])
export class CollectorRule {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'entity_id', type: 'uuid', nullable: true })
  entityId!: string | null;

  @ManyToOne(() => LegalEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'entity_id' })
  entity?: LegalEntity;

  @Column({ type: 'varchar', length: 64, nullable: true })
  segment!: string | null;

  @Column({ name: 'salesperson_email', type: 'varchar', length: 320, nullable: true })
  salespersonEmail!: string | null;

  @Column({ name: 'risk_class', type: 'char', length: 1, nullable: true })
  riskClass!: string | null;

  /** Currency of the amount band. */
  @Column({ type: 'char', length: 3, nullable: true })
  currency!: string | null;

  @Column({ name: 'min_amount_minor', type: 'bigint', nullable: true, transformer: bigintTransformer })
  minAmountMinor!: bigint | null;

  @Column({ name: 'max_amount_minor', type: 'bigint', nullable: true, transformer: bigintTransformer })
  maxAmountMinor!: bigint | null;

  /** A user (users module) holding the collector or credit manager role. */
  @Column({ name: 'collector_user_id', type: 'uuid' })
  collectorUserId!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** An explicit assignment of a customer to a collector: it wins over every rule. */
@Entity({ name: 'customer_collectors' })
@Index('ix_customer_collectors_collector', ['collectorUserId'])
export class CustomerCollector {
  @PrimaryColumn({ name: 'customer_id', type: 'uuid' })
  customerId!: string;

  @ManyToOne(() => Customer, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'customer_id' })
  customer?: Customer;

  @Column({ name: 'collector_user_id', type: 'uuid' })
  collectorUserId!: string;

  /** Who assigned (a user's name, or the operator key). */
  @Column({ name: 'assigned_by', type: 'varchar', length: 200 })
  assignedBy!: string;

  @Column({ name: 'assigned_at', type: 'timestamptz' })
  assignedAt!: Date;
}

export const PORTFOLIO_ENTITIES = [CollectorRule, CustomerCollector];
