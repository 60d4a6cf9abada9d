import { Module } from '@nestjs/common';
import { CollectorTaskRecords } from './collector-task.records.js';

/**
 * What other capabilities may record and read of collector tasks, over this module's own SQL. It
 * depends on nothing but the database (and the clock when one is provided), so any module imports it without a cycle.
 */
@Module({
  providers: [CollectorTaskRecords],
  exports: [CollectorTaskRecords],
})
export class TaskAccessModule {}
