import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { InFlightPolicy, ScenarioDefinition } from '../../workflows/domain/scenario.js';
import { Scenario } from './scenario.entity.js';

/**
 * A published, frozen scenario definition. Rows are never updated nor
 * deleted (a trigger refuses it): workflows may still run an old version.
 */
@Entity({ name: 'scenario_versions' })
@Index('uq_scenario_versions_scenario_version', ['scenarioId', 'version'], { unique: true })
@Check('ck_scenario_versions_version', `"version" >= 1`)
@Check('ck_scenario_versions_in_flight_policy', `"in_flight_policy" IN ('migrate_at_next_step', 'keep_version')`)
export class ScenarioVersion {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'scenario_id', type: 'uuid' })
  scenarioId!: string;

  @ManyToOne(() => Scenario, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'scenario_id' })
  scenario?: Scenario;

  /** 1, 2, … per scenario. */
  @Column({ type: 'int' })
  version!: number;

  @Column({ type: 'jsonb' })
  definition!: ScenarioDefinition;

  @Column({ name: 'in_flight_policy', type: 'varchar', length: 32 })
  inFlightPolicy!: InFlightPolicy;

  @CreateDateColumn({ name: 'published_at', type: 'timestamptz' })
  publishedAt!: Date;

  /** Who published; null until the API knows its users. */
  @Column({ name: 'published_by', type: 'text', nullable: true })
  publishedBy!: string | null;
}
