import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsNumber, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { DecimalAmount } from '../common/decimal-amount.js';
import { BooleanParameter, ListQuery, sortParameterValues } from '../common/lists/list-query.js';
import { RISK_CLASSES } from '../../workflows/domain/scenario.js';
import { CUSTOMER_SORTS } from '../customers/customers.service.js';

/** GET /api/v1/customers: filters (combined with AND), sort, cursor. */
export class CustomerListQuery extends ListQuery {
  @IsOptional() @IsIn(sortParameterValues(CUSTOMER_SORTS))
  sort?: string;

  @IsOptional() @IsString() @Length(1, 64)
  entity?: string;

  @IsOptional() @IsString() @Length(1, 64)
  segment?: string;

  @IsOptional() @IsString() @Length(3, 320)
  salesperson?: string;

  /** Risk class A–E. */
  @IsOptional() @IsIn(RISK_CLASSES, { message: 'riskClass must be one of A, B, C, D, E' })
  riskClass?: string;

  /** Name or externalId contains (case-insensitive). */
  @IsOptional() @IsString() @Length(1, 100)
  q?: string;

  /** The currency balances are compared in (needed by balanceMin/balanceMax). */
  @IsOptional() @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as EUR' })
  currency?: string;

  /** Open balance (open invoices) in `currency`, bounds included; customers with nothing open count 0. */
  @IsOptional() @DecimalAmount({ currencyField: 'currency' }) balanceMin?: string;
  @IsOptional() @DecimalAmount({ currencyField: 'currency' }) balanceMax?: string;

  /** true: something overdue (in `currency` when given); false: nothing overdue. */
  @IsOptional() @BooleanParameter() @IsBoolean({ message: 'overdue must be true or false' })
  overdue?: boolean;

  /** Open balance in the limit's currency as a percentage of the credit limit (customers without a limit never match). */
  @IsOptional() @Type(() => Number) @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 }, { message: 'limitUseMin must be a percentage such as 80' }) @Min(0) @Max(100_000)
  limitUseMin?: number;

  @IsOptional() @Type(() => Number) @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 }, { message: 'limitUseMax must be a percentage such as 100' }) @Min(0) @Max(100_000)
  limitUseMax?: number;
}
