import { IsBoolean, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { DecimalAmount } from '../common/decimal-amount.js';
import { IsIsoDate } from '../common/iso-date.js';
import { BooleanParameter, ListQuery, sortParameterValues } from '../common/lists/list-query.js';

export const PAYMENT_SORT_KEYS = { receivedAt: true, amount: true, createdAt: true } as const;

/** GET /api/v1/payments. */
export class PaymentListQuery extends ListQuery {
  @IsOptional() @IsIn(sortParameterValues(PAYMENT_SORT_KEYS))
  sort?: string;

  @IsOptional() @IsString() @Length(1, 64)
  entity?: string;

  /** Payments applied to this customer's (externalId) invoices. */
  @IsOptional() @IsString() @Length(1, 128)
  customer?: string;

  @IsOptional() @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as EUR' })
  currency?: string;

  /** Received on or after / before this day in the entity's zone. */
  @IsOptional() @IsIsoDate() receivedFrom?: string;
  @IsOptional() @IsIsoDate() receivedTo?: string;

  @IsOptional() @DecimalAmount({ currencyField: 'currency' }) amountMin?: string;
  @IsOptional() @DecimalAmount({ currencyField: 'currency' }) amountMax?: string;

  /** true: part of it is not applied to any invoice. */
  @IsOptional() @BooleanParameter() @IsBoolean({ message: 'unapplied must be true or false' })
  unapplied?: boolean;

  /** The payment's externalId contains (case-insensitive). */
  @IsOptional() @IsString() @Length(1, 100)
  q?: string;
}
