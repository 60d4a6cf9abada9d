import { IsIn, IsInt, IsISO4217CurrencyCode, IsOptional, IsString, Length, Max, Min, ValidateIf } from 'class-validator';
import { DecimalAmount } from '../common/decimal-amount.js';
import { IsInstant, IsIsoDate } from '../common/iso-date.js';

const CURRENCY = { message: 'currency must be an ISO 4217 code such as EUR' };

export class MoneyDto {
  @DecimalAmount({ currencyField: 'currency' })
  amount!: string;

  @IsISO4217CurrencyCode(CURRENCY)
  currency!: string;
}

export class OpenOrdersDto extends MoneyDto {
  /** When the ERP computed the figure (ISO 8601 instant); absent: now. */
  @IsOptional() @IsInstant()
  asOf?: string;
}

export class ExternalScoreDto {
  @IsString() @Length(1, 100)
  provider!: string;

  /** 0–100, higher is better (normalise other scales first). */
  @ValidateIf((o: ExternalScoreDto) => o.score !== undefined || o.rating === undefined)
  @IsInt() @Min(0) @Max(100)
  score?: number;

  /** A class A–E instead of a score. */
  @IsOptional() @IsIn(['A', 'B', 'C', 'D', 'E'])
  rating?: string;

  /** The provider's assessment date. */
  @IsIsoDate()
  asOf!: string;
}

export class EntityQuery {
  @IsOptional() @IsString() @Length(1, 64)
  entity?: string;
}
