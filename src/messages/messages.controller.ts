import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ListMessagesQuery } from './list-messages.query.js';
import { MessagesService, type MessageView } from './messages.service.js';

@Controller('api/v1/messages')
export class MessagesController {
  constructor(@Inject(MessagesService) private readonly messages: MessagesService) {}

  /** Outbound messages, newest first; in development they are recorded here instead of sent. */
  @Get()
  list(@Query() query: ListMessagesQuery): Promise<MessageView[]> {
    return this.messages.list({ invoiceId: query.invoiceId, limit: query.limit });
  }
}
