import { Module } from '@nestjs/common';
import { DunningForecastController } from './dunning-forecast.controller.js';
import { DunningForecastService } from './dunning-forecast.service.js';
import { PortfolioStateReader } from './portfolio-state.reader.js';

/** Scenario simulation and the collections calendar: read-only forecasts of the invoice workflows. */
@Module({
  controllers: [DunningForecastController],
  providers: [DunningForecastService, PortfolioStateReader],
  exports: [PortfolioStateReader, DunningForecastService],
})
export class SimulationModule {}
