import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Clock, systemClock } from '../clock/clock.js';
import { FieldValidationError, type FieldError } from '../common/validation.js';
import { assertDraftChanged, insertVersion, lockScenario, runningExperiment } from './scenario-publisher.js';
import type { PromoteExperimentDto, StartExperimentDto } from './scenario-experiment.dto.js';
import { ScenarioExperiment } from './scenario-experiment.entity.js';
import { toExperimentView, type ExperimentView } from './scenario-experiment.views.js';
import { ScenarioVersion } from './scenario-version.entity.js';
import {
  ScenarioExperimentNotRunningError, ScenarioExperimentRunningError, ScenarioNotPublishedError,
} from './scenario.errors.js';
import { findScenario } from './scenarios.service.js';

/**
 * A/B tests of scenario versions: starting one (publishing the draft as arm B
 * unless both arms are named) and promoting its winner. While it runs, the
 * resolver splits the scenario's new invoices by customer (scenario-resolver.ts).
 */
@Injectable()
export class ScenarioExperimentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Optional() @Inject(Clock) private readonly clock: Clock = systemClock,
  ) {}

  async start(id: string, dto: StartExperimentDto): Promise<ExperimentView> {
    await findScenario(this.dataSource.manager, id);
    return this.dataSource.transaction(async (m) => {
      const scenario = await lockScenario(m, id);
      const running = await runningExperiment(m, id);
      if (running) throw new ScenarioExperimentRunningError(running.id);
      if (scenario.latestVersion === null) throw new ScenarioNotPublishedError(id, 'testing it against another version');
      const versionA = dto.versionA ?? scenario.latestVersion;
      const problems: FieldError[] = [];
      if (!(await this.exists(m, id, versionA))) problems.push({ field: 'versionA', messages: [`scenario has no version ${versionA}`] });
      if (dto.versionB !== undefined) {
        if (!(await this.exists(m, id, dto.versionB))) problems.push({ field: 'versionB', messages: [`scenario has no version ${dto.versionB}`] });
        else if (dto.versionB === versionA) problems.push({ field: 'versionB', messages: ['versionB must differ from versionA'] });
      }
      if (problems.length > 0) throw new FieldValidationError(problems);
      let versionB = dto.versionB;
      if (versionB === undefined) {
        // Arm B is the draft: frozen now, kept off in-flight invoices (they stay on their version).
        await assertDraftChanged(m, scenario);
        versionB = (await insertVersion(m, scenario, scenario.draft, 'keep_version')).version;
      }
      const inserted = await m.insert(ScenarioExperiment, {
        scenarioId: id, versionA, versionB, shareB: dto.shareB, status: 'running', startedAt: this.clock.now(),
        endedAt: null, promotedArm: null, promotedVersion: null,
      });
      return toExperimentView(await m.findOneByOrFail(ScenarioExperiment, { id: (inserted.identifiers[0] as { id: string }).id }));
    });
  }

  /**
   * Publishes the winning arm's definition as the scenario's next version with the
   * chosen in-flight policy (as a publish does) and ends the experiment. Invoices
   * keep the version they were given; `migrate_at_next_step` moves them at their next step.
   */
  async promote(id: string, dto: PromoteExperimentDto): Promise<ExperimentView> {
    await findScenario(this.dataSource.manager, id);
    return this.dataSource.transaction(async (m) => {
      const scenario = await lockScenario(m, id);
      const experiment = await runningExperiment(m, id);
      if (!experiment) throw new ScenarioExperimentNotRunningError(id);
      const winner = await m.findOneByOrFail(ScenarioVersion, {
        scenarioId: id, version: dto.arm === 'A' ? experiment.versionA : experiment.versionB,
      });
      const published = await insertVersion(m, scenario, winner.definition, dto.inFlightPolicy);
      await m.update(ScenarioExperiment, { id: experiment.id }, {
        status: 'promoted', endedAt: this.clock.now(), promotedArm: dto.arm, promotedVersion: published.version,
      });
      return toExperimentView(await m.findOneByOrFail(ScenarioExperiment, { id: experiment.id }));
    });
  }

  private exists(m: EntityManager, scenarioId: string, version: number): Promise<boolean> {
    return m.existsBy(ScenarioVersion, { scenarioId, version });
  }
}
