import { IsBoolean, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { DecimalAmount } from '../common/decimal-amount.js';
import { IsIsoDate } from '../common/iso-date.js';
import { BooleanParameter, ListQuery, sortParameterValues } from '../common/lists/list-query.js';
import { RISK_CLASSES } from '../../workflows/domain/scenario.js';

export const INVOICE_SORT_KEYS = ['dueDate', 'issueDate', 'amount', 'openAmount', 'number', 'createdAt'] as const;

/** GET /api/v1/invoices: filters (all optional, combined with AND), sort, cursor. */
export class InvoiceListQuery extends ListQuery {
  @IsOptional() @IsIn(sortParameterValues(Object.fromEntries(INVOICE_SORT_KEYS.map((k) => [k, k]))))
  sort?: string;

  @IsOptional() @IsIn(['open', 'paid', 'cancelled'])
  status?: 'open' | 'paid' | 'cancelled';

  /** Legal entity code. */
  @IsOptional() @IsString() @Length(1, 64)
  entity?: string;

  /** The customer's externalId. */
  @IsOptional() @IsString() @Length(1, 128)
  customer?: string;

  /** true: open with a due date before today (in the entity's zone); false: not overdue. */
  @IsOptional() @BooleanParameter() @IsBoolean({ message: 'overdue must be true or false' })
  overdue?: boolean;

  @IsOptional() @IsIsoDate() dueFrom?: string;
  @IsOptional() @IsIsoDate() dueTo?: string;
  @IsOptional() @IsIsoDate() issuedFrom?: string;
  @IsOptional() @IsIsoDate() issuedTo?: string;

  /** Needed by the amount filters: amounts compare within one currency. */
  @IsOptional() @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as EUR' })
  currency?: string;

  @IsOptional() @DecimalAmount({ currencyField: 'currency' }) amountMin?: string;
  @IsOptional() @DecimalAmount({ currencyField: 'currency' }) amountMax?: string;
  @IsOptional() @DecimalAmount({ currencyField: 'currency' }) openAmountMin?: string;
  @IsOptional() @DecimalAmount({ currencyField: 'currency' }) openAmountMax?: string;

  @IsOptional() @IsIn(['amicable', 'litigation'])
  collectionStage?: 'amicable' | 'litigation';

  /** Scenario id, or `builtin` for invoices on the built-in scenario. */
  @IsOptional() @Matches(/^(builtin|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, { message: 'scenario must be a scenario id or builtin' })
  scenario?: string;

  @IsOptional() @IsString() @Length(1, 64)
  segment?: string;

  /** The customer's salesperson (email). */
  @IsOptional() @IsString() @Length(3, 320)
  salesperson?: string;

  @IsOptional() @IsIn(RISK_CLASSES, { message: 'riskClass must be one of A, B, C, D, E' })
  riskClass?: string;

  /** true: under an open dispute; false: not. */
  @IsOptional() @BooleanParameter() @IsBoolean({ message: 'disputed must be true or false' })
  disputed?: boolean;

  /** Text search: invoice number or customer name (case-insensitive, substring). */
  @IsOptional() @IsString() @Length(1, 100)
  q?: string;
}
