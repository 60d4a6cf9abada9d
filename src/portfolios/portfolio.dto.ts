import { IsIn, IsISO4217CurrencyCode, IsOptional, IsString, IsUUID, Length, Matches, IsEmail } from 'class-validator';
import { DecimalAmount } from '../common/decimal-amount.js';
import { RISK_CLASSES, type RiskClass } from '../../workflows/domain/scenario.js';

const TRIMMED = /^\S(.*\S)?$/;

/** POST/PUT /api/v1/collector-rules: criteria left out match any customer; none at all makes a fallback. */
export class CollectorRuleDto {
  /** Legal entity code; absent: any entity. */
  @IsOptional() @IsString() @Length(1, 64)
  entity?: string | null;

  @IsOptional() @IsString() @Length(1, 64) @Matches(TRIMMED, { message: 'segment must not be blank or padded with spaces' })
  segment?: string | null;

  @IsOptional() @IsEmail({}, { message: 'salespersonEmail must be an email address' }) @Length(1, 320)
  salespersonEmail?: string | null;

  @IsOptional() @IsIn(RISK_CLASSES, { message: 'riskClass must be one of A, B, C, D, E' })
  riskClass?: RiskClass | null;

  /** Open-balance band [minAmount, maxAmount) in `currency` (required with either bound). */
  @IsOptional() @DecimalAmount({ currencyField: 'currency' })
  minAmount?: string | null;

  @IsOptional() @DecimalAmount({ currencyField: 'currency' })
  maxAmount?: string | null;

  @IsOptional() @IsISO4217CurrencyCode({ message: 'currency must be an ISO 4217 code such as EUR' })
  currency?: string | null;

  @IsUUID('all', { message: 'collectorUserId must be a user id (UUID)' })
  collectorUserId!: string;
}

export class EntityParamQuery {
  @IsOptional() @IsString() @Length(1, 64)
  entity?: string;
}

/** PUT /api/v1/customers/:externalId/collector. */
export class AssignCollectorDto extends EntityParamQuery {
  @IsUUID('all', { message: 'collectorUserId must be a user id (UUID)' })
  collectorUserId!: string;
}

/** GET /api/v1/portfolio. */
export class PortfolioQuery extends EntityParamQuery {
  /** `me` or a user id; a collector sees their own only. Absent: the caller's (a credit manager: required). */
  @IsOptional() @IsString() @Length(1, 64)
  collector?: string;
}
