import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CustomerAccessModule } from '../customers/customer-access.module.js';
import { ReceivablesModule } from '../invoices/receivables.module.js';
import { OrganizationModule } from '../organization/organization.module.js';
import { TaskAccessModule } from '../tasks/task-access.module.js';
import { UsersDirectoryModule } from '../users/users.module.js';
import { PORTFOLIO_ENTITIES } from './portfolio.entities.js';
import { PortfolioService } from './portfolio.service.js';
import { CollectorRulesController, PortfoliosController } from './portfolios.controller.js';

/**
 * Portfolios (who holds which customer), exported for the tasks, notes and worklist: they ask
 * `PortfolioService` (assignments, visibleCustomerIds, canSee) and never read its tables.
 */
@Module({
  imports: [TypeOrmModule.forFeature(PORTFOLIO_ENTITIES), CustomerAccessModule, ReceivablesModule, OrganizationModule, UsersDirectoryModule, TaskAccessModule],
  providers: [PortfolioService],
  exports: [PortfolioService],
})
export class PortfolioModule {}

/** The HTTP routes: rules, explicit assignments, a collector's portfolio. */
@Module({
  imports: [PortfolioModule],
  controllers: [CollectorRulesController, PortfoliosController],
})
export class PortfoliosApiModule {}
