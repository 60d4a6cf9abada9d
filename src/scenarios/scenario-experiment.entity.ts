import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { ExperimentArm } from './experiment-split.js';
import { Scenario } from './scenario.entity.js';

export const EXPERIMENT_STATUSES = ['running', 'promoted'] as const;
export type ExperimentStatus = (typeof EXPERIMENT_STATUSES)[number];

/**
 * An A/B test of two published versions of a scenario: while it runs, each
 * new invoice of the scenario gets version A or B by a stable hash of its
 * customer (experiment-split.ts), `share_b` percent of customers on B.
 * Promoting an arm publishes its definition as the scenario's next version
 * and ends the experiment. At most one runs per scenario.
 */
@Entity({ name: 'scenario_experiments' })
@Index('uq_scenario_experiments_running', ['scenarioId'], { unique: true, where: `"status" = 'running'` })
@Index('ix_scenario_experiments_scenario', ['scenarioId', 'startedAt'])
@Check('ck_scenario_experiments_share_b', `"share_b" BETWEEN 1 AND 99`)
@Check('ck_scenario_experiments_versions', `"version_a" >= 1 AND "version_b" >= 1 AND "version_a" <> "version_b"`)
@Check('ck_scenario_experiments_status', `"status" IN ('running', 'promoted')`)
@Check('ck_scenario_experiments_promotion', `("status" = 'running' AND "promoted_arm" IS NULL AND "promoted_version" IS NULL AND "ended_at" IS NULL)
  OR ("status" = 'promoted' AND "promoted_arm" IN ('A', 'B') AND "promoted_version" IS NOT NULL AND "ended_at" IS NOT NULL)`)
export class ScenarioExperiment {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'scenario_id', type: 'uuid' })
  scenarioId!: string;

  @ManyToOne(() => Scenario, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'scenario_id' })
  scenario?: Scenario;

  @Column({ name: 'version_a', type: 'int' })
  versionA!: number;

  @Column({ name: 'version_b', type: 'int' })
  versionB!: number;

  /** Percent of customers on arm B (1–99). */
  @Column({ name: 'share_b', type: 'int' })
  shareB!: number;

  @Column({ type: 'varchar', length: 16 })
  status!: ExperimentStatus;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  @Column({ name: 'promoted_arm', type: 'varchar', length: 1, nullable: true })
  promotedArm!: ExperimentArm | null;

  /** The version that promotion published (the winner's definition). */
  @Column({ name: 'promoted_version', type: 'int', nullable: true })
  promotedVersion!: number | null;
}
