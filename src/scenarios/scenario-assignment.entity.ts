import {
  Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn,
} from 'typeorm';
import { LegalEntity } from '../organization/legal-entity.entity.js';
import type { AssignmentKind } from './scenario-assignment.rules.js';
import { Scenario } from './scenario.entity.js';

/**
 * A rule choosing the scenario of an entity's invoices. The kind says which
 * criteria the rule names (checked below); one partial unique index per kind
 * means two rules can never match a customer at the same priority level.
 */
@Entity({ name: 'scenario_assignments' })
@Check('ck_scenario_assignments_kind', `CASE "kind"
  WHEN 'customer' THEN "customer_external_id" IS NOT NULL AND "segment" IS NULL AND "risk_class" IS NULL
  WHEN 'segment_risk' THEN "customer_external_id" IS NULL AND "segment" IS NOT NULL AND "risk_class" IS NOT NULL
  WHEN 'segment' THEN "customer_external_id" IS NULL AND "segment" IS NOT NULL AND "risk_class" IS NULL
  WHEN 'risk' THEN "customer_external_id" IS NULL AND "segment" IS NULL AND "risk_class" IS NOT NULL
  WHEN 'default' THEN "customer_external_id" IS NULL AND "segment" IS NULL AND "risk_class" IS NULL
  ELSE false END`)
@Check('ck_scenario_assignments_risk_class', `"risk_class" IN ('A', 'B', 'C', 'D', 'E')`)
@Index('uq_scenario_assignments_customer', ['entityId', 'customerExternalId'], { unique: true, where: `"kind" = 'customer'` })
@Index('uq_scenario_assignments_segment_risk', ['entityId', 'segment', 'riskClass'], { unique: true, where: `"kind" = 'segment_risk'` })
@Index('uq_scenario_assignments_segment', ['entityId', 'segment'], { unique: true, where: `"kind" = 'segment'` })
@Index('uq_scenario_assignments_risk', ['entityId', 'riskClass'], { unique: true, where: `"kind" = 'risk'` })
@Index('uq_scenario_assignments_default', ['entityId'], { unique: true, where: `"kind" = 'default'` })
@Index('ix_scenario_assignments_scenario', ['scenarioId'])
export class ScenarioAssignment {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'entity_id', type: 'uuid' })
  entityId!: string;

  @ManyToOne(() => LegalEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'entity_id' })
  entity?: LegalEntity;

  @Column({ type: 'varchar', length: 16 })
  kind!: AssignmentKind;

  /**
   * The ERP's customer id, not a foreign key: an override may be set before
   * the customer's first invoice arrives.
   */
  @Column({ name: 'customer_external_id', type: 'varchar', length: 128, nullable: true })
  customerExternalId!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  segment!: string | null;

  @Column({ name: 'risk_class', type: 'char', length: 1, nullable: true })
  riskClass!: string | null;

  @Column({ name: 'scenario_id', type: 'uuid' })
  scenarioId!: string;

  @ManyToOne(() => Scenario, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'scenario_id' })
  scenario?: Scenario;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
