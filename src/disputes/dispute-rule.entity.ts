import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { bigintTransformer } from '../common/bigint.transformer.js';
import type { ReasonCode } from '../../workflows/domain/dispute-rules.js';

/** Routing rule: reason (+ entity, + amount band) → validator group, resolution time, second-level threshold. */
@Entity({ name: 'dispute_rules' })
export class DisputeRule {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Null: any reason (the default rule). */
  @Column({ name: 'reason_code', type: 'varchar', length: 32, nullable: true })
  reasonCode!: ReasonCode | null;

  @Column({ name: 'entity_id', type: 'uuid', nullable: true })
  entityId!: string | null;

  /** Amount band [min, max), minor units; both null: any amount. */
  @Column({ name: 'min_amount_minor', type: 'bigint', nullable: true, transformer: bigintTransformer })
  minAmountMinor!: bigint | null;

  @Column({ name: 'max_amount_minor', type: 'bigint', nullable: true, transformer: bigintTransformer })
  maxAmountMinor!: bigint | null;

  @Column({ name: 'validator_group', type: 'varchar', length: 64 })
  validatorGroup!: string;

  @Column({ name: 'resolution_hours', type: 'int' })
  resolutionHours!: number;

  /** From this decided amount a finance manager confirms; null: never. */
  @Column({ name: 'second_level_from_minor', type: 'bigint', nullable: true, transformer: bigintTransformer })
  secondLevelFromMinor!: bigint | null;

  /** The currency of its amounts; null when it states none (it then routes disputes in any currency). */
  @Column({ type: 'char', length: 3, nullable: true })
  currency!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
