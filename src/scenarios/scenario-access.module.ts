import { Module } from '@nestjs/common';
import { ScenarioExperimentReader } from './scenario-experiment.reader.js';
import { ScenarioVersionReader } from './scenario-version.reader.js';

/**
 * What other capabilities may read of scenarios, over this module's own SQL. It depends on nothing
 * but the database, so any module imports it without a cycle.
 */
@Module({
  providers: [ScenarioVersionReader, ScenarioExperimentReader],
  exports: [ScenarioVersionReader, ScenarioExperimentReader],
})
export class ScenarioAccessModule {}
