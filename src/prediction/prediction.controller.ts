import { Controller, Get, Inject, Query } from '@nestjs/common';
import { Roles } from '../auth/auth.tokens.js';
import { CashForecastQuery, WorklistQuery } from './prediction.dto.js';
import { PredictionService } from './prediction.service.js';

@Controller('api/v1')
export class PredictionController {
  constructor(@Inject(PredictionService) private readonly predictions: PredictionService) {}

  /** Open invoices ranked for the collectors, each with the reasons of its rank. */
  @Get('worklist')
  @Roles('collector', 'credit_manager')
  worklist(@Query() query: WorklistQuery) {
    return this.predictions.worklist(query);
  }

  /** Expected receipts per ISO week, per currency. */
  @Get('cash-forecast')
  @Roles('collector', 'credit_manager', 'finance_manager', 'finance_director', 'cfo')
  cashForecast(@Query() query: CashForecastQuery) {
    return this.predictions.cashForecast(query);
  }
}
