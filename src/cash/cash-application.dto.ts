import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsISO4217CurrencyCode, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateNested,
} from 'class-validator';
import { REASON_CODES, type ReasonCode } from '../../workflows/domain/dispute-rules.js';
import { DecimalAmount } from '../common/decimal-amount.js';
import { BANK_LINE_STATUSES } from './bank-line.entity.js';

export class LineAllocationDto {
  @IsString() @Length(1, 128)
  invoiceExternalId!: string;

  @DecimalAmount()
  amount!: string;
}

/** A short payment's difference, closed as a deduction dispute with this reason. */
export class WriteOffDto {
  @DecimalAmount()
  amount!: string;

  @IsIn(REASON_CODES, { message: `reasonCode must be one of ${REASON_CODES.join(', ')}` })
  reasonCode!: ReasonCode;

  /** Default: the last allocation. */
  @IsOptional() @IsString() @Length(1, 128)
  invoiceExternalId?: string;
}

/** POST /api/v1/bank-lines/:id/match: allocations + unapplied = the line's amount. */
export class MatchLineDto {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(1000)
  @ValidateNested({ each: true }) @Type(() => LineAllocationDto)
  allocations!: LineAllocationDto[];

  /** Left on the customer's account as a credit. */
  @IsOptional() @DecimalAmount()
  unapplied?: string;

  @IsOptional() @ValidateNested() @Type(() => WriteOffDto)
  writeOff?: WriteOffDto;
}

/** POST /api/v1/cash-application/unapplied/:id/allocate: part or all of an unapplied credit to open invoices of its customer. */
export class AllocateCreditDto {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(1000)
  @ValidateNested({ each: true }) @Type(() => LineAllocationDto)
  allocations!: LineAllocationDto[];
}

/** A `status` query parameter: one or more bank line statuses, comma-separated. */
export const BankLineStatusList = (): PropertyDecorator =>
  Matches(new RegExp(`^(${BANK_LINE_STATUSES.join('|')})(,(${BANK_LINE_STATUSES.join('|')}))*$`), {
    message: `status must be a comma-separated list of ${BANK_LINE_STATUSES.join(', ')}`,
  });

export const QUEUE_DEFAULT_STATUSES = ['suggested', 'unmatched'] as const;

export class QueueQuery {
  /** Legal entity code; the default entity when absent. */
  @IsOptional() @IsString() @Length(1, 64)
  entity?: string;

  @IsOptional() @IsUUID()
  statement?: string;

  /** Comma-separated statuses; default `suggested,unmatched` (the work to do). */
  @IsOptional() @BankLineStatusList()
  status?: string;

  /** Customer's ERP id (externalId) or Relance id. */
  @IsOptional() @IsString() @Length(1, 128)
  customer?: string;

  /** Amount bounds need the currency they are written in. */
  @IsOptional() @IsISO4217CurrencyCode({ message: 'currency must be an ISO 4217 code such as EUR' })
  currency?: string;

  @IsOptional() @DecimalAmount({ currencyField: 'currency' })
  minAmount?: string;

  @IsOptional() @DecimalAmount({ currencyField: 'currency' })
  maxAmount?: string;

  @IsOptional() @IsString() @Length(1, 200)
  cursor?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit?: number;
}
