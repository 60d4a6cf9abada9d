import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min,
} from 'class-validator';
import { Type } from 'class-transformer';
import { DecimalAmount } from '../common/decimal-amount.js';
import { IsIsoDate } from '../common/iso-date.js';
import { ListQuery, sortParameterValues } from '../common/lists/list-query.js';
import { PROMISE_STATUSES } from '../../workflows/domain/promise-rules.js';
import { PROMISE_CHANNELS, type PromiseChannel } from './payment-promise.entity.js';

/** POST /api/v1/promises. */
export class CreatePromiseDto {
  /** Legal entity code; default: the default entity. */
  @IsOptional() @IsString() @Length(1, 64)
  entity?: string;

  @IsString() @Length(1, 128)
  customerExternalId!: string;

  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @IsString({ each: true }) @Length(1, 128, { each: true })
  invoiceExternalIds!: string[];

  /** Decimal string in the currency's minor unit digits, e.g. "1250.00"; at most the invoices' open amount. */
  @DecimalAmount({ currencyField: 'currency' })
  amount!: string;

  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as EUR' })
  currency!: string;

  /** YYYY-MM-DD in the customer's zone: today or later. */
  @IsIsoDate()
  promisedFor!: string;

  @IsIn(PROMISE_CHANNELS)
  channel!: PromiseChannel;

  @IsOptional() @IsString() @Length(0, 2000)
  note?: string;

  /** Overrides the configured grace (RELANCE_PROMISE_GRACE_BUSINESS_DAYS, default 2). */
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(30)
  graceBusinessDays?: number;

  /** The caller's own id for this promise: creating again with it returns the first. */
  @IsOptional() @IsString() @Length(1, 200)
  externalId?: string;
}

export const PROMISE_SORT_KEYS = { createdAt: true, promisedFor: true, amount: true } as const;

/** GET /api/v1/promises. */
export class PromiseListQuery extends ListQuery {
  @IsOptional() @IsIn(sortParameterValues(PROMISE_SORT_KEYS))
  sort?: string;

  @IsOptional() @IsIn(PROMISE_STATUSES)
  status?: string;

  @IsOptional() @IsString() @Length(1, 64)
  entity?: string;

  /** The customer's externalId. */
  @IsOptional() @IsString() @Length(1, 128)
  customer?: string;

  /** Promised on or after / on or before this day. */
  @IsOptional() @IsIsoDate() promisedFrom?: string;
  @IsOptional() @IsIsoDate() promisedTo?: string;
}

/** GET /api/v1/promises/stats: promises made from/to (local days of their creation). */
export class PromiseStatsQuery {
  @IsIsoDate() from!: string;
  @IsIsoDate() to!: string;

  @IsOptional() @IsString() @Length(1, 64)
  entity?: string;
}
