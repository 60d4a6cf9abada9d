import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO4217CurrencyCode, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { IsIsoDate } from '../common/iso-date.js';
import { MAX_PAGE_SIZE } from '../common/lists/list-query.js';

const CURRENCY = { message: 'currency must be an ISO 4217 code such as EUR (reports never add currencies together)' };
export const GROUP_BY = ['customer', 'entity', 'segment', 'salesperson', 'riskClass'] as const;
export type GroupBy = (typeof GROUP_BY)[number];
const MAX_GROUP_OFFSET = 10_000_000;

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

  /** Groups in this answer (largest total first), 1–500, default 100; `total` and `groupCount` cover every group. */
  @ApiPropertyOptional({
    type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: 100,
    description: 'Groups in this answer, largest total first (a page); `total` and `groupCount` still cover every group',
  })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'limit must be a whole number' })
  @Min(1) @Max(MAX_PAGE_SIZE, { message: `limit must not be greater than ${MAX_PAGE_SIZE}` })
  limit?: number;

  /** Groups skipped before this answer's first (the previous answer's offset + limit). */
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: MAX_GROUP_OFFSET, default: 0, description: 'Groups skipped before the first of this answer: the previous page\'s offset + limit' })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'offset must be a whole number' })
  @Min(0) @Max(MAX_GROUP_OFFSET, { message: `offset must not be greater than ${MAX_GROUP_OFFSET}` })
  offset?: number;
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
