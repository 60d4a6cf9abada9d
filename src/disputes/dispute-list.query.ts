import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { DecimalAmount } from '../common/decimal-amount.js';
import { IsIsoDate } from '../common/iso-date.js';
import { ListQuery, sortParameterValues } from '../common/lists/list-query.js';
import { DISPUTE_STATUSES, REASON_CODES } from '../../workflows/domain/dispute-rules.js';

export const DISPUTE_SORT_KEYS = { openedAt: true, amount: true } as const;

/** GET /api/v1/disputes. */
export class DisputeListQuery extends ListQuery {
  @IsOptional() @IsIn(sortParameterValues(DISPUTE_SORT_KEYS))
  sort?: string;

  /** A status, or `active` (open, in review or waiting for information). */
  @IsOptional() @IsIn([...DISPUTE_STATUSES, 'active'])
  status?: string;

  @IsOptional() @IsIn(REASON_CODES)
  reasonCode?: string;

  @IsOptional() @IsIn(['dispute', 'deduction'])
  type?: 'dispute' | 'deduction';

  @IsOptional() @IsString() @Length(1, 64)
  entity?: string;

  /** The customer's externalId. */
  @IsOptional() @IsString() @Length(1, 128)
  customer?: string;

  @IsOptional() @IsString() @Length(1, 100)
  validatorGroup?: string;

  /** Opened on or after / on or before this day in the entity's zone. */
  @IsOptional() @IsIsoDate() openedFrom?: string;
  @IsOptional() @IsIsoDate() openedTo?: string;

  @IsOptional() @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as EUR' })
  currency?: string;

  @IsOptional() @DecimalAmount({ currencyField: 'currency' }) amountMin?: string;
  @IsOptional() @DecimalAmount({ currencyField: 'currency' }) amountMax?: string;
}
