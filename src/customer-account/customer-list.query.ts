import { IsBoolean, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { DecimalAmount } from '../common/decimal-amount.js';
import { BooleanParameter, ListQuery, PercentageParameter, sortParameterValues } from '../common/lists/list-query.js';
import { RISK_CLASSES } from '../../workflows/domain/scenario.js';
import { CUSTOMER_SORTS } from '../customers/customers.service.js';

/** Sorts by the balance in `currency` (open invoices − unapplied credit), computed by CustomerListService. */
export const BALANCE_SORT = 'balance';

/** GET /api/v1/customers: filters (combined with AND), sort, cursor. */
export class CustomerListQuery extends ListQuery {
  /** `balance` / `-balance` need `currency`. */
  @IsOptional() @IsIn(sortParameterValues({ ...CUSTOMER_SORTS, [BALANCE_SORT]: true }))
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

  /** The currency balances are compared in (needed by balanceMin/balanceMax and the balance sort). */
  @IsOptional() @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as EUR' })
  currency?: string;

  /**
   * Balance in `currency` (open invoices − unapplied cash and credit notes, as on the account), bounds
   * included (a customer in credit, below zero, is under any bound). Customers with nothing open and no credit count 0.
   */
  @IsOptional() @DecimalAmount({ currencyField: 'currency' }) balanceMin?: string;
  @IsOptional() @DecimalAmount({ currencyField: 'currency' }) balanceMax?: string;

  /** true: something overdue (in `currency` when given); false: nothing overdue. */
  @IsOptional() @BooleanParameter() @IsBoolean({ message: 'overdue must be true or false' })
  overdue?: boolean;

  /** Open balance in the limit's currency as a percentage of the credit limit (customers without a limit never match). */
  @IsOptional() @PercentageParameter('80')
  limitUseMin?: number;

  @IsOptional() @PercentageParameter('100')
  limitUseMax?: number;
}
