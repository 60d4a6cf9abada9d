import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { BusinessRuleError } from '../common/errors.js';
import type { InFlightPolicy } from '../../workflows/domain/scenario.js';
import { ScenarioUnchangedError } from './scenario.errors.js';
import { ScenarioVersion } from './scenario-version.entity.js';
import { Scenario } from './scenario.entity.js';
import { toVersionView, type ScenarioVersionView } from './scenario.views.js';
import { findScenario, storedDefinitionProblems } from './scenarios.service.js';

/** Freezes drafts into numbered, immutable versions. */
@Injectable()
export class ScenarioPublisher {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async publish(id: string, inFlightPolicy: InFlightPolicy): Promise<ScenarioVersionView> {
    await findScenario(this.dataSource.manager, id);
    return this.dataSource.transaction(async (m) => {
      // The row lock queues concurrent publishes of one scenario: each one reads
      // the draft and latest version its predecessor left, so numbers never repeat
      // (and uq_scenario_versions_scenario_version would refuse it if they did).
      const scenario = await m.findOneOrFail(Scenario, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (scenario.latestVersion !== null) {
        const [row] = await m.query(
          `SELECT s.draft = v.definition AS unchanged FROM scenarios s
           JOIN scenario_versions v ON v.scenario_id = s.id AND v.version = s.latest_version WHERE s.id = $1`,
          [id],
        ) as { unchanged: boolean }[];
        if (row?.unchanged) throw new ScenarioUnchangedError(scenario.latestVersion);
      }
      // Drafts were valid when saved; the rules may have tightened since, and a version is forever.
      const problems = storedDefinitionProblems(scenario.draft);
      if (problems.length > 0) {
        throw new BusinessRuleError('SCENARIO_INVALID', 'The draft no longer passes validation: edit it before publishing', {
          errors: problems,
        });
      }
      const version = (scenario.latestVersion ?? 0) + 1;
      await m.insert(ScenarioVersion, {
        scenarioId: id, version, definition: scenario.draft as never, inFlightPolicy, publishedBy: null,
      });
      await m.update(Scenario, { id }, { latestVersion: version });
      return toVersionView(await m.findOneByOrFail(ScenarioVersion, { scenarioId: id, version }));
    });
  }
}
