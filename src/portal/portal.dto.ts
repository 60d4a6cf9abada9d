import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsEmail, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { REASON_CODES, type ReasonCode } from '../../workflows/domain/dispute-rules.js';
import { MAX_INSTALMENTS } from '../../workflows/domain/payment-plan-rules.js';
import { DecimalAmount } from '../common/decimal-amount.js';
import { IsIsoDate } from '../common/iso-date.js';

/** Reasons a customer may give (a deduction is the ERP's, never the customer's). */
export const PORTAL_REASON_CODES = REASON_CODES.filter((r) => r !== 'deduction');

/** POST /api/v1/portal/session: the token of the emailed link. */
export class PortalOpenDto {
  @IsString() @Length(10, 2000)
  token!: string;
}

/** POST /api/v1/portal/invoices/:id/disputes (JSON, or multipart with the file `attachment`). */
export class PortalDisputeDto {
  @IsIn(PORTAL_REASON_CODES)
  reasonCode!: ReasonCode;

  @IsString() @Length(1, 4000)
  comment!: string;

  /** Part of the invoice disputed; absent: its whole open amount. */
  @IsOptional() @DecimalAmount()
  amount?: string;
}

/** POST /api/v1/portal/promises. */
export class PortalPromiseDto {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @IsUUID('all', { each: true })
  invoiceIds!: string[];

  /** In the invoices' currency. */
  @DecimalAmount()
  amount!: string;

  /** YYYY-MM-DD. */
  @IsIsoDate()
  promisedFor!: string;

  @IsOptional() @IsString() @Length(0, 2000)
  note?: string;
}

/** POST /api/v1/portal/payment-plans: a request the collector's rules approve or not. */
export class PortalPaymentPlanDto {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @IsUUID('all', { each: true })
  invoiceIds!: string[];

  @Type(() => Number) @IsInt() @Min(2) @Max(MAX_INSTALMENTS)
  instalments!: number;

  /** YYYY-MM-DD, after today. */
  @IsIsoDate()
  firstDueDate!: string;

  @IsOptional() @IsString() @Length(0, 2000)
  note?: string;
}

/** POST /api/v1/customers/:externalId/portal-links: a new link for one contact (by id or email). */
export class IssuePortalLinkDto {
  @IsOptional() @IsUUID()
  contactId?: string;

  @IsOptional() @IsEmail()
  contactEmail?: string;

  /** The contact's other links stop at once (a link that was forwarded, a person who left). */
  @IsOptional() @IsBoolean()
  revokeOthers?: boolean;
}

export class PortalLinksQuery {
  @IsOptional() @IsString() @Length(1, 64)
  entity?: string;
}
