import { ApiProperty } from '@nestjs/swagger';
import { ApiDecimalAmount, DECIMAL_AMOUNT_PATTERN } from '../openapi/dto-schemas.js';
import { RISK_CLASSES } from '../../workflows/domain/scenario.js';
import { ApiReasonParams } from '../openapi/reason-params.js';
import { REASON_CODES, type ScoreReasonParams } from './payment-behaviour-score.js';
import type { PredictedReceipt, RiskReasonView } from './customer-risk.view.js';

// Response schema of GET /customers/:externalId/risk; the controller's return type keeps it in step with buildCustomerRiskView.

const NULLABLE_STRING = { type: 'string', nullable: true } as const;
const CLASS = { type: 'string', enum: RISK_CLASSES } as const;

class LimitHistoryResponse {
  @ApiProperty({ type: 'string', nullable: true, pattern: DECIMAL_AMOUNT_PATTERN, description: 'Null: the limit was removed' }) amount!: string | null;
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty({ example: 'set' }) kind!: string;
  @ApiProperty({ ...NULLABLE_STRING, format: 'date' }) validUntil!: string | null;
  @ApiProperty({ ...NULLABLE_STRING, format: 'uuid' }) requestId!: string | null;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

class RiskLimitResponse {
  @ApiDecimalAmount() amount!: string;
  @ApiProperty(NULLABLE_STRING) currency!: string | null;
  @ApiProperty({ type: [LimitHistoryResponse], description: 'Newest first' }) history!: LimitHistoryResponse[];
}

class RiskExposureResponse {
  @ApiDecimalAmount('Open receivables') receivables!: string;
  @ApiDecimalAmount('Open orders the ERP reported') openOrders!: string;
  @ApiProperty({ ...NULLABLE_STRING, format: 'date-time' }) openOrdersAsOf!: string | null;
  @ApiDecimalAmount('Receivables + open orders') total!: string;
  @ApiProperty({ ...NULLABLE_STRING, example: '82.5', description: 'Exposure / limit × 100, one decimal; null without a limit' }) shareOfLimitPercent!: string | null;
  @ApiProperty({ description: 'Share of the limit from which an alert is raised' }) alertSharePercent!: number;
  @ApiProperty({ enum: ['none', 'warning', 'over_limit'] }) alertLevel!: string;
}

class ScoreReasonResponse implements RiskReasonView {
  @ApiProperty({ type: 'string', enum: REASON_CODES, example: 'AVERAGE_DAYS_LATE' }) code!: RiskReasonView['code'];
  @ApiProperty({ description: 'In English; code and params are for translations' }) message!: string;
  @ApiProperty({ oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'null' }] }) value!: string | number | null;
  @ApiReasonParams('What the sentence is made of (riskClass: the class the rule leads to; days, percents and counts as numbers; '
    + 'assessedOn as an ISO date); null for a reason recorded before reasons had params', { days: 12.3, months: 12, riskClass: 'C' }, true) params!: ScoreReasonParams | null;
}

class RiskScoreResponse {
  @ApiProperty(CLASS) class!: string;
  @ApiProperty(CLASS) behaviourClass!: string;
  @ApiProperty({ ...CLASS, nullable: true }) previousClass!: string | null;
  @ApiProperty({ format: 'date' }) asOf!: string;
  @ApiProperty({ format: 'date-time' }) scoredAt!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) figures!: Record<string, unknown>;
  @ApiProperty({ type: [ScoreReasonResponse] }) reasons!: ScoreReasonResponse[];
}

class ExternalScoreResponse {
  @ApiProperty() provider!: string;
  @ApiProperty({ type: 'number', nullable: true }) score!: number | null;
  @ApiProperty(NULLABLE_STRING) rating!: string | null;
  @ApiProperty({ format: 'date' }) asOf!: string;
}

class RiskDisputesResponse {
  @ApiDecimalAmount() amount!: string;
  @ApiProperty() count!: number;
}

class PredictedReceiptResponse implements PredictedReceipt {
  [key: string]: unknown;
  @ApiProperty({ format: 'date' }) date!: string;
  @ApiDecimalAmount() amount!: string;
  @ApiProperty({ example: 'EUR' }) currency!: string;
}

export class CustomerRiskResponse {
  @ApiProperty() customerExternalId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: 'EUR', description: 'The limit\'s currency, else the entity\'s' }) currency!: string;
  @ApiProperty({ type: RiskLimitResponse, nullable: true }) limit!: RiskLimitResponse | null;
  @ApiProperty({ type: RiskExposureResponse }) exposure!: RiskExposureResponse;
  @ApiProperty({ ...CLASS, nullable: true }) riskClass!: string | null;
  @ApiProperty({ type: RiskScoreResponse, nullable: true }) score!: RiskScoreResponse | null;
  @ApiProperty({ type: ExternalScoreResponse, nullable: true }) externalScore!: ExternalScoreResponse | null;
  @ApiProperty({ type: RiskDisputesResponse }) openDisputes!: RiskDisputesResponse;
  @ApiProperty() oldestOverdueDays!: number;
  @ApiProperty({ type: [PredictedReceiptResponse] }) predictedReceipts!: readonly PredictedReceiptResponse[];
}
