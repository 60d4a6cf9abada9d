import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsISO4217CurrencyCode, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { PAYMENT_METHODS, PAYMENT_TERMS, type PaymentMethod, type PaymentTerms } from './payment-terms.js';
import { DecimalAmount } from '../common/decimal-amount.js';
import { IsIsoDate } from '../common/iso-date.js';
import { CustomerInputDto } from '../customers/customer-input.dto.js';

/** POST /api/v1/invoices: an invoice as the ERP pushes it. */
export class CreateInvoiceDto {
  /** Legal entity code; the default entity when absent. */
  @IsOptional() @IsString() @Length(1, 64)
  entity?: string;

  @IsString() @Length(1, 128)
  externalId!: string;

  @IsString() @Length(1, 64)
  number!: string;

  @IsDefined() @ValidateNested() @Type(() => CustomerInputDto)
  customer!: CustomerInputDto;

  @IsIsoDate()
  issueDate!: string;

  @IsIsoDate()
  dueDate!: string;

  @DecimalAmount({ currencyField: 'currency' })
  amount!: string;

  @IsISO4217CurrencyCode({ message: 'currency must be an ISO 4217 code such as EUR' })
  currency!: string;

  /** Absent: the customer's terms, if any. Checked against French maxima when the entity is French. */
  @IsOptional() @IsIn(PAYMENT_TERMS, { message: `paymentTerms must be one of ${PAYMENT_TERMS.join(', ')}` })
  paymentTerms?: PaymentTerms;

  @IsOptional() @IsIn(PAYMENT_METHODS, { message: `paymentMethod must be one of ${PAYMENT_METHODS.join(', ')}` })
  paymentMethod?: PaymentMethod;
}
