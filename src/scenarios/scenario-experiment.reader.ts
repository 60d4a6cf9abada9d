import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { ExperimentArm } from './experiment-split.js';
import { ScenarioExperimentAssignment } from './scenario-experiment-assignment.entity.js';
import { ScenarioExperiment } from './scenario-experiment.entity.js';
import { toExperimentView, type ExperimentView } from './scenario-experiment.views.js';

/** An invoice recorded in an arm of an experiment. */
export interface ArmAssignment {
  invoiceId: string;
  customerId: string;
  arm: ExperimentArm;
  version: number;
}

/** Experiments and the arms their invoices were put in, for the capabilities that compare them. */
@Injectable()
export class ScenarioExperimentReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The scenario's running experiment, else its latest one; null when it never had one. */
  async currentOf(scenarioId: string): Promise<ExperimentView | null> {
    const row = await this.dataSource.manager
      .createQueryBuilder(ScenarioExperiment, 'x')
      .where('x.scenario_id = :scenarioId', { scenarioId })
      .orderBy(`x.status = 'running'`, 'DESC')
      .addOrderBy('x.started_at', 'DESC')
      .addOrderBy('x.id', 'DESC')
      .getOne();
    return row && toExperimentView(row);
  }

  /** Every invoice recorded in the experiment (one query). */
  async assignments(experimentId: string, db: EntityManager = this.dataSource.manager): Promise<ArmAssignment[]> {
    const rows = await db.find(ScenarioExperimentAssignment, {
      where: { experimentId },
      select: { invoiceId: true, customerId: true, arm: true, version: true },
      order: { invoiceId: 'ASC' },
    });
    return rows.map((r) => ({ invoiceId: r.invoiceId, customerId: r.customerId, arm: r.arm, version: r.version }));
  }
}
