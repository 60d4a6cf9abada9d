import { Type } from 'class-transformer';
import { IsInt, IsISO4217CurrencyCode, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { IsIsoDate } from '../common/iso-date.js';

export class WorklistQuery {
  @IsOptional() @IsString() @Length(1, 64)
  entity?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit?: number;

  /** "Today" for the ranking (default: the entity's current date). */
  @IsOptional() @IsIsoDate()
  asOf?: string;

  /**
   * `me` or a user id: that collector's portfolio and tasks only. A collector without the credit manager
   * role always gets their own; absent for a credit manager: every customer.
   */
  @IsOptional() @IsString() @Length(1, 64)
  collector?: string;
}

export class CashForecastQuery {
  @IsOptional() @IsString() @Length(1, 64)
  entity?: string;

  @IsOptional() @IsISO4217CurrencyCode({ message: 'currency must be an ISO 4217 code such as EUR' })
  currency?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(104)
  weeks?: number;

  /** First day of the horizon (its ISO week is the first bucket); default: today. */
  @IsOptional() @IsIsoDate()
  from?: string;

  @IsOptional() @IsIsoDate()
  asOf?: string;
}
