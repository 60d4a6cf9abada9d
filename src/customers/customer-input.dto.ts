import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsEmail, IsIn, IsOptional, IsString, Length, Matches, ValidateIf, ValidateNested } from 'class-validator';
import { IsTimeZone } from '../common/iso-date.js';
import { RISK_CLASSES, type RiskClass } from '../../workflows/domain/scenario.js';
import { PAYMENT_METHODS, PAYMENT_TERMS, type PaymentMethod, type PaymentTerms } from '../invoices/payment-terms.js';

import { ContactInputDto, MAX_CONTACTS, SUPPORTED_LANGUAGES } from './contact-input.dto.js';

export { SUPPORTED_LANGUAGES };

/** The customer as the ERP describes it alongside an invoice. */
export class CustomerInputDto {
  @IsString() @Length(1, 128)
  externalId!: string;

  @IsString() @Length(1, 300)
  name!: string;

  /** The primary contact's address; optional when `contacts` lists the customer's contacts. */
  @ValidateIf((o: CustomerInputDto) => o.contacts === undefined || o.email !== undefined)
  @IsEmail({}, { message: 'email must be a valid email address' }) @Length(3, 320)
  email?: string;

  @IsOptional() @Matches(/^\+[1-9]\d{6,14}$/, { message: 'phone must be in E.164 form, such as +33612345678' })
  phone?: string;

  @IsOptional() @IsIn(SUPPORTED_LANGUAGES)
  language?: (typeof SUPPORTED_LANGUAGES)[number];

  /** Who sells to this customer: internal notifications and litigation handovers are copied there. */
  @IsOptional() @IsEmail({}, { message: 'salespersonEmail must be a valid email address' }) @Length(3, 320)
  salespersonEmail?: string;

  @IsOptional() @IsTimeZone()
  timeZone?: string;

  /** Dunning segment (smb, key_account…); scenario assignment rules match on it. */
  @IsOptional() @IsString() @Matches(/^\S(.*\S)?$/, { message: 'segment must not be blank or padded with spaces' }) @Length(1, 64)
  segment?: string;

  @IsOptional() @IsIn(RISK_CLASSES, { message: 'riskClass must be one of A, B, C, D, E' })
  riskClass?: RiskClass;

  /** Default terms of the customer's invoices; absent: unchanged. */
  @IsOptional() @IsIn(PAYMENT_TERMS, { message: `paymentTerms must be one of ${PAYMENT_TERMS.join(', ')}` })
  paymentTerms?: PaymentTerms;

  /** Default payment method; absent: unchanged. */
  @IsOptional() @IsIn(PAYMENT_METHODS, { message: `paymentMethod must be one of ${PAYMENT_METHODS.join(', ')}` })
  paymentMethod?: PaymentMethod;

  /**
   * The customer's whole list of contacts with their roles (as `PUT /customers/:externalId/contacts`);
   * absent → the contacts stay as they are and email/phone/language refresh the primary one.
   */
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_CONTACTS) @ValidateNested({ each: true }) @Type(() => ContactInputDto)
  contacts?: ContactInputDto[];
}
