import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Invoice } from '../invoices/invoice.entity.js';
import type { ExperimentArm } from './experiment-split.js';
import { ScenarioExperiment } from './scenario-experiment.entity.js';

/**
 * The arm an invoice was put in, recorded in the intake's transaction when
 * its scenario version was chosen: the comparison counts every invoice of
 * each arm, whatever became of it (never only those that reached a step).
 */
@Entity({ name: 'scenario_experiment_assignments' })
@Index('ix_scenario_experiment_assignments_experiment', ['experimentId', 'arm'])
@Check('ck_scenario_experiment_assignments_arm', `"arm" IN ('A', 'B')`)
export class ScenarioExperimentAssignment {
  /** An invoice's version is chosen once, at its creation. */
  @PrimaryColumn({ name: 'invoice_id', type: 'uuid' })
  invoiceId!: string;

  @ManyToOne(() => Invoice, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'invoice_id' })
  invoice?: Invoice;

  @Column({ name: 'experiment_id', type: 'uuid' })
  experimentId!: string;

  @ManyToOne(() => ScenarioExperiment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'experiment_id' })
  experiment?: ScenarioExperiment;

  @Column({ name: 'customer_id', type: 'uuid' })
  customerId!: string;

  @Column({ type: 'varchar', length: 1 })
  arm!: ExperimentArm;

  @Column({ type: 'int' })
  version!: number;

  @Column({ name: 'assigned_at', type: 'timestamptz' })
  assignedAt!: Date;
}
