import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { InternalMailService } from './internal-mail.service.js';
import { MessagesController } from './messages.controller.js';
import { MessagesService } from './messages.service.js';
import { LetterDocument } from './letter-document.entity.js';
import { LetterDocumentStore } from './letter-document.store.js';
import { OutboundMessage } from './outbound-message.entity.js';
import { OutboundMessageStore } from './outbound-message.store.js';

@Module({
  imports: [TypeOrmModule.forFeature([OutboundMessage, LetterDocument]), NotificationsModule],
  controllers: [MessagesController],
  providers: [MessagesService, OutboundMessageStore, LetterDocumentStore, InternalMailService],
  exports: [MessagesService, OutboundMessageStore, LetterDocumentStore, InternalMailService],
})
export class MessagesModule {}
