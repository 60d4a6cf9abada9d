import { ApiProperty } from '@nestjs/swagger';
import { ApiDecimalAmount } from '../openapi/dto-schemas.js';
import type { PaymentListItem } from './payment-list.service.js';
import type { PaymentView } from './payments.service.js';
import type { RecordPaymentDto } from './record-payment.dto.js';

// Response schemas of the payment routes; `implements` keeps them in step with PaymentView and PaymentListItem.

class PaymentAllocationResponse {
  @ApiProperty({ format: 'uuid' }) invoiceId!: string;
  @ApiProperty() invoiceExternalId!: string;
  @ApiDecimalAmount() amount!: string;
}

export class PaymentResponse implements PaymentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() externalId!: string;
  @ApiDecimalAmount() amount!: string;
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
  @ApiProperty({ type: [PaymentAllocationResponse] }) allocations!: PaymentAllocationResponse[];
}

class PaymentListAllocationResponse {
  @ApiProperty({ format: 'uuid' }) invoiceId!: string;
  @ApiProperty({ type: 'string', nullable: true }) invoiceExternalId!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) invoiceNumber!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) customerExternalId!: string | null;
  @ApiDecimalAmount() amount!: string;
}

export class PaymentListItemResponse implements PaymentListItem {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() externalId!: string;
  @ApiProperty({ description: 'Legal entity code' }) entity!: string;
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiDecimalAmount() amount!: string;
  @ApiDecimalAmount('Allocated to invoices') applied!: string;
  @ApiDecimalAmount('Not allocated yet') unapplied!: string;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
  @ApiProperty({ type: [PaymentListAllocationResponse] }) allocations!: PaymentListAllocationResponse[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class PaymentListPageResponse {
  @ApiProperty({ type: [PaymentListItemResponse] }) items!: PaymentListItemResponse[];
  @ApiProperty({ type: 'integer', nullable: true, description: 'Matching payments; null when asked total=false' }) total!: number | null;
  @ApiProperty({ type: 'integer' }) limit!: number;
  @ApiProperty({ type: 'string', nullable: true, description: 'Pass as `cursor` for the next page; null on the last' }) nextCursor!: string | null;
}

export const PAYMENT_EXAMPLE: RecordPaymentDto = {
  externalId: 'PAY-2026-0107',
  amount: '1250.00',
  currency: 'EUR',
  receivedAt: '2026-03-28T10:15:00+01:00',
  allocations: [{ invoiceExternalId: 'INV-2026-0042', amount: '1250.00' }],
};

export const SHORT_PAYMENT_EXAMPLE: RecordPaymentDto = {
  externalId: 'PAY-2026-0108',
  amount: '1200.00',
  currency: 'EUR',
  receivedAt: '2026-03-28T10:15:00+01:00',
  allocations: [{
    invoiceExternalId: 'INV-2026-0042', amount: '1200.00',
    deduction: { amount: '50.00', reasonCode: 'deduction', comment: 'Transport damage, 2 cases' },
  }],
};

export const PAYMENT_RESPONSE_EXAMPLE: PaymentView = {
  id: '9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d', externalId: 'PAY-2026-0107', amount: '1250.00', currency: 'EUR',
  receivedAt: '2026-03-28T09:15:00.000Z',
  allocations: [{ invoiceId: '4f0c2a1e-9b7d-4c8e-a1f2-3b4c5d6e7f80', invoiceExternalId: 'INV-2026-0042', amount: '1250.00' }],
};
