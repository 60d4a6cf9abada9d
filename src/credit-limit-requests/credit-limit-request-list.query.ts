import { IsBoolean, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { IsIsoDate } from '../common/iso-date.js';
import { BooleanParameter, ListQuery, sortParameterValues } from '../common/lists/list-query.js';

export const CREDIT_LIMIT_REQUEST_SORT_KEYS = { createdAt: true, amount: true } as const;

/** GET /api/v1/credit-limit-requests. */
export class CreditLimitRequestListQuery extends ListQuery {
  @IsOptional() @IsIn(sortParameterValues(CREDIT_LIMIT_REQUEST_SORT_KEYS))
  sort?: string;

  @IsOptional() @IsIn(['pending', 'approved', 'rejected', 'reverted', 'superseded'])
  status?: string;

  @IsOptional() @IsString() @Length(1, 64)
  entity?: string;

  /** The customer's externalId. */
  @IsOptional() @IsString() @Length(1, 128)
  customer?: string;

  /** true: requests the caller made. */
  @IsOptional() @BooleanParameter() @IsBoolean({ message: 'mine must be true or false' })
  mine?: boolean;

  /** Asked on or after / on or before this day in the entity's zone. */
  @IsOptional() @IsIsoDate() createdFrom?: string;
  @IsOptional() @IsIsoDate() createdTo?: string;
}
