import { IsIn, IsISO4217CurrencyCode, IsOptional, IsString, Length } from 'class-validator';
import { DecimalAmount } from '../common/decimal-amount.js';
import { IsIsoDate } from '../common/iso-date.js';

export class CreateCreditLimitRequestDto {
  @IsString() @Length(1, 128)
  customerExternalId!: string;

  /** Legal entity code; absent: the default entity. */
  @IsOptional() @IsString() @Length(1, 64)
  entity?: string;

  @DecimalAmount({ currencyField: 'currency' })
  amount!: string;

  @IsISO4217CurrencyCode({ message: 'currency must be an ISO 4217 code such as EUR' })
  currency!: string;

  @IsString() @Length(1, 2000)
  reason!: string;

  /** Last day of a temporary limit (in the customer's time zone); absent: permanent. */
  @IsOptional() @IsIsoDate()
  until?: string;
}

export class CreditLimitDecisionDto {
  @IsIn(['approve', 'reject'])
  decision!: 'approve' | 'reject';

  /** Approve a lower amount than the one under decision (a counter-offer). */
  @IsOptional() @DecimalAmount()
  amount?: string;

  @IsString() @Length(1, 2000)
  comment!: string;
}

export class SalesOpinionDto {
  @IsIn(['favourable', 'unfavourable'])
  opinion!: 'favourable' | 'unfavourable';

  @IsString() @Length(1, 2000)
  comment!: string;
}
