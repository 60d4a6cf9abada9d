import { ApiProperty } from '@nestjs/swagger';
import { PAUSE_SCOPES, type PauseScope } from './dunning-pause.entity.js';
import type { DunningPausesService, PauseView } from './dunning-pauses.service.js';

// Response schemas of the invoice and customer pause and resume routes; `implements` keeps them in step with the service.

type InvoicePaused = Awaited<ReturnType<DunningPausesService['pauseInvoice']>>;
type InvoiceResumed = Awaited<ReturnType<DunningPausesService['resumeInvoice']>>;
type CustomerPaused = Awaited<ReturnType<DunningPausesService['pauseCustomer']>>;
type CustomerResumed = Awaited<ReturnType<DunningPausesService['resumeCustomer']>>;

export class PauseResponse implements PauseView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: PAUSE_SCOPES }) scope!: PauseScope;
  @ApiProperty() reason!: string;
  @ApiProperty({ format: 'date-time' }) since!: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, description: 'Dunning resumes by itself then; null: until resumed' }) until!: string | null;
}

export class InvoicePausedResponse implements InvoicePaused {
  @ApiProperty({ format: 'uuid' }) invoiceId!: string;
  @ApiProperty({ type: 'boolean', enum: [true] }) paused!: true;
  @ApiProperty({ type: PauseResponse, description: "The invoice's pause (one already open takes this reason and end)" }) pause!: PauseResponse;
}

export class InvoiceResumedResponse implements InvoiceResumed {
  @ApiProperty({ format: 'uuid' }) invoiceId!: string;
  @ApiProperty({ type: 'boolean', enum: [false], description: "The invoice's own pause is over (a pause of its customer may still hold its dunning)" }) paused!: false;
  @ApiProperty({ type: PauseResponse, nullable: true, description: 'The pause just ended; null when the invoice was not paused' }) resumed!: PauseResponse | null;
}

export class CustomerPausedResponse implements CustomerPaused {
  @ApiProperty() customerExternalId!: string;
  @ApiProperty({ type: 'boolean', enum: [true] }) paused!: true;
  @ApiProperty({ type: PauseResponse, description: "The customer's pause (one already open takes this reason and end)" }) pause!: PauseResponse;
  @ApiProperty({ type: 'integer', description: 'Open invoices whose dunning it holds' }) invoices!: number;
}

export class CustomerResumedResponse implements CustomerResumed {
  @ApiProperty() customerExternalId!: string;
  @ApiProperty({ type: 'boolean', enum: [false] }) paused!: false;
  @ApiProperty({ type: PauseResponse, nullable: true, description: 'The pause just ended; null when the customer was not paused' }) resumed!: PauseResponse | null;
  @ApiProperty({ type: 'integer', description: 'Open invoices told to resume (even without a pause: it repairs a lost signal)' }) invoices!: number;
}
