import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsDefined, IsIn, IsInt, IsISO4217CurrencyCode, IsObject, IsOptional, IsString, Length, Max, Min, ValidateNested,
} from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import type { ApproverRole } from '../../workflows/domain/credit-approval-policy.js';
import { RISK_CLASSES, type RiskClass } from '../../workflows/domain/scenario.js';
import { DecimalAmount } from '../common/decimal-amount.js';
import { Nullable } from '../common/validation.js';
import { DECIMAL_AMOUNT_PATTERN } from '../openapi/dto-schemas.js';
import { APPROVER_ROLES, POLICY_DECISIONS } from './credit-policy.js';

// PUT /api/v1/credit-policy: the shape of a whole policy, checked field by field by the input pipe.
// The rules that span fields (block days ≥ prepayment days, a class in one list only, bands in
// ascending order with the last open-ended, amounts in the currency's precision) are checked by
// parseCreditPolicy (credit-policy.ts) once the shape is right.

const DECISION = { message: `must be one of ${POLICY_DECISIONS.join(', ')}` };
const CLASS = { each: true, message: `each class must be one of ${RISK_CLASSES.join(', ')}` };
const APPROVER = { message: `must be one of ${APPROVER_ROLES.join(', ')}` };

export class OrderCheckPolicyDto {
  /** Exposure at or above this share of the limit adds a warning. */
  @IsInt() @Min(1) @Max(100)
  warningSharePercent!: number;

  /** When exposure after the order exceeds the limit. */
  @IsIn(POLICY_DECISIONS, DECISION)
  overLimitDecision!: (typeof POLICY_DECISIONS)[number];

  /** Oldest overdue invoice at or beyond this many days → prepayment. */
  @IsInt() @Min(0) @Max(3650)
  overdueDaysPrepayment!: number;

  /** Oldest overdue invoice at or beyond this many days → block (at least overdueDaysPrepayment). */
  @IsInt() @Min(0) @Max(3650)
  overdueDaysBlock!: number;

  @IsArray() @ArrayMaxSize(50) @IsIn(RISK_CLASSES, CLASS)
  prepaymentClasses!: RiskClass[];

  /** No class may be in both lists. */
  @IsArray() @ArrayMaxSize(50) @IsIn(RISK_CLASSES, CLASS)
  blockClasses!: RiskClass[];

  /** Per currency (ISO 4217 code → decimal string): open disputes above this amount → disputesDecision. */
  @IsObject()
  @JSONSchema({
    type: 'object', additionalProperties: { type: 'string', pattern: DECIMAL_AMOUNT_PATTERN }, examples: [{ EUR: '10000.00' }],
    description: 'Keys are ISO 4217 codes; each amount a decimal string in that currency\'s precision',
  })
  disputesAmountThresholds!: Record<string, string>;

  /** Open disputes at or above this share of open receivables → disputesDecision. */
  @IsInt() @Min(1) @Max(100)
  disputesSharePercent!: number;

  @IsIn(POLICY_DECISIONS, DECISION)
  disputesDecision!: (typeof POLICY_DECISIONS)[number];
}

export class ApprovalBandDto {
  /** Requests up to this amount (inclusive), in the approval currency; null: the last, open-ended band. */
  @Nullable() @IsOptional() @DecimalAmount()
  upTo?: string | null;

  /** Approval levels in order. */
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(APPROVER_ROLES.length * 2) @IsIn(APPROVER_ROLES, { each: true, ...APPROVER })
  approvers!: ApproverRole[];
}

export class ApprovalPolicyDto {
  /** Currency of the band bounds. */
  @IsISO4217CurrencyCode({ message: 'currency must be an ISO 4217 code such as EUR' })
  currency!: string;

  /** Ascending by upTo, the last one open-ended. */
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20)
  @ValidateNested({ each: true }) @Type(() => ApprovalBandDto)
  bands!: ApprovalBandDto[];

  /** A sales opinion is asked in parallel (advisory). */
  @IsBoolean()
  salesOpinion!: boolean;

  /** Hours an approver has before a reminder. */
  @IsInt() @Min(1) @Max(24 * 90)
  reminderAfterHours!: number;

  /** Hours after which the pending level escalates (more than reminderAfterHours). */
  @IsInt() @Min(1) @Max(24 * 90)
  escalateAfterHours!: number;

  @IsIn(APPROVER_ROLES, APPROVER)
  escalationRole!: ApproverRole;
}

/** A whole credit policy: a PUT replaces the policy of the entity (absent: the default policy). */
export class CreditPolicyDto {
  /** Legal entity code; absent: the default policy of entities without their own. */
  @IsOptional() @IsString() @Length(1, 64)
  entity?: string;

  @IsDefined() @ValidateNested() @Type(() => OrderCheckPolicyDto)
  orderCheck!: OrderCheckPolicyDto;

  /** Exposure at or above this share of the limit raises a warning alert. */
  @IsInt() @Min(1) @Max(100)
  exposureAlertSharePercent!: number;

  @IsDefined() @ValidateNested() @Type(() => ApprovalPolicyDto)
  approval!: ApprovalPolicyDto;
}
