import { ApiProperty } from '@nestjs/swagger';
import { ERP_OUTBOX_STATUSES, type ErpOutboxStatus } from './erp-outbox-event.entity.js';
import type { ErpEventView } from './erp-outbox.service.js';

// Response schema of the ERP event routes; `implements` keeps it in step with ErpEventView.

class ErpLastResponseResponse {
  @ApiProperty({ type: 'integer', description: "The ERP's HTTP status" }) status!: number;
  @ApiProperty({ type: 'string', nullable: true, description: 'Its answer body, truncated' }) body!: string | null;
}

export class ErpEventResponse implements ErpEventView {
  @ApiProperty({ format: 'uuid', description: 'Also the webhook body `id`' }) id!: string;
  @ApiProperty({ example: 'invoice.written_off' }) type!: string;
  @ApiProperty() idempotencyKey!: string;
  @ApiProperty({ enum: ERP_OUTBOX_STATUSES, description: '`held`: waits for the ERP to pull and acknowledge it; `failed`: refused by the ERP, waits for an operator retry' }) status!: ErpOutboxStatus;
  @ApiProperty({ type: 'integer', description: 'Webhook deliveries tried' }) attempts!: number;
  @ApiProperty({ type: 'string', nullable: true }) lastError!: string | null;
  @ApiProperty({ type: ErpLastResponseResponse, nullable: true, description: "The ERP's last answer; null before any" }) lastResponse!: ErpLastResponseResponse | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) failedAt!: string | null;
  @ApiProperty({ type: 'integer' }) operatorRetries!: number;
  @ApiProperty({ format: 'date-time', description: 'Also the webhook body `occurredAt`' }) createdAt!: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) deliveredAt!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The event itself, as the webhook body carries it' }) data!: Record<string, unknown>;
}
