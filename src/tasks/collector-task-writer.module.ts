import { Module } from '@nestjs/common';
import { CollectorTaskWriter } from './collector-task.writer.js';

/** Lets other capabilities open collector tasks (no dependency back on them). */
@Module({
  providers: [CollectorTaskWriter],
  exports: [CollectorTaskWriter],
})
export class CollectorTaskWriterModule {}
