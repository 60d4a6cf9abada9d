import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsIn, IsInt, IsISO4217CurrencyCode, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested,
} from 'class-validator';
import { DecimalAmount } from '../common/decimal-amount.js';
import { IsIsoDate } from '../common/iso-date.js';
import { RISK_CLASSES, type RiskClass } from '../../workflows/domain/scenario.js';

/** Which open invoices a simulation takes; every criterion given must hold. */
export class SimulationFilterDto {
  @IsOptional() @IsArray() @ArrayMaxSize(10_000) @IsString({ each: true }) @Length(1, 128, { each: true })
  customerExternalIds?: string[];

  @IsOptional() @IsArray() @ArrayMaxSize(1000) @IsString({ each: true }) @Length(1, 64, { each: true })
  segments?: string[];

  @IsOptional() @IsArray() @IsIn(RISK_CLASSES, { each: true, message: 'riskClasses must each be one of A, B, C, D, E' })
  riskClasses?: RiskClass[];

  /** Invoices with at least this open amount, in their own currency. */
  @IsOptional() @DecimalAmount({ currencyField: 'currency' })
  minOpenAmount?: string;

  @IsOptional() @IsISO4217CurrencyCode({ message: 'currency must be an ISO 4217 code such as EUR' })
  currency?: string;
}

/** POST /api/v1/scenarios/:id/simulate. */
export class SimulateScenarioDto {
  /** Days forecast, today included. */
  @IsInt() @Min(1) @Max(366)
  horizonDays!: number;

  /** A published version; default: the draft. */
  @IsOptional() @IsInt() @Min(1)
  version?: number;

  @IsOptional() @ValidateNested() @Type(() => SimulationFilterDto)
  filter?: SimulationFilterDto;
}

/** GET /api/v1/calendar?from=&to=&entity=&collector= (dates both included; default today … today + 14). */
export class CalendarQueryDto {
  @IsOptional() @IsIsoDate()
  from?: string;

  @IsOptional() @IsIsoDate()
  to?: string;

  /** A legal entity's code: its invoices only; absent: every entity. */
  @IsOptional() @IsString() @Length(1, 64)
  entity?: string;

  /**
   * `me` or a user id: the invoices of that collector's portfolio only (a collector without the credit
   * manager role may name only themselves); absent: every portfolio.
   */
  @IsOptional() @IsString() @Matches(/^(me|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/, { message: 'collector must be "me" or a user id' })
  collector?: string;
}
