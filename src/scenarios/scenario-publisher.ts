import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { BusinessRuleError } from '../common/errors.js';
import type { InFlightPolicy, ScenarioDefinition } from '../../workflows/domain/scenario.js';
import { ScenarioExperimentRunningError, ScenarioUnchangedError } from './scenario.errors.js';
import { ScenarioExperiment } from './scenario-experiment.entity.js';
import { ScenarioVersion } from './scenario-version.entity.js';
import { Scenario } from './scenario.entity.js';
import { toVersionView, type ScenarioVersionView } from './scenario.views.js';
import { findScenario, storedDefinitionProblems } from './scenarios.service.js';

/**
 * The scenario's row, locked for the rest of the caller's transaction: concurrent
 * publishes, experiment starts and promotions of one scenario queue here, so each
 * reads the versions its predecessor left and numbers never repeat (and
 * uq_scenario_versions_scenario_version would refuse it if they did).
 */
export function lockScenario(m: EntityManager, id: string): Promise<Scenario> {
  return m.findOneOrFail(Scenario, { where: { id }, lock: { mode: 'pessimistic_write' } });
}

/** Refuses, with 409 SCENARIO_UNCHANGED, a draft identical to the latest version. */
export async function assertDraftChanged(m: EntityManager, scenario: Scenario): Promise<void> {
  if (scenario.latestVersion === null) return;
  const [row] = await m.query(
    `SELECT s.draft = v.definition AS unchanged FROM scenarios s
     JOIN scenario_versions v ON v.scenario_id = s.id AND v.version = s.latest_version WHERE s.id = $1`,
    [scenario.id],
  ) as { unchanged: boolean }[];
  if (row?.unchanged) throw new ScenarioUnchangedError(scenario.latestVersion);
}

/**
 * Freezes `definition` as the scenario's next version, in the caller's transaction
 * (which holds lockScenario). Definitions were valid when saved; the rules may have
 * tightened since, and a version is forever: they are checked again.
 */
export async function insertVersion(
  m: EntityManager, scenario: Scenario, definition: ScenarioDefinition, inFlightPolicy: InFlightPolicy,
): Promise<ScenarioVersion> {
  const problems = storedDefinitionProblems(definition);
  if (problems.length > 0) {
    throw new BusinessRuleError('SCENARIO_INVALID', 'The draft no longer passes validation: edit it before publishing', {
      errors: problems,
    });
  }
  const version = (scenario.latestVersion ?? 0) + 1;
  await m.insert(ScenarioVersion, { scenarioId: scenario.id, version, definition: definition as never, inFlightPolicy, publishedBy: null });
  await m.update(Scenario, { id: scenario.id }, { latestVersion: version });
  scenario.latestVersion = version;
  return m.findOneByOrFail(ScenarioVersion, { scenarioId: scenario.id, version });
}

/** The scenario's running experiment, if any (read under the caller's lock). */
export function runningExperiment(m: EntityManager, scenarioId: string): Promise<ScenarioExperiment | null> {
  return m.findOneBy(ScenarioExperiment, { scenarioId, status: 'running' });
}

/** Freezes drafts into numbered, immutable versions. */
@Injectable()
export class ScenarioPublisher {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async publish(id: string, inFlightPolicy: InFlightPolicy): Promise<ScenarioVersionView> {
    await findScenario(this.dataSource.manager, id);
    return this.dataSource.transaction(async (m) => {
      const scenario = await lockScenario(m, id);
      // While an experiment runs, its two versions split the new invoices: a third would be in nobody's arm.
      const experiment = await runningExperiment(m, id);
      if (experiment) throw new ScenarioExperimentRunningError(experiment.id);
      await assertDraftChanged(m, scenario);
      return toVersionView(await insertVersion(m, scenario, scenario.draft, inFlightPolicy));
    });
  }
}
