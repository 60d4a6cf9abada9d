import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MessagesController } from './messages.controller.js';
import { MessagesService } from './messages.service.js';
import { LetterDocument } from './letter-document.entity.js';
import { LetterDocumentStore } from './letter-document.store.js';
import { OutboundMessage } from './outbound-message.entity.js';
import { OutboundMessageStore } from './outbound-message.store.js';

@Module({
  imports: [TypeOrmModule.forFeature([OutboundMessage, LetterDocument])],
  controllers: [MessagesController],
  providers: [MessagesService, OutboundMessageStore, LetterDocumentStore],
  exports: [OutboundMessageStore, LetterDocumentStore],
})
export class MessagesModule {}
