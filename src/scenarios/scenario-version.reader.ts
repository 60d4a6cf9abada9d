import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { MoreThan, type DataSource, type EntityManager } from 'typeorm';
import type { InFlightPolicy, ScenarioDefinition } from '../../workflows/domain/scenario.js';
import { ScenarioVersion } from './scenario-version.entity.js';
import { findScenario } from './scenarios.service.js';

/** A published version of a scenario. */
export interface PublishedVersion {
  scenarioId: string;
  version: number;
  definition: ScenarioDefinition;
  inFlightPolicy: InFlightPolicy;
}

const toPublished = (v: ScenarioVersion): PublishedVersion =>
  ({ scenarioId: v.scenarioId, version: v.version, definition: v.definition, inFlightPolicy: v.inFlightPolicy });

/** Published scenario versions, for the capabilities that run or forecast scenarios. */
@Injectable()
export class ScenarioVersionReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The scenario's entity and draft; unknown and malformed ids are a NotFoundError. */
  async draftOf(scenarioId: string): Promise<{ id: string; entityId: string; draft: ScenarioDefinition }> {
    const scenario = await findScenario(this.dataSource.manager, scenarioId);
    return { id: scenario.id, entityId: scenario.entityId, draft: scenario.draft };
  }

  /** The published version, or null. */
  async find(scenarioId: string, version: number): Promise<PublishedVersion | null> {
    const row = await this.dataSource.manager.findOneBy(ScenarioVersion, { scenarioId, version });
    return row && toPublished(row);
  }

  /**
   * Every version of these scenarios in version order, in one query. Pass a transaction's manager
   * (`db`) to read inside the caller's snapshot.
   */
  async versionsOf(scenarioIds: readonly string[], db: EntityManager = this.dataSource.manager): Promise<PublishedVersion[]> {
    if (scenarioIds.length === 0) return [];
    const rows: PublishedVersion[] = await db.query(
      `SELECT scenario_id AS "scenarioId", version, definition, in_flight_policy AS "inFlightPolicy"
         FROM scenario_versions WHERE scenario_id = ANY($1::uuid[]) ORDER BY version`,
      [scenarioIds],
    );
    return rows;
  }

  /**
   * The newest version after `afterVersion` published with "migrate_at_next_step", if any.
   * An invoice in an arm of a running experiment stays on its arm's version until the
   * experiment is promoted (then the promoted version's policy applies).
   */
  async migrationTarget(scenarioId: string, afterVersion: number, invoiceId?: string): Promise<PublishedVersion | null> {
    if (invoiceId && await this.inRunningExperiment(invoiceId)) return null;
    const target = await this.dataSource.manager.findOne(ScenarioVersion, {
      where: { scenarioId, version: MoreThan(afterVersion), inFlightPolicy: 'migrate_at_next_step' },
      order: { version: 'DESC' },
    });
    return target && toPublished(target);
  }

  private async inRunningExperiment(invoiceId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM scenario_experiment_assignments a JOIN scenario_experiments x ON x.id = a.experiment_id
        WHERE a.invoice_id = $1 AND x.status = 'running'`,
      [invoiceId],
    );
    return rows.length > 0;
  }
}
