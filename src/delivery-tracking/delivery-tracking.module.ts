import { Module } from '@nestjs/common';
import { CustomersModule } from '../customers/customers.module.js';
import { MessagesModule } from '../messages/messages.module.js';
import { CollectorTaskWriterModule } from '../tasks/collector-task-writer.module.js';
import { DeliveryTrackingService } from './delivery-tracking.service.js';
import { DeliveryWebhooksController } from './delivery-webhooks.controller.js';
import { InboundRepliesService } from './inbound-replies.service.js';

/** SendGrid and Twilio delivery events and customers' email replies (provider webhooks). */
@Module({
  imports: [MessagesModule, CustomersModule, CollectorTaskWriterModule],
  controllers: [DeliveryWebhooksController],
  providers: [DeliveryTrackingService, InboundRepliesService],
})
export class DeliveryTrackingModule {}
