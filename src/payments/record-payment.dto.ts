import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsISO4217CurrencyCode, IsOptional, IsString, Length, ValidateNested,
} from 'class-validator';
import { REASON_CODES, type ReasonCode } from '../../workflows/domain/dispute-rules.js';
import { DecimalAmount } from '../common/decimal-amount.js';
import { IsInstant } from '../common/iso-date.js';

/** The customer paid short: a dispute of type deduction is opened for the difference. */
export class PaymentDeductionDto {
  @DecimalAmount()
  amount!: string;

  /** Default `deduction`. */
  @IsOptional() @IsIn(REASON_CODES)
  reasonCode?: ReasonCode;

  @IsOptional() @IsString() @Length(1, 4000)
  comment?: string;
}

export class PaymentAllocationDto {
  @IsString() @Length(1, 128)
  invoiceExternalId!: string;

  @DecimalAmount()
  amount!: string;

  @IsOptional() @ValidateNested() @Type(() => PaymentDeductionDto)
  deduction?: PaymentDeductionDto;
}

/** POST /api/v1/payments: a payment received, allocated to invoices. */
export class RecordPaymentDto {
  @IsOptional() @IsString() @Length(1, 64)
  entity?: string;

  @IsString() @Length(1, 128)
  externalId!: string;

  @DecimalAmount({ currencyField: 'currency' })
  amount!: string;

  @IsISO4217CurrencyCode({ message: 'currency must be an ISO 4217 code such as EUR' })
  currency!: string;

  @IsInstant()
  receivedAt!: string;

  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(1000)
  @ValidateNested({ each: true }) @Type(() => PaymentAllocationDto)
  allocations!: PaymentAllocationDto[];
}
