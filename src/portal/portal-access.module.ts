import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CustomerAccessModule } from '../customers/customer-access.module.js';
import { PortalLink } from './portal-link.entity.js';
import { PortalLinksService } from './portal-links.service.js';
import { PortalSession } from './portal-session.entity.js';
import { PortalSessionsService } from './portal-sessions.service.js';

/**
 * Portal links and sessions, for those who need them without the portal's API: the auth guard
 * (portal sessions), the worker (the link every customer email carries) and the portal itself.
 */
@Module({
  imports: [TypeOrmModule.forFeature([PortalLink, PortalSession]), CustomerAccessModule],
  providers: [PortalLinksService, PortalSessionsService],
  exports: [PortalLinksService, PortalSessionsService],
})
export class PortalAccessModule {}
