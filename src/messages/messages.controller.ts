import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { hasAnyRole, type Principal } from '../auth/principal.js';
import { ListMessagesQuery } from './list-messages.query.js';
import { MessagesService, type MessageView } from './messages.service.js';
import { IdPipe } from '../common/uuid.js';

@Controller('api/v1/messages')
export class MessagesController {
  constructor(@Inject(MessagesService) private readonly messages: MessagesService) {}

  /** Outbound messages, newest first; in development they are recorded here instead of sent. */
  @Get()
  list(@Query() query: ListMessagesQuery, @CurrentPrincipal() principal: Principal): Promise<MessageView[]> {
    return this.messages.list({
      invoiceId: query.invoiceId, audience: query.audience, recipient: query.recipient, limit: query.limit,
      ...(!hasAnyRole(principal, ['admin']) && { internalVisibleTo: principal.email }),
    });
  }

  /** The PDF of a letter, to print and post. */
  @Get(':id/document')
  async document(@Param('id', new IdPipe('Message')) id: string, @Res() res: Response): Promise<void> {
    const doc = await this.messages.document(id);
    res.setHeader('Content-Type', doc.contentType);
    res.setHeader('Content-Disposition', `inline; filename="letter-${id}.pdf"`);
    res.setHeader('ETag', `"${doc.sha256}"`);
    res.end(doc.content);
  }
}
