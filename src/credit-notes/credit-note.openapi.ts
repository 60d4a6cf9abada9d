import { ApiProperty } from '@nestjs/swagger';
import { ApiDecimalAmount } from '../openapi/dto-schemas.js';
import type { CreditNoteView } from './credit-notes.service.js';

// Response schema of the credit note routes; `implements` keeps it in step with CreditNoteView.

class CreditNoteCustomerResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() externalId!: string;
}

class CreditNoteAllocationResponse {
  @ApiProperty({ format: 'uuid' }) invoiceId!: string;
  @ApiProperty() invoiceExternalId!: string;
  @ApiDecimalAmount('Taken off the invoice') amount!: string;
}

export class CreditNoteResponse implements CreditNoteView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() externalId!: string;
  @ApiProperty() number!: string;
  @ApiProperty({ type: CreditNoteCustomerResponse }) customer!: CreditNoteCustomerResponse;
  @ApiProperty({ format: 'date' }) issueDate!: string;
  @ApiDecimalAmount() amount!: string;
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiDecimalAmount('What stays as customer credit') unallocatedAmount!: string;
  @ApiProperty({ type: [CreditNoteAllocationResponse], description: 'By invoice externalId' }) allocations!: CreditNoteAllocationResponse[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}
