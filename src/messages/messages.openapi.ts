import { ApiProperty } from '@nestjs/swagger';
import type { MessageView } from './messages.service.js';

// Response schema of GET /messages; `implements` keeps it in step with the view.

const NULLABLE_STRING = { type: 'string', nullable: true } as const;

export class MessageResponse implements MessageView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ ...NULLABLE_STRING, format: 'uuid', description: 'Null for a message about several invoices (see invoiceIds)' }) invoiceId!: string | null;
  @ApiProperty({ type: [String], description: 'Every invoice the message is about' }) invoiceIds!: string[];
  @ApiProperty(NULLABLE_STRING) step!: string | null;
  @ApiProperty({ enum: ['customer', 'internal'] }) audience!: string;
  @ApiProperty({ example: 'email' }) channel!: string;
  @ApiProperty() recipient!: string;
  @ApiProperty(NULLABLE_STRING) subject!: string | null;
  @ApiProperty() body!: string;
  @ApiProperty({ example: 'delivered', description: 'Delivery status as the provider last reported it' }) status!: string;
  @ApiProperty(NULLABLE_STRING) providerMessageId!: string | null;
  @ApiProperty(NULLABLE_STRING) error!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ ...NULLABLE_STRING, format: 'date-time' }) sentAt!: string | null;
  @ApiProperty({ ...NULLABLE_STRING, description: 'Letters: where to download the PDF to print and post' }) documentUrl!: string | null;
}
