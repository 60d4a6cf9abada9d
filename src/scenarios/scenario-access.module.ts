import { Module } from '@nestjs/common';
import { ScenarioVersionReader } from './scenario-version.reader.js';

/**
 * What other capabilities may read of scenarios, over this module's own SQL. It depends on nothing
 * but the database, so any module imports it without a cycle.
 */
@Module({
  providers: [ScenarioVersionReader],
  exports: [ScenarioVersionReader],
})
export class ScenarioAccessModule {}
