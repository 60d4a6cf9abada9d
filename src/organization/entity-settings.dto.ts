import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsISO4217CurrencyCode, IsOptional, IsString, Length, Max, Min, ValidateNested,
} from 'class-validator';
import { DecimalAmount } from '../common/decimal-amount.js';
import { IsIsoDate, IsTimeZone } from '../common/iso-date.js';
import { Nullable } from '../common/validation.js';

export class BusinessCalendarDto {
  @IsOptional() @IsIn(['FR', 'none'])
  country?: 'FR' | 'none';

  @IsOptional() @IsBoolean()
  alsaceMoselle?: boolean;

  @IsOptional() @IsArray() @ArrayMaxSize(366) @IsIsoDate({ each: true })
  extraHolidays?: string[];

  @IsOptional() @IsArray() @ArrayMaxSize(366) @IsIsoDate({ each: true })
  removedHolidays?: string[];

  @IsOptional() @IsArray() @ArrayMaxSize(6) @IsInt({ each: true }) @Min(0, { each: true }) @Max(6, { each: true })
  weekendDays?: number[];
}

export class SendingWindowDto {
  @IsInt() @Min(0) @Max(23)
  startHour!: number;

  @IsInt() @Min(1) @Max(24)
  endHour!: number;

  @IsBoolean()
  businessDaysOnly!: boolean;
}

export class EcbRateDto {
  @IsIsoDate()
  from!: string;

  @IsInt() @Min(-1000) @Max(5000)
  rateBp!: number;
}

/** Late-payment terms; absent fields take the country's statutory default. */
export class PenaltyPolicyDto {
  @IsOptional() @IsInt() @Min(0) @Max(5000)
  marginBp?: number;

  @IsOptional() @IsInt() @Min(0) @Max(5000)
  floorRateBp?: number;

  @IsOptional() @DecimalAmount()
  fixedIndemnity?: string;

  @IsOptional() @IsBoolean()
  businessToBusiness?: boolean;

  @IsOptional() @IsArray() @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => EcbRateDto)
  rates?: EcbRateDto[];
}

/** Write-offs up to `amount` in `currency` need no finance manager's approval. */
export class WriteOffThresholdDto {
  @IsISO4217CurrencyCode({ message: 'currency must be an ISO 4217 code such as EUR' })
  currency!: string;

  @DecimalAmount({ currencyField: 'currency' })
  amount!: string;
}

/** PUT /api/v1/entities/:code/settings: how and when this entity's dunning goes out. */
export class EntitySettingsDto {
  @IsOptional() @ValidateNested() @Type(() => PenaltyPolicyDto)
  latePaymentPenalties?: PenaltyPolicyDto;

  @IsOptional() @ValidateNested() @Type(() => BusinessCalendarDto)
  businessCalendar?: BusinessCalendarDto;

  @IsOptional() @ValidateNested() @Type(() => SendingWindowDto)
  sendingWindow?: SendingWindowDto;

  @IsOptional() @IsTimeZone()
  timeZone?: string;

  /** Replaces the entity's write-off approval thresholds (one per currency). */
  @IsOptional() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => WriteOffThresholdDto)
  writeOffApprovalThresholds?: WriteOffThresholdDto[];

  /**
   * The payment page of the customer portal's pay button, with placeholders {invoiceNumber}, {invoiceExternalId},
   * {amount}, {currency}, {customerExternalId} (URL-encoded); null removes the button.
   */
  @Nullable() @IsOptional() @IsString() @Length(1, 1000)
  paymentUrlTemplate?: string | null;
}
