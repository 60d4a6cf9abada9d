import { Module } from '@nestjs/common';
import { CustomerAccessModule } from '../customers/customer-access.module.js';
import { DunningPauseAccessModule } from '../dunning-pauses/dunning-pause-access.module.js';
import { InvoiceAccessModule } from '../invoices/invoice-access.module.js';
import { OrganizationAccessModule } from '../organization/organization-access.module.js';
import { OrganizationModule } from '../organization/organization.module.js';
import { PortfolioModule } from '../portfolios/portfolios.module.js';
import { UsersDirectoryModule } from '../users/users.module.js';
import { ScenarioAccessModule } from '../scenarios/scenario-access.module.js';
import { CalendarFilterResolver } from './calendar-filter.resolver.js';
import { DunningForecastController } from './dunning-forecast.controller.js';
import { DunningForecastService } from './dunning-forecast.service.js';
import { PortfolioStateReader } from './portfolio-state.reader.js';

/** Scenario simulation and the collections calendar: read-only forecasts of the invoice workflows. */
@Module({
  // The owners' read models: the forecasts read no other module's tables.
  imports: [
    InvoiceAccessModule, CustomerAccessModule, DunningPauseAccessModule, ScenarioAccessModule, OrganizationAccessModule,
    // The calendar's filters: entities by code, collectors' portfolios, users.
    OrganizationModule, PortfolioModule, UsersDirectoryModule,
  ],
  controllers: [DunningForecastController],
  providers: [DunningForecastService, PortfolioStateReader, CalendarFilterResolver],
  exports: [PortfolioStateReader, DunningForecastService],
})
export class SimulationModule {}
