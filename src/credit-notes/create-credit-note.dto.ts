import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsISO4217CurrencyCode, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { DecimalAmount } from '../common/decimal-amount.js';
import { IsIsoDate } from '../common/iso-date.js';

export class CreditNoteAllocationDto {
  @IsString() @Length(1, 128)
  invoiceExternalId!: string;

  /** In the credit note's currency (the service checks its precision once the currency is known valid). */
  @DecimalAmount()
  amount!: string;
}

/** POST /api/v1/credit-notes: a credit note the ERP issued, with the invoices it settles. */
export class CreateCreditNoteDto {
  /** Legal entity code; the default entity when absent. */
  @IsOptional() @IsString() @Length(1, 64)
  entity?: string;

  @IsString() @Length(1, 128)
  externalId!: string;

  @IsString() @Length(1, 64)
  number!: string;

  /** The customer's external id (the customer must already exist, e.g. from an invoice). */
  @IsString() @Length(1, 128)
  customer!: string;

  @IsIsoDate()
  issueDate!: string;

  @DecimalAmount({ currencyField: 'currency' })
  amount!: string;

  @IsISO4217CurrencyCode({ message: 'currency must be an ISO 4217 code such as EUR' })
  currency!: string;

  /** Invoices of the same customer and currency it lowers; absent or empty: all of it is customer credit. */
  @IsOptional() @IsArray() @ArrayMaxSize(1000)
  @ValidateNested({ each: true }) @Type(() => CreditNoteAllocationDto)
  allocations?: CreditNoteAllocationDto[];
}
