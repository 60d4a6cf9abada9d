import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CustomerAccessModule } from '../customers/customer-access.module.js';
import { InvoiceAccessModule } from '../invoices/invoice-access.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { BatchMessageStore } from './batch-message.store.js';
import { InternalMailService } from './internal-mail.service.js';
import { MessagesController } from './messages.controller.js';
import { MessagesService } from './messages.service.js';
import { LetterDocument } from './letter-document.entity.js';
import { LetterDocumentStore } from './letter-document.store.js';
import { OutboundMessage } from './outbound-message.entity.js';
import { OutboundMessageStore } from './outbound-message.store.js';
import { DeliveryEventsStore } from './delivery-events.store.js';
import { InboundReply } from './inbound-reply.entity.js';
import { MessageDeliveryEvent } from './message-delivery-event.entity.js';

@Module({
  imports: [TypeOrmModule.forFeature([OutboundMessage, LetterDocument, MessageDeliveryEvent, InboundReply]), NotificationsModule, InvoiceAccessModule, CustomerAccessModule],
  controllers: [MessagesController],
  providers: [MessagesService, OutboundMessageStore, LetterDocumentStore, InternalMailService, BatchMessageStore, DeliveryEventsStore],
  // BatchMessageStore: the customers' communications workflows claim messages and the invoice steps they carry.
  // DeliveryEventsStore: delivery tracking records provider events and customers' replies.
  exports: [MessagesService, OutboundMessageStore, LetterDocumentStore, InternalMailService, BatchMessageStore, DeliveryEventsStore],
})
export class MessagesModule {}
