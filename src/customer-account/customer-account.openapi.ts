import { ApiProperty } from '@nestjs/swagger';
import { MoneyResponse } from '../openapi/common-responses.js';
import { ApiDecimalAmount, DECIMAL_AMOUNT_PATTERN } from '../openapi/dto-schemas.js';
import { ApiReasonParams } from '../openapi/reason-params.js';
import { CONTACT_ROLES, RISK_CLASSES } from '../../workflows/domain/scenario.js';
import { SUPPORTED_LANGUAGES } from '../customers/contact-input.dto.js';
import { CONTACT_OPT_OUTS } from '../customers/contact-opt-outs.js';
import type { ContactView } from '../customers/customers.service.js';
import type { CustomerListItem } from './customer-list.service.js';
import { TIMELINE_CODES, TIMELINE_SOURCES, type TimelineCode, type TimelineEntry, type TimelineParams } from './timeline.js';

// Response schemas of GET /customers, GET /customers/:externalId and the contacts routes. `implements` and the controller's return types keep them in step.

const NULLABLE_STRING = { type: 'string', nullable: true } as const;
/** A decimal amount that may be negative (a balance). */
const SIGNED_AMOUNT_PATTERN = `^-?${DECIMAL_AMOUNT_PATTERN.slice(1)}`;

class CustomerBalanceResponse {
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiDecimalAmount('Open invoices') open!: string;
  @ApiDecimalAmount('Open invoices past due') overdue!: string;
  @ApiProperty() openCount!: number;
  @ApiProperty() overdueCount!: number;
}

export class CustomerListItemResponse implements CustomerListItem {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() externalId!: string;
  @ApiProperty({ description: 'Legal entity code' }) entity!: string;
  @ApiProperty() name!: string;
  @ApiProperty(NULLABLE_STRING) segment!: string | null;
  @ApiProperty({ type: 'string', enum: RISK_CLASSES, nullable: true }) riskClass!: string | null;
  @ApiProperty(NULLABLE_STRING) salespersonEmail!: string | null;
  @ApiProperty({ type: () => [AccountBalanceResponse], description: 'Per currency with open invoices or unapplied credit (neither: empty): open, unapplied credit, balance = open − unapplied' }) balances!: AccountBalanceResponse[];
  @ApiProperty({ type: MoneyResponse, nullable: true }) creditLimit!: MoneyResponse | null;
  @ApiProperty({ type: 'number', nullable: true, description: 'Open balance in the limit\'s currency / limit × 100' }) limitUsePercent!: number | null;
}

export class CustomerListPageResponse {
  @ApiProperty({ type: [CustomerListItemResponse] }) items!: CustomerListItemResponse[];
  @ApiProperty({ type: 'integer', nullable: true, description: 'Matching customers; null when asked total=false' }) total!: number | null;
  @ApiProperty() limit!: number;
  @ApiProperty({ type: 'string', nullable: true, description: 'Pass as `cursor` for the next page; null on the last' }) nextCursor!: string | null;
}

class AccountCustomerResponse {
  @ApiProperty() externalId!: string;
  @ApiProperty() entity!: string;
  @ApiProperty() name!: string;
  @ApiProperty(NULLABLE_STRING) segment!: string | null;
  @ApiProperty({ type: 'string', enum: RISK_CLASSES, nullable: true }) riskClass!: string | null;
  @ApiProperty(NULLABLE_STRING) salespersonEmail!: string | null;
  @ApiProperty({ description: 'IANA zone' }) timeZone!: string;
}

class AccountContactResponse {
  @ApiProperty(NULLABLE_STRING) name!: string | null;
  @ApiProperty({ type: [String], example: ['billing'] }) roles!: string[];
  @ApiProperty(NULLABLE_STRING) email!: string | null;
  @ApiProperty(NULLABLE_STRING) phone!: string | null;
  @ApiProperty(NULLABLE_STRING) postalAddress!: string | null;
  @ApiProperty({ example: 'fr' }) language!: string;
  @ApiProperty({ type: [String], description: 'Channels the contact refused' }) optOuts!: string[];
  @ApiProperty() primary!: boolean;
}

class AccountBalanceResponse extends CustomerBalanceResponse {
  @ApiDecimalAmount('Customer credit not yet allocated to invoices (unapplied cash, credit notes)') unapplied!: string;
  @ApiProperty({ type: 'string', pattern: SIGNED_AMOUNT_PATTERN, example: '1250.00', description: 'open − unapplied (negative: the customer is in credit)' }) balance!: string;
}

class AccountCustomerCreditResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['bank_line', 'credit_note'], description: 'Cash received and left unapplied, or a credit note not allocated' }) source!: 'bank_line' | 'credit_note';
  @ApiProperty({ format: 'uuid', description: 'The bank line or credit note it comes from' }) sourceId!: string;
  @ApiProperty(NULLABLE_STRING) reference!: string | null;
  @ApiProperty({ format: 'date' }) date!: string;
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiDecimalAmount('As received') amount!: string;
  @ApiDecimalAmount('Still unallocated') unapplied!: string;
}

class AccountCreditResponse {
  @ApiProperty({ type: 'string', enum: RISK_CLASSES, nullable: true }) riskClass!: string | null;
  @ApiProperty({ type: MoneyResponse, nullable: true }) limit!: MoneyResponse | null;
  @ApiProperty({ type: 'number', nullable: true }) limitUsePercent!: number | null;
}

class AccountOpenItemResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() externalId!: string;
  @ApiProperty() number!: string;
  @ApiProperty({ format: 'date' }) issueDate!: string;
  @ApiProperty({ format: 'date' }) dueDate!: string;
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiDecimalAmount() amount!: string;
  @ApiDecimalAmount() openAmount!: string;
  @ApiProperty({ description: 'Days past the due date (negative: not due yet)' }) daysOverdue!: number;
  @ApiProperty({ enum: ['amicable', 'litigation'] }) collectionStage!: string;
  @ApiProperty({ description: 'An open dispute covers it' }) disputed!: boolean;
}

class AccountDisputeInvoiceResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty(NULLABLE_STRING) number!: string | null;
}

class AccountDisputeResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() status!: string;
  @ApiProperty() reasonCode!: string;
  @ApiProperty({ enum: ['dispute', 'deduction'] }) type!: string;
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiDecimalAmount() amount!: string;
  @ApiProperty({ type: 'string', nullable: true, pattern: DECIMAL_AMOUNT_PATTERN }) acceptedAmount!: string | null;
  @ApiProperty({ type: [AccountDisputeInvoiceResponse] }) invoices!: AccountDisputeInvoiceResponse[];
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) resolvedAt!: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) closedAt!: string | null;
}

class TimelineEntryResponse implements TimelineEntry {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ enum: TIMELINE_SOURCES }) source!: TimelineEntry['source'];
  @ApiProperty({ example: 'created' }) type!: string;
  @ApiProperty({ type: [String], description: 'Invoice ids concerned' }) invoiceIds!: string[];
  @ApiProperty({ enum: TIMELINE_CODES, description: 'What the entry says, for a client to write in its reader\'s language from params' }) code!: TimelineCode;
  @ApiReasonParams('INVOICE_EVENT: event (the invoice event type), invoice (its number); '
    + 'PAYMENT_RECEIVED: payment (its external id), amount, currency, invoices (numbers joined by ", "), count; '
    + 'MESSAGE: channel, recipient, status, withSubject (yes/no), subject; REPLY_RECEIVED: from, withSubject, subject; '
    + 'DISPUTE_EVENT: reason (the dispute\'s reason code), event, actor; DUNNING_PAUSED: scope (customer/invoice), invoice, reason; '
    + 'DUNNING_RESUMED: scope, invoice; CREDIT_LIMIT_CHANGED: withLimit (yes/no), amount, currency, kind, withValidUntil, validUntil; '
    + 'NOTE: author, onInvoice (yes/no), invoice, body; TASK_CLOSED: kind, title, by, outcome, withNote (yes/no), note; '
    + 'PORTAL_ACTION: actor, action (the portal event type), invoices, count. A yes/no flag says whether its optional value is there',
  { payment: 'PAY-001', amount: '120.00', currency: 'EUR', invoices: 'F2026-001', count: 1 }) params!: TimelineParams;
  @ApiProperty({
    example: 'Payment PAY-001: 120.00 EUR on F2026-001',
    description: 'The same line in plain English, a fallback for integrators, logs and exports (its wording may change; read code and params)',
  }) summary!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) details!: Record<string, unknown>;
}

export class CustomerAccountResponse {
  @ApiProperty({ type: AccountCustomerResponse }) customer!: AccountCustomerResponse;
  @ApiProperty({ type: [AccountContactResponse], description: 'Primary first' }) contacts!: AccountContactResponse[];
  @ApiProperty({ format: 'date', description: 'The day ages are counted to, in the entity\'s zone' }) asOf!: string;
  @ApiProperty({ type: [AccountBalanceResponse], description: 'Per currency: open invoices, unapplied credit, balance' }) balances!: AccountBalanceResponse[];
  @ApiProperty({ type: [AccountCustomerCreditResponse], description: 'Customer credit not yet allocated, oldest first' }) credits!: AccountCustomerCreditResponse[];
  @ApiProperty({ type: AccountCreditResponse }) credit!: AccountCreditResponse;
  @ApiProperty({ type: [AccountOpenItemResponse] }) openItems!: AccountOpenItemResponse[];
  @ApiProperty({ type: [AccountDisputeResponse] }) disputes!: AccountDisputeResponse[];
  @ApiProperty({ type: [TimelineEntryResponse], description: 'Newest first, at most timelineLimit entries' }) timeline!: TimelineEntryResponse[];
  @ApiProperty({ description: 'Entries in the whole timeline' }) timelineTotal!: number;
}

/** A contact as GET/PUT /customers/:externalId/contacts answer it (with its id and delivery flags). */
class CustomerContactResponse implements ContactView {
  @ApiProperty({ format: 'uuid', description: 'Kept across replacements while the email (else phone) is unchanged' }) id!: string;
  @ApiProperty(NULLABLE_STRING) name!: string | null;
  @ApiProperty({ type: 'string', enum: CONTACT_ROLES, isArray: true }) roles!: string[];
  @ApiProperty(NULLABLE_STRING) email!: string | null;
  @ApiProperty(NULLABLE_STRING) phone!: string | null;
  @ApiProperty(NULLABLE_STRING) postalAddress!: string | null;
  @ApiProperty({ enum: SUPPORTED_LANGUAGES }) language!: string;
  @ApiProperty({ type: 'string', enum: CONTACT_OPT_OUTS, isArray: true, description: 'Channels the contact refused' }) optOuts!: string[];
  @ApiProperty({ description: 'The contact the ERP\'s customer fields describe (as `primary` in the contacts input)' }) primary!: boolean;
  @ApiProperty({ ...NULLABLE_STRING, format: 'date-time', description: 'When an email to it hard-bounced: steps stop writing there until the address changes' }) emailUndeliverableAt!: string | null;
  @ApiProperty({ ...NULLABLE_STRING, format: 'date-time', description: 'When an SMS to it came back undelivered' }) phoneUndeliverableAt!: string | null;
  @ApiProperty(NULLABLE_STRING) undeliverableReason!: string | null;
}

export class CustomerContactsResponse {
  @ApiProperty() customerExternalId!: string;
  @ApiProperty({ description: 'Legal entity code' }) entity!: string;
  @ApiProperty({ type: [CustomerContactResponse], description: 'Primary first, then in the order given' }) contacts!: CustomerContactResponse[];
}
