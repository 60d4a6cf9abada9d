import { ApiProperty } from '@nestjs/swagger';
import { PAYMENT_PLAN_STATUSES } from '../../workflows/domain/payment-plan-rules.js';
import { ApiDecimalAmount } from '../openapi/dto-schemas.js';
import type { PaymentPlanView } from './payment-plans.service.js';

// Response schemas of the payment plan routes. `implements` keeps them in step with the service's view.

const NULLABLE_STRING = { type: 'string', nullable: true } as const;

class PlanCustomerResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() externalId!: string;
  @ApiProperty() name!: string;
}

class PlanInvoiceResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() externalId!: string;
}

class PlanInstalmentResponse {
  @ApiProperty() seq!: number;
  @ApiProperty({ format: 'date' }) dueDate!: string;
  @ApiDecimalAmount() principal!: string;
  @ApiDecimalAmount() interest!: string;
  @ApiDecimalAmount() fee!: string;
  @ApiDecimalAmount() amount!: string;
  @ApiDecimalAmount('Received toward it, payments allocated to instalments in order') paid!: string;
  @ApiDecimalAmount() remaining!: string;
}

export class PaymentPlanResponse implements PaymentPlanView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: PAYMENT_PLAN_STATUSES }) status!: string;
  @ApiProperty({ example: 'default' }) entity!: string;
  @ApiProperty({ type: PlanCustomerResponse, nullable: true }) customer!: PlanCustomerResponse | null;
  @ApiProperty({ type: [PlanInvoiceResponse] }) invoices!: PlanInvoiceResponse[];
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiDecimalAmount() principal!: string;
  @ApiDecimalAmount() interest!: string;
  @ApiDecimalAmount() fee!: string;
  @ApiDecimalAmount() total!: string;
  @ApiProperty({ example: '6.00', description: 'Percent a year' }) annualInterestRate!: string;
  @ApiDecimalAmount() paid!: string;
  @ApiProperty() graceBusinessDays!: number;
  @ApiProperty({ description: 'Above the entity\'s approval amount: a credit manager decides' }) needsApproval!: boolean;
  @ApiProperty(NULLABLE_STRING) decidedBy!: string | null;
  @ApiProperty(NULLABLE_STRING) decisionComment!: string | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'The instalment that broke the plan' }) brokenSeq!: number | null;
  @ApiProperty() note!: string;
  @ApiProperty({ type: [PlanInstalmentResponse] }) instalments!: PlanInstalmentResponse[];
  @ApiProperty() createdBy!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ ...NULLABLE_STRING, format: 'date-time' }) closedAt!: string | null;
}

/** POST /payment-plans: the plan proposed, or the one already proposed with this externalId. */
export class PaymentPlanProposedResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: PAYMENT_PLAN_STATUSES, description: 'active, or pending_approval above the entity\'s approval amount' }) status!: string;
}

export class PaymentPlanListResponse {
  @ApiProperty({ type: [PaymentPlanResponse], description: 'Oldest first' }) items!: PaymentPlanResponse[];
}
