import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MessagesController } from './messages.controller.js';
import { MessagesService } from './messages.service.js';
import { OutboundMessage } from './outbound-message.entity.js';
import { OutboundMessageStore } from './outbound-message.store.js';

@Module({
  imports: [TypeOrmModule.forFeature([OutboundMessage])],
  controllers: [MessagesController],
  providers: [MessagesService, OutboundMessageStore],
  exports: [OutboundMessageStore],
})
export class MessagesModule {}
