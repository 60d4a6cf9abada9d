import { ApiProperty } from '@nestjs/swagger';
import { ApiDecimalAmount, DECIMAL_AMOUNT_PATTERN } from '../openapi/dto-schemas.js';
import { RISK_CLASSES, type RiskClass } from '../../workflows/domain/scenario.js';
import type { ApproverRole } from '../../workflows/domain/credit-approval-policy.js';
import { APPROVER_ROLES, CREDIT_POLICY_SOURCES, POLICY_DECISIONS, type CreditPolicySource, type CreditPolicyWire } from './credit-policy.js';
import { ORDER_CHECK_CODES, ORDER_DECISIONS, type OrderCheckCode, type OrderCheckReason, type OrderDecision } from './order-check.js';
import type { OrderCheckView } from './order-check.service.js';

// Response schemas of the credit policy, order check, open orders and credit limit routes (GET /risk: customer-risk.openapi.ts).
// `implements` and the controller's return types keep them in step with the services.

/** A decimal amount that may be negative (headroom once over the limit). */
const SIGNED_AMOUNT_PATTERN = `^-?${DECIMAL_AMOUNT_PATTERN.slice(1)}`;
const CLASSES = { type: 'string', enum: RISK_CLASSES, isArray: true } as const;
const RULE_DECISION = { type: 'string', enum: POLICY_DECISIONS } as const;
const PERCENT = (description: string) => ({ type: 'integer', minimum: 1, maximum: 100, description }) as const;
const DAYS = (description: string) => ({ type: 'integer', minimum: 0, description }) as const;
const HOURS = (description: string) => ({ type: 'integer', minimum: 1, description }) as const;

type Wire = CreditPolicyWire;
type OrderCheckWire = Wire['orderCheck'];
type ApprovalWire = Wire['approval'];

class OrderCheckPolicyResponse implements OrderCheckWire {
  @ApiProperty(PERCENT('Exposure at or above this share of the limit adds a warning')) warningSharePercent!: number;
  @ApiProperty({ ...RULE_DECISION, description: 'When exposure after the order exceeds the limit' }) overLimitDecision!: OrderCheckWire['overLimitDecision'];
  @ApiProperty(DAYS('Oldest overdue invoice at or beyond this many days → prepayment')) overdueDaysPrepayment!: number;
  @ApiProperty(DAYS('Oldest overdue invoice at or beyond this many days → block')) overdueDaysBlock!: number;
  @ApiProperty(CLASSES) prepaymentClasses!: RiskClass[];
  @ApiProperty(CLASSES) blockClasses!: RiskClass[];
  @ApiProperty({
    type: 'object', additionalProperties: { type: 'string', pattern: DECIMAL_AMOUNT_PATTERN }, example: { EUR: '10000.00' },
    description: 'Per currency: open disputes above this amount → disputesDecision',
  }) disputesAmountThresholds!: Record<string, string>;
  @ApiProperty(PERCENT('Open disputes at or above this share of open receivables → disputesDecision')) disputesSharePercent!: number;
  @ApiProperty(RULE_DECISION) disputesDecision!: OrderCheckWire['disputesDecision'];
}

class ApprovalBandResponse {
  @ApiProperty({ type: 'string', nullable: true, pattern: DECIMAL_AMOUNT_PATTERN, description: 'Requests up to this amount (inclusive); null: the last, open-ended band' }) upTo!: string | null;
  @ApiProperty({ type: 'string', enum: APPROVER_ROLES, isArray: true, description: 'Approval levels in order' }) approvers!: ApproverRole[];
}

class ApprovalPolicyResponse implements ApprovalWire {
  @ApiProperty({ example: 'EUR', description: 'Currency of the band bounds' }) currency!: string;
  @ApiProperty({ type: [ApprovalBandResponse], description: 'Ascending by upTo, the last one open-ended' }) bands!: ApprovalBandResponse[];
  @ApiProperty({ description: 'A sales opinion is asked in parallel (advisory)' }) salesOpinion!: boolean;
  @ApiProperty(HOURS('Hours an approver has before a reminder')) reminderAfterHours!: number;
  @ApiProperty(HOURS('Hours after which the pending level escalates')) escalateAfterHours!: number;
  @ApiProperty({ type: 'string', enum: APPROVER_ROLES }) escalationRole!: ApproverRole;
}

export class CreditPolicyResponse implements Wire {
  @ApiProperty({ type: 'string', nullable: true, description: 'Legal entity code; null: the default policy of entities without their own' }) entity!: string | null;
  @ApiProperty({ type: 'string', enum: CREDIT_POLICY_SOURCES, description: 'Where the policy in force comes from' }) source!: CreditPolicySource;
  @ApiProperty({ type: OrderCheckPolicyResponse }) orderCheck!: OrderCheckPolicyResponse;
  @ApiProperty(PERCENT('Exposure at or above this share of the limit raises a warning alert')) exposureAlertSharePercent!: number;
  @ApiProperty({ type: ApprovalPolicyResponse }) approval!: ApprovalPolicyResponse;
}

class OrderCheckReasonResponse implements OrderCheckReason {
  @ApiProperty({ type: 'string', enum: ORDER_CHECK_CODES }) code!: OrderCheckCode;
  @ApiProperty({ type: 'string', enum: ORDER_DECISIONS, description: 'What this rule alone decides (`allow` for a warning)' }) decision!: OrderDecision;
  @ApiProperty({ description: 'In English; the code is for translations' }) message!: string;
  @ApiProperty({ description: "The customer's figure (amounts as decimal strings in the limit's currency)" }) value!: string;
  @ApiProperty({ description: 'The policy figure it was compared with' }) threshold!: string;
}

class OrderCheckExposureResponse {
  @ApiDecimalAmount('Open receivables') receivables!: string;
  @ApiDecimalAmount('Open orders the ERP reported') openOrders!: string;
  @ApiDecimalAmount('This order') order!: string;
  @ApiDecimalAmount('Receivables + open orders + this order') afterOrder!: string;
}

export class OrderCheckResponse implements OrderCheckView {
  @ApiProperty({ type: 'string', enum: ORDER_DECISIONS, description: 'The most severe of the reasons; `allow` when none fired' }) decision!: OrderDecision;
  @ApiProperty({ type: [OrderCheckReasonResponse], description: 'Rules that fired, in evaluation order' }) reasons!: OrderCheckReasonResponse[];
  @ApiProperty({ example: 'EUR', description: "The limit's currency (that of every amount here)" }) currency!: string;
  @ApiProperty({ type: 'string', enum: RISK_CLASSES, nullable: true }) riskClass!: RiskClass | null;
  @ApiProperty({ type: 'string', nullable: true, pattern: DECIMAL_AMOUNT_PATTERN, description: 'null: no credit limit' }) limit!: string | null;
  @ApiProperty({ type: OrderCheckExposureResponse }) exposure!: OrderCheckExposureResponse;
  @ApiProperty({ type: 'string', nullable: true, pattern: SIGNED_AMOUNT_PATTERN, description: 'Limit − exposure after the order (negative: over); null: no credit limit' }) headroom!: string | null;
}

export class OpenOrdersResponse {
  @ApiProperty() customerExternalId!: string;
  @ApiDecimalAmount('Open orders as stored (a figure older than the stored one is ignored)') amount!: string;
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty({ format: 'date-time', description: 'When the ERP computed the stored figure' }) asOf!: string;
}

export class CreditLimitSetResponse {
  @ApiProperty() customerExternalId!: string;
  @ApiDecimalAmount('The credit limit now') amount!: string;
  @ApiProperty({ example: 'EUR' }) currency!: string;
}
