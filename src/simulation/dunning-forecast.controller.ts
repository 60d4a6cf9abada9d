import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { Roles } from '../auth/auth.tokens.js';
import { DunningForecastService } from './dunning-forecast.service.js';
import { CalendarQueryDto, SimulateScenarioDto } from './forecast.dto.js';
import { IdPipe } from '../common/uuid.js';

/** Forecasts for credit managers (a scenario on the portfolio) and collectors (the coming days' work). */
@Controller('api/v1')
export class DunningForecastController {
  constructor(@Inject(DunningForecastService) private readonly forecasts: DunningForecastService) {}

  /** 200, not 201: a simulation creates nothing. */
  @Post('scenarios/:id/simulate')
  @Roles('credit_manager')
  @HttpCode(200)
  simulate(@Param('id', new IdPipe('Scenario')) id: string, @Body() dto: SimulateScenarioDto) {
    return this.forecasts.simulateScenario(id, dto);
  }

  @Get('calendar')
  @Roles('collector', 'credit_manager')
  calendar(@Query() query: CalendarQueryDto) {
    return this.forecasts.calendar(query);
  }
}
