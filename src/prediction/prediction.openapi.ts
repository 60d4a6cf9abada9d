import { ApiProperty } from '@nestjs/swagger';
import { ApiDecimalAmount } from '../openapi/dto-schemas.js';

// Response schema of GET /cash-forecast (expected receipts per ISO week and currency).

class ForecastBucketResponse {
  @ApiDecimalAmount() amount!: string;
  @ApiProperty() invoiceCount!: number;
}

class ForecastWeekResponse extends ForecastBucketResponse {
  @ApiProperty({ format: 'date', description: 'The ISO week\'s Monday' }) weekStart!: string;
}

class ForecastCurrencyResponse {
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty({ type: [ForecastWeekResponse], description: 'One entry per week from `from`, empty weeks included' }) weeks!: ForecastWeekResponse[];
  @ApiProperty({ type: ForecastBucketResponse, description: 'Expected before the first week' }) earlier!: ForecastBucketResponse;
  @ApiProperty({ type: ForecastBucketResponse, description: 'Expected after the last week' }) later!: ForecastBucketResponse;
  @ApiProperty({ type: ForecastBucketResponse, description: 'Overdue invoices the model could not date' }) overdueWithoutPrediction!: ForecastBucketResponse;
}

export class CashForecastResponse {
  @ApiProperty({ example: 'default' }) entity!: string;
  @ApiProperty({ format: 'date' }) asOf!: string;
  @ApiProperty({ format: 'date', description: 'The first week\'s Monday' }) from!: string;
  @ApiProperty() weeks!: number;
  @ApiProperty({ type: [ForecastCurrencyResponse] }) currencies!: ForecastCurrencyResponse[];
}
