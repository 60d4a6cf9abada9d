import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ActorResponse, MoneyResponse } from '../openapi/common-responses.js';
import { ApiDecimalAmount, DECIMAL_AMOUNT_PATTERN } from '../openapi/dto-schemas.js';
import { DISPUTE_STATUSES, REASON_CODES, type DisputeStatus } from '../../workflows/domain/dispute-rules.js';
import type { InboxItem } from './dispute-inbox.service.js';
import type { DisputeListItem } from './dispute-list.service.js';
import type { DisputeRulesService } from './dispute-rules.service.js';

// Response schemas of the dispute routes. The controller's return types check them against what the services answer.

const NULLABLE_MONEY = { type: MoneyResponse, nullable: true } as const;
const NULLABLE_STRING = { type: 'string', nullable: true } as const;
const NULLABLE_INSTANT = { type: 'string', format: 'date-time', nullable: true } as const;
const NULLABLE_AMOUNT = { type: 'string', nullable: true, pattern: DECIMAL_AMOUNT_PATTERN, example: '1250.00' } as const;
const TYPES = ['dispute', 'deduction'];

/** POST /disputes: the dispute opened, or the one already opened with this externalId. */
export class DisputeOpenedResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: DISPUTE_STATUSES }) status!: string;
}

class DisputeListCustomerResponse {
  @ApiProperty() externalId!: string;
  @ApiProperty() name!: string;
}

export class DisputeListItemResponse implements DisputeListItem {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'Legal entity code' }) entity!: string;
  @ApiProperty({ enum: DISPUTE_STATUSES }) status!: string;
  @ApiProperty({ enum: REASON_CODES }) reasonCode!: string;
  @ApiProperty({ enum: TYPES }) type!: string;
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiDecimalAmount() amount!: string;
  @ApiProperty(NULLABLE_AMOUNT) acceptedAmount!: string | null;
  @ApiProperty({ type: DisputeListCustomerResponse, nullable: true }) customer!: DisputeListCustomerResponse | null;
  @ApiProperty({ type: [String], description: 'Invoice ids (uuid)' }) invoiceIds!: string[];
  @ApiProperty() validatorGroup!: string;
  @ApiProperty({ description: 'Name of who opened it' }) openedBy!: string;
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
  @ApiProperty(NULLABLE_INSTANT) resolvedAt!: string | null;
  @ApiProperty(NULLABLE_INSTANT) closedAt!: string | null;
}

export class DisputeListPageResponse {
  @ApiProperty({ type: [DisputeListItemResponse] }) items!: DisputeListItemResponse[];
  @ApiProperty({ type: 'integer', nullable: true, description: 'Matching disputes; null when asked total=false' }) total!: number | null;
  @ApiProperty() limit!: number;
  @ApiProperty({ ...NULLABLE_STRING, description: 'Pass as `cursor` for the next page; null on the last' }) nextCursor!: string | null;
}

type DisputeRuleView = Awaited<ReturnType<DisputeRulesService['get']>>;

export class DisputeRuleResponse implements DisputeRuleView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: 'string', enum: REASON_CODES, nullable: true, description: 'null: any reason (a default rule)' }) reasonCode!: DisputeRuleView['reasonCode'];
  @ApiProperty({ ...NULLABLE_STRING, description: 'Legal entity code; null: any entity' }) entity!: string | null;
  @ApiProperty({ ...NULLABLE_AMOUNT, description: 'Amount band [minAmount, maxAmount); null: unbounded' }) minAmount!: string | null;
  @ApiProperty(NULLABLE_AMOUNT) maxAmount!: string | null;
  @ApiProperty() validatorGroup!: string;
  @ApiProperty({ type: 'integer' }) resolutionHours!: number;
  @ApiProperty({ ...NULLABLE_AMOUNT, description: 'A finance manager confirms acceptances from this amount on; null: never' }) secondLevelFrom!: string | null;
  @ApiProperty({ ...NULLABLE_STRING, pattern: '^[A-Z]{3}$', description: 'Currency of the amounts: the rule routes only disputes in it; null when it states no amount (any currency)' }) currency!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class DisputeInboxItemResponse implements InboxItem {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: DISPUTE_STATUSES }) status!: DisputeStatus;
  @ApiProperty({ enum: TYPES }) type!: string;
  @ApiProperty({ enum: REASON_CODES }) reasonCode!: string;
  @ApiProperty() comment!: string;
  @ApiProperty({ type: MoneyResponse }) amount!: MoneyResponse;
  @ApiProperty() invoiceCount!: number;
  @ApiProperty() validatorGroup!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', description: 'When the resolution SLA runs out' }) dueAt!: string;
}

class DisputeInvoiceResponse {
  @ApiProperty({ format: 'uuid' }) invoiceId!: string;
  @ApiProperty({ type: 'string', nullable: true }) externalId!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) number!: string | null;
  @ApiProperty({ type: MoneyResponse }) disputedAmount!: MoneyResponse;
  @ApiProperty(NULLABLE_MONEY) openAmount!: MoneyResponse | null;
  @ApiProperty({ type: 'string', nullable: true }) invoiceStatus!: string | null;
}

class DisputeAssigneeResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() email!: string;
}

class DisputeHistoryResponse {
  @ApiProperty({ example: 'opened' }) event!: string;
  @ApiProperty({ type: 'string', nullable: true }) from!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) to!: string | null;
  @ApiProperty({ type: ActorResponse }) by!: ActorResponse;
  @ApiProperty({ type: 'string', nullable: true }) comment!: string | null;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Details of some events' }) data?: Record<string, unknown>;
}

export class DisputeResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: DISPUTE_STATUSES }) status!: DisputeStatus;
  @ApiProperty({ enum: TYPES }) type!: 'dispute' | 'deduction';
  @ApiProperty({ enum: REASON_CODES }) reasonCode!: string;
  @ApiProperty() comment!: string;
  @ApiProperty({ type: [String] }) attachments!: string[];
  @ApiProperty({ type: MoneyResponse }) amount!: MoneyResponse;
  @ApiProperty(NULLABLE_MONEY) acceptedAmount!: MoneyResponse | null;
  @ApiProperty({ ...NULLABLE_MONEY, description: 'Amount a first-level validator proposed, awaiting the second level' }) proposedAmount!: MoneyResponse | null;
  @ApiProperty({ type: [DisputeInvoiceResponse] }) invoices!: DisputeInvoiceResponse[];
  @ApiProperty() validatorGroup!: string;
  @ApiProperty() resolutionHours!: number;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) ruleId!: string | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Approval level pending (1 or 2); null once decided' }) level!: number | null;
  @ApiProperty() escalated!: boolean;
  @ApiProperty({ type: [DisputeAssigneeResponse] }) assignees!: DisputeAssigneeResponse[];
  @ApiProperty({ type: ActorResponse }) openedBy!: ActorResponse;
  @ApiProperty() workflowId!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) resolvedAt!: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) closedAt!: string | null;
  @ApiProperty({ type: [DisputeHistoryResponse] }) history!: DisputeHistoryResponse[];
}

class DisputeReasonFigureResponse {
  @ApiProperty({ enum: REASON_CODES }) reasonCode!: string;
  @ApiProperty() count!: number;
  @ApiDecimalAmount('Sum of the disputed amounts in this currency') amount!: string;
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty({ description: 'Of them, still open past their resolution SLA (the rule\'s resolution hours from opening)' }) pastSla!: number;
}

const HOURS = { type: 'number', nullable: true } as const;

class DisputeMonthFigureResponse {
  @ApiProperty({ example: '2026-03' }) month!: string;
  @ApiProperty() opened!: number;
  @ApiProperty() resolved!: number;
  @ApiProperty() accepted!: number;
  @ApiProperty(HOURS) averageResolutionHours!: number | null;
  @ApiProperty(HOURS) p90ResolutionHours!: number | null;
  @ApiProperty({ ...HOURS, description: 'Accepted / resolved, 0 to 1' }) acceptanceRate!: number | null;
}

export class DisputeStatsResponse {
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) from!: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) to!: string | null;
  @ApiProperty({ type: [DisputeReasonFigureResponse], description: 'Disputes still open (open, in review, information requested), by reason and currency' })
  openByReason!: DisputeReasonFigureResponse[];
  @ApiProperty() resolved!: number;
  @ApiProperty() accepted!: number;
  @ApiProperty(HOURS) averageResolutionHours!: number | null;
  @ApiProperty(HOURS) p90ResolutionHours!: number | null;
  @ApiProperty({ ...HOURS, description: 'Accepted / resolved, 0 to 1' }) acceptanceRate!: number | null;
  @ApiProperty({ type: [DisputeMonthFigureResponse], required: false, description: 'With groupBy=month' }) months?: DisputeMonthFigureResponse[];
}
