import { ApiProperty } from '@nestjs/swagger';
import type { DeliveryEventView, InboundReplyView } from './delivery-events.store.js';
import type { MessagesService, MessageView } from './messages.service.js';
import type { OutboundChannel, OutboundStatus } from './outbound-message.entity.js';

// Response schemas of GET /messages and GET /messages/:id/delivery; `implements` keeps them in step with the views.

const NULLABLE_STRING = { type: 'string', nullable: true } as const;
const OUTBOUND_CHANNELS: OutboundChannel[] = ['email', 'sms', 'letter'];
const OUTBOUND_STATUSES: OutboundStatus[] = ['pending', 'sent', 'recorded', 'to_post', 'failed'];

type MessageDelivery = Awaited<ReturnType<MessagesService['delivery']>>;

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
  @ApiProperty({ example: 'sent', description: 'pending, sent (a provider accepted it), recorded (development), to_post (letters), failed' }) status!: string;
  @ApiProperty({ ...NULLABLE_STRING, example: 'delivered', description: 'The latest provider event (processed, delivered, open, click, bounce, dropped, spamreport; queued, sent, delivered, undelivered, failed); null before any' }) deliveryStatus!: string | null;
  @ApiProperty(NULLABLE_STRING) providerMessageId!: string | null;
  @ApiProperty(NULLABLE_STRING) error!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ ...NULLABLE_STRING, format: 'date-time' }) sentAt!: string | null;
  @ApiProperty({ ...NULLABLE_STRING, description: 'Letters: where to download the PDF to print and post' }) documentUrl!: string | null;
}

class DeliveryEventResponse implements DeliveryEventView {
  @ApiProperty({ enum: ['sendgrid', 'twilio'] }) provider!: string;
  @ApiProperty({ example: 'delivered', description: "The provider's event (processed, delivered, open, click, bounce, dropped, spamreport; queued, sent, delivered, undelivered, failed)" }) event!: string;
  @ApiProperty({ ...NULLABLE_STRING, description: "The provider's reason (a bounce's, an error code's)" }) reason!: string | null;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
}

class InboundReplyResponse implements InboundReplyView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) messageId!: string;
  @ApiProperty() fromAddress!: string;
  @ApiProperty(NULLABLE_STRING) subject!: string | null;
  @ApiProperty() text!: string;
  @ApiProperty({ type: [String] }) attachmentNames!: string[];
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
}

export class MessageDeliveryResponse implements MessageDelivery {
  @ApiProperty({ format: 'uuid' }) messageId!: string;
  @ApiProperty({ enum: OUTBOUND_CHANNELS }) channel!: OutboundChannel;
  @ApiProperty() recipient!: string;
  @ApiProperty({ enum: OUTBOUND_STATUSES, description: 'pending, sent (a provider accepted it), recorded (development), to_post (letters), failed' }) status!: OutboundStatus;
  @ApiProperty({ ...NULLABLE_STRING, example: 'delivered', description: 'The latest provider event; null before any' }) deliveryStatus!: string | null;
  @ApiProperty(NULLABLE_STRING) providerMessageId!: string | null;
  @ApiProperty({ type: [DeliveryEventResponse], description: 'Oldest first' }) events!: DeliveryEventResponse[];
  @ApiProperty({ type: [InboundReplyResponse], description: "The customer's email replies to it, oldest first" }) replies!: InboundReplyResponse[];
}
