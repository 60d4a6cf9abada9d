import { Module } from '@nestjs/common';
import { StepMessageReader } from './step-message.reader.js';

/**
 * What other capabilities may read of messages without the senders, over this module's
 * own SQL. It depends on nothing but the database, so any module imports it without a cycle.
 */
@Module({
  providers: [StepMessageReader],
  exports: [StepMessageReader],
})
export class MessageAccessModule {}
