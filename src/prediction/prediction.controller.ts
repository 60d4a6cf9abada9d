import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { Roles } from '../auth/auth.tokens.js';
import { CashForecastQuery } from './prediction.dto.js';
import { CashForecastResponse } from './prediction.openapi.js';
import { PredictionService } from './prediction.service.js';

@Controller('api/v1')
export class PredictionController {
  constructor(@Inject(PredictionService) private readonly predictions: PredictionService) {}

  /** Expected receipts per ISO week, per currency. */
  @Get('cash-forecast')
  @Roles('collector', 'credit_manager', 'finance_manager', 'finance_director', 'cfo')
  @ApiResponse({ status: 200, description: 'Expected receipts per ISO week, per currency, from the payment predictions', type: CashForecastResponse })
  cashForecast(@Query() query: CashForecastQuery): Promise<CashForecastResponse> {
    return this.predictions.cashForecast(query);
  }
}
