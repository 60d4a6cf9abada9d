import { ApiProperty } from '@nestjs/swagger';
import type { ListPage } from '../common/lists/list-response.js';
import { ApiDecimalAmount, DECIMAL_AMOUNT_PATTERN } from '../openapi/dto-schemas.js';
import { ApiReasonParams } from '../openapi/reason-params.js';
import { BANK_LINE_STATUSES, type BankLineStatus } from './bank-line.entity.js';
import type { BankLineView } from './bank-line.view.js';
import { CASH_REASON_CODES, type CashReason, type CashReasonCode, type CashReasonParams } from './cash-reasons.js';
import type { QueuePage } from './cash-queue.service.js';
import type { StatementSummaryView } from './statement-list.service.js';
import type { CreditAllocationService } from './credit-allocation.service.js';
import type { UnappliedCashItem } from './unapplied-cash.service.js';

// Response schemas of the cash application routes. `implements` keeps them in step with the services' views.

const NULLABLE_STRING = { type: 'string', nullable: true } as const;
/** A decimal amount that may be negative (a debit line). */
const SIGNED_AMOUNT_PATTERN = `^-?${DECIMAL_AMOUNT_PATTERN.slice(1)}`;

class CashReasonResponse implements CashReason {
  @ApiProperty({ enum: CASH_REASON_CODES, description: 'RECORDED_TEXT: a reason stored before reasons had codes (params.text, in English)' })
  code!: CashReasonCode;
  @ApiReasonParams('What the sentence is made of: customer, payerName, iban, invoice / invoices (numbers joined by ", "), count, '
    + 'amount / dueAmount / openAmount with currency (decimal strings), similarity, style ("head" or "tail") and characters, by', { amount: '10.00', currency: 'EUR' }) params!: CashReasonParams;
  @ApiProperty({ example: 'referenced invoice F2026-001 add up to the amount exactly', description: 'The sentence in English' }) text!: string;
}

class BankLineReferencesResponse {
  @ApiProperty(NULLABLE_STRING) structured!: string | null;
  @ApiProperty(NULLABLE_STRING) creditor!: string | null;
  @ApiProperty(NULLABLE_STRING) endToEnd!: string | null;
  @ApiProperty(NULLABLE_STRING) bank!: string | null;
}

class BankLineCustomerResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() externalId!: string;
  @ApiProperty() name!: string;
}

class BankLineAllocationResponse {
  @ApiProperty() invoiceExternalId!: string;
  @ApiProperty() invoiceNumber!: string;
  @ApiDecimalAmount() amount!: string;
}

class BankLineWriteOffResponse {
  @ApiProperty() invoiceExternalId!: string;
  @ApiDecimalAmount() amount!: string;
  @ApiProperty() reasonCode!: string;
}

export class BankLineResponse implements BankLineView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) statementId!: string;
  @ApiProperty() position!: number;
  @ApiProperty({ description: 'Line of the file it was read from' }) sourceLine!: number;
  @ApiProperty({ type: 'string', pattern: SIGNED_AMOUNT_PATTERN, example: '1250.00', description: 'Signed: debits are negative' }) amount!: string;
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty({ enum: ['credit', 'debit'] }) direction!: 'credit' | 'debit';
  @ApiProperty({ format: 'date' }) bookingDate!: string;
  @ApiProperty({ ...NULLABLE_STRING, format: 'date' }) valueDate!: string | null;
  @ApiProperty(NULLABLE_STRING) payerName!: string | null;
  @ApiProperty(NULLABLE_STRING) payerIban!: string | null;
  @ApiProperty(NULLABLE_STRING) payerBic!: string | null;
  @ApiProperty({ type: BankLineReferencesResponse }) references!: BankLineReferencesResponse;
  @ApiProperty(NULLABLE_STRING) remittanceText!: string | null;
  @ApiProperty(NULLABLE_STRING) bankTransactionCode!: string | null;
  @ApiProperty() reversal!: boolean;
  @ApiProperty(NULLABLE_STRING) returnReason!: string | null;
  @ApiProperty() rawRecord!: string;
  @ApiProperty({ enum: BANK_LINE_STATUSES }) status!: BankLineStatus;
  @ApiProperty({ type: BankLineCustomerResponse, nullable: true, description: 'Who paid, as matched or confirmed' }) customer!: BankLineCustomerResponse | null;
  @ApiProperty({ type: [BankLineAllocationResponse], description: 'Proposed (suggested) or applied' }) allocations!: BankLineAllocationResponse[];
  @ApiDecimalAmount('Left unapplied on the customer') unapplied!: string;
  @ApiDecimalAmount('Short payment: missing on the proposed invoices') shortfall!: string;
  @ApiProperty({ type: BankLineWriteOffResponse, nullable: true }) writeOff!: BankLineWriteOffResponse | null;
  @ApiProperty({ type: 'number', nullable: true, description: '0 to 100' }) confidence!: number | null;
  @ApiProperty({ type: [String], description: 'Why the match was proposed, in English' }) reasons!: string[];
  @ApiProperty({ type: [CashReasonResponse], description: 'The same reasons, each with its code and params' }) reasonDetails!: CashReasonResponse[];
  @ApiProperty({ ...NULLABLE_STRING, format: 'uuid' }) paymentId!: string | null;
  @ApiProperty({ ...NULLABLE_STRING, format: 'date-time' }) appliedAt!: string | null;
  @ApiProperty(NULLABLE_STRING) appliedBy!: string | null;
}

export class CashQueuePageResponse implements QueuePage {
  @ApiProperty({ type: [BankLineResponse], description: 'Oldest booking first' }) items!: BankLineResponse[];
  @ApiProperty(NULLABLE_STRING) nextCursor!: string | null;
}

class UnappliedTotalResponse {
  @ApiProperty({ format: 'uuid' }) customerId!: string;
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiDecimalAmount() amount!: string;
  @ApiProperty({ format: 'date', description: 'Oldest credit still unapplied' }) oldestReceivedOn!: string;
  @ApiProperty() credits!: number;
  @ApiProperty({ type: BankLineCustomerResponse, nullable: true, required: false, description: 'Without ?customer= only: whose cash it is' })
  customer?: BankLineCustomerResponse | null;
}

class UnappliedAllocationResponse {
  @ApiProperty() invoiceExternalId!: string;
  @ApiProperty() invoiceNumber!: string;
  @ApiDecimalAmount() amount!: string;
  @ApiProperty({ format: 'date' }) allocatedOn!: string;
  @ApiProperty() allocatedBy!: string;
}

class UnappliedCreditResponse implements UnappliedCashItem {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['bank_line'] }) source!: 'bank_line';
  @ApiProperty({ format: 'uuid' }) bankLineId!: string;
  @ApiProperty({ format: 'uuid' }) paymentId!: string;
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiDecimalAmount('As received') amount!: string;
  @ApiDecimalAmount('Left after the allocations') unapplied!: string;
  @ApiProperty({ format: 'date' }) receivedOn!: string;
  @ApiProperty({ type: [UnappliedAllocationResponse] }) allocations!: UnappliedAllocationResponse[];
}

/** POST unapplied/:id/allocate: the credit after the allocation, with its customer. */
export class AllocatedCreditResponse extends UnappliedCreditResponse implements Awaited<ReturnType<CreditAllocationService['allocate']>> {
  @ApiProperty({ type: BankLineCustomerResponse }) customer!: BankLineCustomerResponse;
}

export class UnappliedCashResponse {
  @ApiProperty({ type: BankLineCustomerResponse, required: false, description: 'With ?customer= only' }) customer?: BankLineCustomerResponse;
  @ApiProperty({ type: [UnappliedTotalResponse], description: 'Per customer and currency' }) totals!: UnappliedTotalResponse[];
  @ApiProperty({ type: [UnappliedCreditResponse], required: false, description: 'With ?customer= only: the credits one by one' }) credits?: UnappliedCreditResponse[];
}

class StatementCountResponse {
  @ApiProperty() count!: number;
  @ApiDecimalAmount() amount!: string;
}

class StatementMatchCountsResponse {
  @ApiProperty({ description: 'Applied at once (sure matches)' }) auto!: number;
  @ApiProperty({ description: 'Waiting for a person with a suggestion' }) suggested!: number;
  @ApiProperty() unmatched!: number;
}

export class StatementImportResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['cfonb120', 'camt.053', 'camt.054', 'mt940'] }) format!: string;
  @ApiProperty() account!: string;
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty({ ...NULLABLE_STRING, format: 'date' }) from!: string | null;
  @ApiProperty({ ...NULLABLE_STRING, format: 'date' }) to!: string | null;
  @ApiProperty(NULLABLE_STRING) openingBalance!: string | null;
  @ApiProperty(NULLABLE_STRING) closingBalance!: string | null;
  @ApiProperty({ description: 'New lines stored' }) lines!: number;
  @ApiProperty({ description: 'Lines already imported from an earlier statement' }) duplicates!: number;
  @ApiProperty({ type: StatementCountResponse }) credits!: StatementCountResponse;
  @ApiProperty({ type: StatementCountResponse }) debits!: StatementCountResponse;
  @ApiProperty({ type: StatementMatchCountsResponse }) matched!: StatementMatchCountsResponse;
}

class StatementStatusCountsResponse implements Record<BankLineStatus, number> {
  @ApiProperty({ description: 'Applied by the engine' }) auto_applied!: number;
  @ApiProperty({ description: 'Waiting for a reviewer, with a proposal' }) suggested!: number;
  @ApiProperty({ description: 'Applied by a reviewer' }) confirmed!: number;
  @ApiProperty({ description: 'Waiting for a reviewer, without a proposal (or its application reversed)' }) unmatched!: number;
  @ApiProperty({ description: 'Debits and reversals, and credits a reviewer rejected' }) ignored!: number;
}

class StatementSummaryResponse implements StatementSummaryView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['cfonb120', 'camt.053', 'camt.054', 'mt940'] }) format!: string;
  @ApiProperty() account!: string;
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty({ ...NULLABLE_STRING, format: 'date' }) from!: string | null;
  @ApiProperty({ ...NULLABLE_STRING, format: 'date' }) to!: string | null;
  @ApiProperty({ ...NULLABLE_STRING, pattern: SIGNED_AMOUNT_PATTERN, description: 'Null for camt.054 (no balances)' }) openingBalance!: string | null;
  @ApiProperty({ ...NULLABLE_STRING, pattern: SIGNED_AMOUNT_PATTERN }) closingBalance!: string | null;
  @ApiProperty({ description: 'Lines stored by this import' }) lines!: number;
  @ApiProperty({ description: 'Lines of the file already stored by an earlier statement' }) duplicates!: number;
  @ApiProperty({ format: 'date-time' }) importedAt!: string;
  @ApiProperty() importedBy!: string;
  @ApiProperty({ type: StatementStatusCountsResponse, description: 'The statement\'s lines per status, now' }) statuses!: StatementStatusCountsResponse;
}

export class StatementListPageResponse implements ListPage<StatementSummaryView> {
  @ApiProperty({ type: [StatementSummaryResponse] }) items!: StatementSummaryResponse[];
  @ApiProperty({ type: 'integer', nullable: true, description: 'Statements of the entity (null with total=false)' }) total!: number | null;
  @ApiProperty() limit!: number;
  @ApiProperty({ type: 'string', nullable: true, description: 'Pass as cursor for the next page; null on the last page' }) nextCursor!: string | null;
}

export class BankLineListPageResponse implements ListPage<BankLineView> {
  @ApiProperty({ type: [BankLineResponse] }) items!: BankLineResponse[];
  @ApiProperty({ type: 'integer', nullable: true, description: 'Lines matching the filters (null with total=false)' }) total!: number | null;
  @ApiProperty() limit!: number;
  @ApiProperty({ type: 'string', nullable: true, description: 'Pass as cursor for the next page; null on the last page' }) nextCursor!: string | null;
}
