import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { DecimalAmount } from '../common/decimal-amount.js';
import { IsIsoDate } from '../common/iso-date.js';
import { MAX_INSTALMENTS, PAYMENT_PLAN_STATUSES } from '../../workflows/domain/payment-plan-rules.js';

/** POST /api/v1/payment-plans. */
export class CreatePaymentPlanDto {
  @IsOptional() @IsString() @Length(1, 64)
  entity?: string;

  @IsString() @Length(1, 128)
  customerExternalId!: string;

  /** The plan covers these invoices' whole open amounts. */
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @IsString({ each: true }) @Length(1, 128, { each: true })
  invoiceExternalIds!: string[];

  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as EUR' })
  currency!: string;

  @Type(() => Number) @IsInt() @Min(1) @Max(MAX_INSTALMENTS)
  instalments!: number;

  /** YYYY-MM-DD: the first instalment's due date (after today). */
  @IsIsoDate()
  firstDueDate!: string;

  /** Months between instalments (default 1). */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(12)
  intervalMonths?: number;

  /** Annual simple interest, percent as a decimal string with at most 2 decimals ("4.75"); absent: none. */
  @IsOptional() @Matches(/^\d{1,2}(\.\d{1,2})?$/, { message: 'annualInterestRate must be a percentage such as "4.75" (0–99.99, at most 2 decimals)' })
  annualInterestRate?: string;

  /** A fixed fee added to the first instalment. */
  @IsOptional() @DecimalAmount({ currencyField: 'currency' })
  fee?: string;

  /** Business days after each due date before a missed instalment breaks the plan (default: the promise grace). */
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(30)
  graceBusinessDays?: number;

  @IsOptional() @IsString() @Length(0, 2000)
  note?: string;

  /** The caller's own id: proposing again with it returns the first plan. */
  @IsOptional() @IsString() @Length(1, 200)
  externalId?: string;
}

/** POST /api/v1/payment-plans/:id/decision (credit managers). */
export class PaymentPlanDecisionDto {
  @IsIn(['approve', 'reject'])
  decision!: 'approve' | 'reject';

  @IsString() @Length(1, 2000)
  comment!: string;
}

/** GET /api/v1/payment-plans: the oldest first, e.g. those waiting for a credit manager (`status=pending_approval`). */
export class PaymentPlanListQuery {
  @IsOptional() @IsIn(PAYMENT_PLAN_STATUSES)
  status?: (typeof PAYMENT_PLAN_STATUSES)[number];

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  limit?: number;
}
