import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PortalActivityService } from './portal-activity.service.js';
import { PortalEvent } from './portal-event.entity.js';

/** The customers' portal activity, for the customer account's timeline (no dependency back on the portal). */
@Module({
  imports: [TypeOrmModule.forFeature([PortalEvent])],
  providers: [PortalActivityService],
  exports: [PortalActivityService],
})
export class PortalActivityModule {}
