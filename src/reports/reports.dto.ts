import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO4217CurrencyCode, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { IsIsoDate } from '../common/iso-date.js';

const CURRENCY = { message: 'currency must be an ISO 4217 code such as EUR (reports never add currencies together)' };
export const GROUP_BY = ['customer', 'entity', 'segment', 'salesperson', 'riskClass'] as const;
export type GroupBy = (typeof GROUP_BY)[number];

export class AgedBalanceQuery {
  /** Default: today (Europe/Paris). */
  @IsOptional() @IsIsoDate()
  asOf?: string;

  @IsISO4217CurrencyCode(CURRENCY)
  currency!: string;

  @IsOptional() @IsIn(GROUP_BY)
  groupBy?: GroupBy;

  @IsOptional() @IsIn(['due', 'issue'])
  basis?: 'due' | 'issue';

  /** A legal entity's code: only its receivables. */
  @IsOptional() @IsString() @Length(1, 64)
  entity?: string;
}

export class KpiQuery {
  @IsIsoDate()
  from!: string;

  @IsIsoDate()
  to!: string;

  @IsISO4217CurrencyCode(CURRENCY)
  currency!: string;

  @IsOptional() @IsString() @Length(1, 64)
  entity?: string;
}

export class KpiTrendQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(36)
  months?: number;

  @IsISO4217CurrencyCode(CURRENCY)
  currency!: string;

  @IsOptional() @IsString() @Length(1, 64)
  entity?: string;
}
