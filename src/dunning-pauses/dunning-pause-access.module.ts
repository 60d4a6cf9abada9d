import { Module } from '@nestjs/common';
import { PauseHistoryReader } from './pause-history.reader.js';

/**
 * What other capabilities may read of dunning pauses, over this module's own SQL. It depends on
 * nothing but the database, so any module imports it without a cycle.
 */
@Module({
  providers: [PauseHistoryReader],
  exports: [PauseHistoryReader],
})
export class DunningPauseAccessModule {}
