import { ApiProperty } from '@nestjs/swagger';
import { MoneyResponse } from '../openapi/common-responses.js';
import { ApiDecimalAmount, DECIMAL_AMOUNT_PATTERN } from '../openapi/dto-schemas.js';
import type { CreditLimitRequestListItem } from './credit-limit-request-list.service.js';

// Response schemas of the credit-limit request routes; `implements` and the controller's return types keep them in step.

const NULLABLE_STRING = { type: 'string', nullable: true } as const;
const STATUSES = ['pending', 'approved', 'rejected', 'reverted', 'superseded'];
const ROLES = ['credit_manager', 'finance_manager', 'finance_director', 'cfo'];

class RequestCustomerRefResponse {
  @ApiProperty() externalId!: string;
  @ApiProperty() name!: string;
}

class RequestActorResponse {
  @ApiProperty({ ...NULLABLE_STRING, format: 'uuid' }) userId!: string | null;
  @ApiProperty() name!: string;
}

export class CreditLimitRequestListItemResponse implements CreditLimitRequestListItem {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() entity!: string;
  @ApiProperty({ enum: STATUSES }) status!: string;
  @ApiProperty({ type: RequestCustomerRefResponse, nullable: true }) customer!: RequestCustomerRefResponse | null;
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiDecimalAmount('Requested limit') amount!: string;
  @ApiProperty({ ...NULLABLE_STRING, pattern: DECIMAL_AMOUNT_PATTERN }) approvedAmount!: string | null;
  @ApiProperty({ ...NULLABLE_STRING, format: 'date', description: 'Last day of a temporary limit' }) until!: string | null;
  @ApiProperty({ type: RequestActorResponse }) requester!: RequestActorResponse;
  @ApiProperty({ ...NULLABLE_STRING, enum: ['favourable', 'unfavourable'] }) salesOpinion!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ ...NULLABLE_STRING, format: 'date-time' }) decidedAt!: string | null;
}

export class CreditLimitRequestListPageResponse {
  @ApiProperty({ type: [CreditLimitRequestListItemResponse] }) items!: CreditLimitRequestListItemResponse[];
  @ApiProperty({ type: 'integer', nullable: true }) total!: number | null;
  @ApiProperty() limit!: number;
  @ApiProperty(NULLABLE_STRING) nextCursor!: string | null;
}

class RequestCustomerResponse extends RequestCustomerRefResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
}

class ApprovalLevelResponse {
  @ApiProperty() level!: number;
  @ApiProperty({ enum: ROLES }) role!: string;
  @ApiProperty({ enum: ['approved', 'rejected', 'pending', 'waiting', 'skipped'] }) state!: string;
  @ApiProperty({ ...NULLABLE_STRING, format: 'date-time' }) remindedAt!: string | null;
  @ApiProperty({ ...NULLABLE_STRING, format: 'date-time' }) escalatedAt!: string | null;
}

class PendingApproverResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() email!: string;
}

class RequestDecisionResponse {
  @ApiProperty() level!: number;
  @ApiProperty({ enum: ROLES }) role!: string;
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ enum: ['approve', 'reject'] }) decision!: string;
  @ApiProperty({ type: MoneyResponse, nullable: true, description: 'The amount approved at this level (a counter-offer when lower)' }) amount!: MoneyResponse | null;
  @ApiProperty() comment!: string;
  @ApiProperty({ description: 'Taken by the escalation role after the deadline' }) asEscalation!: boolean;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

class SalesOpinionResponse {
  @ApiProperty({ enum: ['favourable', 'unfavourable'] }) opinion!: string;
  @ApiProperty(NULLABLE_STRING) comment!: string | null;
  @ApiProperty({ ...NULLABLE_STRING, format: 'uuid' }) userId!: string | null;
  @ApiProperty({ ...NULLABLE_STRING, format: 'date-time' }) at!: string | null;
}

class CustomerLimitResponse extends MoneyResponse {
  @ApiProperty({ ...NULLABLE_STRING, format: 'uuid', description: 'The request that set it; null: set by the ERP or a manager' }) setByRequestId!: string | null;
}

export class CreditLimitRequestResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: STATUSES }) status!: string;
  @ApiProperty({ type: RequestCustomerResponse }) customer!: RequestCustomerResponse;
  @ApiProperty({ type: MoneyResponse }) requested!: MoneyResponse;
  @ApiProperty() reason!: string;
  @ApiProperty({ ...NULLABLE_STRING, format: 'date' }) until!: string | null;
  @ApiProperty({ type: RequestActorResponse }) requester!: RequestActorResponse;
  @ApiProperty() workflowId!: string;
  @ApiProperty({ type: [ApprovalLevelResponse], description: 'The approval chain the policy gave this amount' }) levels!: ApprovalLevelResponse[];
  @ApiProperty({ type: 'integer', nullable: true }) pendingLevel!: number | null;
  @ApiProperty({ type: [String], enum: ROLES, description: 'Roles that may decide now (the escalation role too once escalated)' }) pendingRoles!: string[];
  @ApiProperty({ type: [PendingApproverResponse], description: 'People who may decide now (never the requester, nor who already approved)' }) pendingApprovers!: PendingApproverResponse[];
  @ApiProperty({ type: MoneyResponse, nullable: true, description: 'What the pending level decides on: the last counter-offer, else the requested amount' }) amountUnderDecision!: MoneyResponse | null;
  @ApiProperty({ type: [RequestDecisionResponse] }) decisions!: RequestDecisionResponse[];
  @ApiProperty({ type: SalesOpinionResponse, nullable: true }) salesOpinion!: SalesOpinionResponse | null;
  @ApiProperty() salesOpinionRequested!: boolean;
  @ApiProperty({ type: MoneyResponse, nullable: true }) approvedLimit!: MoneyResponse | null;
  @ApiProperty({ type: MoneyResponse, nullable: true }) previousLimit!: MoneyResponse | null;
  @ApiProperty({ type: CustomerLimitResponse, nullable: true, description: "The customer's limit now" }) customerLimit!: CustomerLimitResponse | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ ...NULLABLE_STRING, format: 'date-time' }) decidedAt!: string | null;
  @ApiProperty({ ...NULLABLE_STRING, format: 'date-time' }) revertedAt!: string | null;
}
