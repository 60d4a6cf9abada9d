import { ApiProperty } from '@nestjs/swagger';
import { ApiDecimalAmount } from '../openapi/dto-schemas.js';
import { PROMISE_STATUSES } from '../../workflows/domain/promise-rules.js';
import type { PromiseView } from './promises.service.js';

// Response schemas of the promise routes. `implements` keeps them in step with the service's views.

const NULLABLE_STRING = { type: 'string', nullable: true } as const;

class PromiseCustomerResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() externalId!: string;
  @ApiProperty() name!: string;
}

class PromiseInvoiceResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() externalId!: string;
}

export class PromiseResponse implements PromiseView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['open', 'kept', 'broken', 'cancelled'] }) status!: string;
  @ApiProperty({ example: 'default' }) entity!: string;
  @ApiProperty({ type: PromiseCustomerResponse, nullable: true }) customer!: PromiseCustomerResponse | null;
  @ApiProperty({ type: [PromiseInvoiceResponse] }) invoices!: PromiseInvoiceResponse[];
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiDecimalAmount() amount!: string;
  @ApiDecimalAmount('Received toward it: live while open, as judged once closed') received!: string;
  @ApiProperty({ format: 'date' }) promisedFor!: string;
  @ApiProperty() graceBusinessDays!: number;
  @ApiProperty({ format: 'date' }) graceEndsOn!: string;
  @ApiProperty({ enum: ['phone', 'email', 'letter', 'portal', 'meeting', 'other'] }) channel!: string;
  @ApiProperty() note!: string;
  @ApiProperty({ type: 'boolean', nullable: true }) keptLate!: boolean | null;
  @ApiProperty() escalated!: boolean;
  @ApiProperty() createdBy!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ ...NULLABLE_STRING, format: 'date-time' }) closedAt!: string | null;
}

/** POST /promises: the promise made, or the one already made with this externalId. */
export class PromiseMadeResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: PROMISE_STATUSES }) status!: string;
}

export class PromiseListPageResponse {
  @ApiProperty({ type: [PromiseResponse] }) items!: PromiseResponse[];
  @ApiProperty({ type: 'integer', nullable: true }) total!: number | null;
  @ApiProperty() limit!: number;
  @ApiProperty(NULLABLE_STRING) nextCursor!: string | null;
}

class PromiseCurrencyFiguresResponse {
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty() made!: number;
  @ApiProperty() kept!: number;
  @ApiProperty({ description: 'Of the kept ones, those covered after the promised date' }) keptLate!: number;
  @ApiProperty() broken!: number;
  @ApiProperty() open!: number;
  @ApiProperty({ ...NULLABLE_STRING, example: '78.9', description: 'kept / (kept + broken), one decimal; null when none was judged' })
  keptRatePercent!: string | null;
  @ApiDecimalAmount('Every promise made') amountPromised!: string;
  @ApiDecimalAmount('The judged ones (kept or broken)') amountPromisedJudged!: string;
  @ApiDecimalAmount('Received toward the judged ones') amountReceived!: string;
}

export class PromiseStatsResponse {
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
  @ApiProperty(NULLABLE_STRING) entity!: string | null;
  @ApiProperty({ type: [PromiseCurrencyFiguresResponse] }) currencies!: PromiseCurrencyFiguresResponse[];
}
