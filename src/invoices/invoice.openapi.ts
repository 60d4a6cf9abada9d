import { ApiProperty } from '@nestjs/swagger';
import { ApiDecimalAmount } from '../openapi/dto-schemas.js';
import { ApiReasonParams } from '../openapi/reason-params.js';
import { ADJUSTMENT_FACTORS } from '../prediction/payment-prediction.js';
import { DISPUTE_STATUSES, isActive, REASON_CODES } from '../../workflows/domain/dispute-rules.js';
import { RISK_CLASSES } from '../../workflows/domain/scenario.js';
import type { CreateInvoiceDto } from './create-invoice.dto.js';
import type { InvoiceDocumentSummary, InvoiceDocumentView } from './invoice-documents.service.js';
import type { CollectionStage, InvoiceStatus } from './invoice.entity.js';
import type { InvoiceListItem } from './invoice-list.service.js';
import type { CancellationView, OpenDisputeOnInvoice } from './invoices.service.js';
import type { InvoiceIntakeView, InvoiceView } from './invoice.views.js';

// Response schemas of the invoice routes. `implements` keeps them in step with the views: a field added there fails to compile here.

const STATUSES: InvoiceStatus[] = ['open', 'paid', 'cancelled'];
const STAGES: CollectionStage[] = ['amicable', 'litigation'];
const NULLABLE_STRING = { type: 'string', nullable: true } as const;

export class InvoiceIntakeResponse implements InvoiceIntakeView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'INV-2026-0042' }) externalId!: string;
  @ApiProperty({ enum: STATUSES }) status!: string;
  @ApiProperty({ example: 'invoice-default-INV-2026-0042' }) workflowId!: string;
}

class InvoiceCustomerResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() externalId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: 'string', nullable: true }) email!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) phone!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) language!: string | null;
  @ApiProperty({ type: 'string', nullable: true, description: 'IANA zone; null: the default zone' }) timeZone!: string | null;
  @ApiProperty({ type: 'string', nullable: true, description: "The customer's default payment terms" }) paymentTerms!: string | null;
  @ApiProperty({ type: 'string', nullable: true, description: "The customer's default payment method" }) paymentMethod!: string | null;
}

class InvoicePauseResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() scope!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ format: 'date-time' }) since!: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) until!: string | null;
}

class NextActionResponse {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() step!: string;
}

class PredictionAdjustmentResponse {
  @ApiProperty({ enum: ADJUSTMENT_FACTORS, description: 'Which factor: a stable code' }) factor!: (typeof ADJUSTMENT_FACTORS)[number];
  @ApiProperty({ description: 'Days this factor adds (negative: removes)' }) days!: number;
  @ApiReasonParams('disputed, paperless, amountBand, dueDayOfWeek: level (disputed / undisputed, electronic / paper, Q1–Q4, Mon–Sun); '
    + 'customer: rawDays, invoices, weight; customerTrend: daysPerMonth, months, capDays', { rawDays: 12.5, invoices: 8, weight: 0.7 }) params!: Record<string, string | number>;
  @ApiProperty({ description: 'In English' }) detail!: string;
}

class PredictionExplanationResponse {
  @ApiProperty({ enum: ['model', 'no-history'], description: '`no-history`: nothing to learn from, the due date is assumed' }) source!: 'model' | 'no-history';
  @ApiProperty({ description: 'Days to settle before adjustments' }) base!: number;
  @ApiProperty({ type: [PredictionAdjustmentResponse] }) adjustments!: PredictionAdjustmentResponse[];
  @ApiProperty() estimate!: number;
  @ApiProperty({ description: "The model's date was in the past: moved to today" }) clampedToToday!: boolean;
  @ApiProperty({ format: 'date' }) modelDate!: string;
}

class InvoicePredictionResponse {
  @ApiProperty({ format: 'date' }) expectedPaymentDate!: string;
  @ApiProperty() predictedDaysToSettle!: number;
  @ApiProperty({ description: 'Days after the due date, 0 when expected on time' }) predictedDaysLate!: number;
  @ApiProperty() predictedLate!: boolean;
  @ApiProperty({ type: PredictionExplanationResponse }) explanation!: PredictionExplanationResponse;
}

class TimelineEventResponse {
  @ApiProperty({ example: 'created' }) type!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

/** What an invoice's detail and a list row both show. */
class InvoiceCoreResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() externalId!: string;
  @ApiProperty({ description: 'Legal entity code' }) entity!: string;
  @ApiProperty() number!: string;
  @ApiProperty({ enum: STATUSES }) status!: InvoiceStatus;
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiDecimalAmount() amount!: string;
  @ApiDecimalAmount('What remains to be paid') openAmount!: string;
  @ApiProperty({ format: 'date' }) issueDate!: string;
  @ApiProperty({ format: 'date' }) dueDate!: string;
}

/** An open dispute on the invoice and the part of it that dispute holds. */
class InvoiceOpenDisputeResponse implements OpenDisputeOnInvoice {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: DISPUTE_STATUSES.filter(isActive) }) status!: string;
  @ApiProperty({ enum: REASON_CODES }) reasonCode!: string;
  @ApiDecimalAmount('The part of this invoice the dispute holds') disputedAmount!: string;
}

/** The invoice's PDF as the ERP stored it (PUT /invoices/:id/document); read the file at GET /invoices/:id/document. */
class InvoiceDocumentSummaryResponse implements InvoiceDocumentSummary {
  @ApiProperty({ example: 'application/pdf' }) contentType!: string;
  @ApiProperty({ type: 'integer', minimum: 1, description: 'Size of the file in bytes' }) sizeBytes!: number;
  @ApiProperty({ format: 'date-time', description: 'When the file in force was stored' }) uploadedAt!: string;
}

export class InvoiceResponse extends InvoiceCoreResponse implements Omit<InvoiceView, 'customer' | 'pauses' | 'timeline'> {
  @ApiProperty({ type: 'string', nullable: true, example: '45_days_eom', description: "The invoice's payment terms, else its customer's (docs/erp-documents.md)" }) paymentTerms!: string | null;
  @ApiProperty({ type: 'string', nullable: true, example: 'transfer', description: "The invoice's payment method, else its customer's" }) paymentMethod!: string | null;
  @ApiProperty({ type: InvoiceCustomerResponse }) customer!: InvoiceCustomerResponse;
  @ApiProperty() workflowId!: string;
  @ApiProperty() paused!: boolean;
  @ApiProperty({ type: [InvoicePauseResponse] }) pauses!: InvoicePauseResponse[];
  @ApiProperty({ type: NextActionResponse, nullable: true, description: 'Next dunning step; null unless open and not paused' }) nextAction!: NextActionResponse | null;
  @ApiProperty({ type: InvoicePredictionResponse, nullable: true, description: 'Payment-date prediction with its explanation; null unless the invoice is open' }) prediction!: InvoicePredictionResponse | null;
  @ApiProperty({ type: [TimelineEventResponse], description: 'Events, each with its own details besides type and at' }) timeline!: TimelineEventResponse[];
  @ApiProperty({ type: [InvoiceOpenDisputeResponse], description: 'Disputes still open on the invoice' }) disputes!: InvoiceOpenDisputeResponse[];
  @ApiProperty({
    type: InvoiceDocumentSummaryResponse, nullable: true,
    description: "The invoice's PDF (GET /api/v1/invoices/{id}/document); null until the ERP stores one",
  }) document!: InvoiceDocumentSummaryResponse | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

class InvoiceListCustomerResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() externalId!: string;
  @ApiProperty() name!: string;
  @ApiProperty(NULLABLE_STRING) segment!: string | null;
  @ApiProperty({ type: 'string', enum: RISK_CLASSES, nullable: true }) riskClass!: string | null;
  @ApiProperty(NULLABLE_STRING) salespersonEmail!: string | null;
}

export class InvoiceListItemResponse extends InvoiceCoreResponse implements InvoiceListItem {
  @ApiProperty({ type: 'integer', nullable: true, description: "Days past due today in the entity's zone (0 or less: not yet due); null once settled or cancelled" }) daysOverdue!: number | null;
  @ApiProperty({ enum: STAGES }) collectionStage!: CollectionStage;
  @ApiProperty({ ...NULLABLE_STRING, description: 'The scenario the invoice runs; null: the built-in one' }) scenarioId!: string | null;
  @ApiProperty({ description: 'An open dispute holds part of it' }) disputed!: boolean;
  @ApiProperty({ type: InvoiceListCustomerResponse }) customer!: InvoiceListCustomerResponse;
  @ApiProperty({ type: NextActionResponse, nullable: true, description: 'Next dunning step; null unless open with something left to pay' }) nextAction!: NextActionResponse | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class InvoiceListPageResponse {
  @ApiProperty({ type: [InvoiceListItemResponse] }) items!: InvoiceListItemResponse[];
  @ApiProperty({ type: 'integer', nullable: true, description: 'Matching invoices; null when asked total=false' }) total!: number | null;
  @ApiProperty({ type: 'integer' }) limit!: number;
  @ApiProperty({ ...NULLABLE_STRING, description: 'Pass as `cursor` for the next page; null on the last' }) nextCursor!: string | null;
}

export class InvoiceCancellationResponse implements CancellationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() externalId!: string;
  @ApiProperty({ enum: ['cancelled'] }) status!: 'cancelled';
  @ApiProperty({ description: 'The reason first given: a replay with another reason does not rewrite it' }) reason!: string;
  @ApiProperty({ format: 'date-time' }) cancelledAt!: string;
  @ApiDecimalAmount('What was still open when it was cancelled') cancelledOpenAmount!: string;
  @ApiProperty({ example: 'EUR' }) currency!: string;
}

export class InvoiceDocumentResponse implements InvoiceDocumentView {
  @ApiProperty({ format: 'uuid' }) invoiceId!: string;
  @ApiProperty({ example: 'application/pdf' }) contentType!: string;
  @ApiProperty({ type: 'integer', description: 'Bytes' }) size!: number;
  @ApiProperty({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the file, hex (also its ETag)' }) sha256!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export const INVOICE_INTAKE_EXAMPLE: CreateInvoiceDto = {
  externalId: 'INV-2026-0042',
  number: 'F2026-0042',
  customer: {
    externalId: 'CUST-0007', name: 'Boulangerie Martin SARL', email: 'compta@boulangerie-martin.fr',
    phone: '+33612345678', language: 'fr', timeZone: 'Europe/Paris', segment: 'smb',
  },
  issueDate: '2026-03-01',
  dueDate: '2026-03-31',
  amount: '1250.00',
  currency: 'EUR',
};

export const INVOICE_INTAKE_RESPONSE_EXAMPLE: InvoiceIntakeView = {
  id: '4f0c2a1e-9b7d-4c8e-a1f2-3b4c5d6e7f80', externalId: 'INV-2026-0042', status: 'open', workflowId: 'invoice-default-INV-2026-0042',
};
