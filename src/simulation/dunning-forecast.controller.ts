import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { Roles } from '../auth/auth.tokens.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { CalendarFilterResolver } from './calendar-filter.resolver.js';
import { DunningForecastService } from './dunning-forecast.service.js';
import { CalendarQueryDto, SimulateScenarioDto } from './forecast.dto.js';
import { ForecastResponse, SimulationResponse } from './forecast.openapi.js';
import { IdPipe } from '../common/uuid.js';

/** Forecasts for credit managers (a scenario on the portfolio) and collectors (the coming days' work). */
@Controller('api/v1')
export class DunningForecastController {
  constructor(
    @Inject(DunningForecastService) private readonly forecasts: DunningForecastService,
    @Inject(CalendarFilterResolver) private readonly calendarFilters: CalendarFilterResolver,
  ) {}

  /** 200, not 201: a simulation creates nothing. */
  @Post('scenarios/:id/simulate')
  @Roles('credit_manager')
  @HttpCode(200)
  @ApiResponse({ status: 200, description: 'What the scenario would do to the filtered open invoices, day by day', type: SimulationResponse })
  simulate(@Param('id', new IdPipe('Scenario')) id: string, @Body() dto: SimulateScenarioDto): Promise<SimulationResponse> {
    return this.forecasts.simulateScenario(id, dto);
  }

  @Get('calendar')
  @Roles('collector', 'credit_manager')
  @ApiResponse({ status: 200, description: 'Actions due per day across the portfolio, each invoice on its own scenario version', type: ForecastResponse })
  @ApiResponse({ status: 403, description: 'A collector named another collector\'s portfolio' })
  async calendar(@Query() query: CalendarQueryDto, @CurrentPrincipal() principal: Principal): Promise<ForecastResponse> {
    return this.forecasts.calendar({ from: query.from, to: query.to, filter: await this.calendarFilters.resolve(query, principal) });
  }
}
