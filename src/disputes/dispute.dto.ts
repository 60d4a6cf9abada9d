import { Nullable } from '../common/validation.js';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsISO4217CurrencyCode, IsOptional, IsString, IsUUID, Length, Matches, Max, Min,
} from 'class-validator';
import { REASON_CODES, type ReasonCode } from '../../workflows/domain/dispute-rules.js';
import { DecimalAmount } from '../common/decimal-amount.js';
import { IsIsoDateOrInstant } from '../common/iso-date.js';

export class OpenDisputeDto {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @IsUUID('all', { each: true })
  invoiceIds!: string[];

  /** Partial dispute: this amount over the invoices in the given order; absent: their whole open amounts. */
  @IsOptional() @DecimalAmount()
  amount?: string;

  @IsIn(REASON_CODES)
  reasonCode!: ReasonCode;

  @IsString() @Length(1, 4000)
  comment!: string;

  /** References of attachments kept elsewhere (document ids, URLs). */
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @Length(1, 500, { each: true })
  attachments?: string[];

  /** The caller's own id for this dispute (e.g. the ERP's): opening again with it returns the first dispute. */
  @IsOptional() @IsString() @Length(1, 200)
  externalId?: string;
}

export class DisputeDecisionDto {
  @IsIn(['accept', 'reject', 'request_info'])
  decision!: 'accept' | 'reject' | 'request_info';

  /** Partial acceptance. */
  @IsOptional() @DecimalAmount()
  amount?: string;

  @IsString() @Length(1, 2000)
  comment!: string;
}

export class DisputeInfoDto {
  @IsString() @Length(1, 4000)
  comment!: string;
}

export class DisputeRuleDto {
  /** Absent/null: any reason (a default rule). */
  @Nullable() @IsOptional() @IsIn(REASON_CODES)
  reasonCode?: ReasonCode | null;

  /** Legal entity code; absent: any entity. */
  @Nullable() @IsOptional() @IsString() @Length(1, 64)
  entity?: string | null;

  @Nullable() @IsOptional() @DecimalAmount({ currencyField: 'currency', defaultCurrency: 'EUR' })
  minAmount?: string | null;

  @Nullable() @IsOptional() @DecimalAmount({ currencyField: 'currency', defaultCurrency: 'EUR' })
  maxAmount?: string | null;

  @IsString() @Length(1, 64) @Matches(/^[a-z0-9_.-]+$/, { message: 'validatorGroup must be a group code' })
  validatorGroup!: string;

  @Type(() => Number) @IsInt() @Min(1) @Max(24 * 365)
  resolutionHours!: number;

  /** A finance manager confirms acceptances from this amount on; absent: never. */
  @Nullable() @IsOptional() @DecimalAmount({ currencyField: 'currency', defaultCurrency: 'EUR' })
  secondLevelFrom?: string | null;

  /** Currency of the amounts (minor-unit precision), default EUR: a rule stating amounts routes only disputes in it. */
  @IsOptional() @IsISO4217CurrencyCode({ message: 'currency must be an ISO 4217 code such as EUR' })
  currency?: string;
}

export class DisputeStatsQuery {
  @IsOptional() @IsIsoDateOrInstant()
  from?: string;

  @IsOptional() @IsIsoDateOrInstant()
  to?: string;

  /** `month`: also one row per calendar month (UTC) of the period. */
  @IsOptional() @IsIn(['month'])
  groupBy?: 'month';
}
