import {
  Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn,
} from 'typeorm';
import { LegalEntity } from '../organization/legal-entity.entity.js';
import type { ScenarioDefinition } from '../../workflows/domain/scenario.js';

/**
 * A dunning scenario as credit managers edit it: one mutable draft, plus the
 * immutable versions published from it (scenario_versions).
 */
@Entity({ name: 'scenarios' })
@Index('uq_scenarios_entity_name', ['entityId', 'name'], { unique: true })
@Check('ck_scenarios_draft_revision', `"draft_revision" >= 1`)
@Check('ck_scenarios_latest_version', `"latest_version" IS NULL OR "latest_version" >= 1`)
export class Scenario {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'entity_id', type: 'uuid' })
  entityId!: string;

  @ManyToOne(() => LegalEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'entity_id' })
  entity?: LegalEntity;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  /** The definition being edited; validated on every write. */
  @Column({ type: 'jsonb' })
  draft!: ScenarioDefinition;

  /** Optimistic concurrency: an edit names the revision it started from. */
  @Column({ name: 'draft_revision', type: 'int', default: 1 })
  draftRevision!: number;

  /** Highest published version; null until the first publish. */
  @Column({ name: 'latest_version', type: 'int', nullable: true })
  latestVersion!: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true })
  archivedAt!: Date | null;
}
