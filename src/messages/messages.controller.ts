import { ApiResponse } from '@nestjs/swagger';
import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Roles } from '../auth/auth.tokens.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { RECEIVABLES_ROLES } from '../auth/need-to-know.js';
import { hasAnyRole, type Principal } from '../auth/principal.js';
import { ListMessagesQuery } from './list-messages.query.js';
import { MessageDeliveryResponse, MessageResponse } from './messages.openapi.js';
import { MessagesService, type MessageView } from './messages.service.js';
import { IdPipe } from '../common/uuid.js';

@Controller('api/v1/messages')
export class MessagesController {
  constructor(@Inject(MessagesService) private readonly messages: MessagesService) {}

  /**
   * Outbound messages, newest first; in development they are recorded here instead of sent.
   * Customer mail is for collectors and credit managers; other staff see only the internal mail sent to them.
   */
  @Get()
  @Roles(...RECEIVABLES_ROLES, 'sales', 'dispute_validator', 'finance_manager', 'finance_director', 'cfo')
  @ApiResponse({ status: 200, description: 'Messages, newest first, with their delivery status', type: [MessageResponse] })
  list(@Query() query: ListMessagesQuery, @CurrentPrincipal() principal: Principal): Promise<MessageView[]> {
    return this.messages.list({
      invoiceId: query.invoiceId, audience: query.audience, recipient: query.recipient, limit: query.limit,
      ...(!hasAnyRole(principal, ['admin']) && {
        internalVisibleTo: principal.email, customerVisible: hasAnyRole(principal, RECEIVABLES_ROLES),
      }),
    });
  }

  /** A message's delivery history (provider events: processed, delivered, opened, bounced… / queued, sent, undelivered…) and the replies to it. */
  @Get(':id/delivery')
  @Roles(...RECEIVABLES_ROLES)
  @ApiResponse({ status: 200, description: "The message's status, its provider events and the customer's replies to it", type: MessageDeliveryResponse })
  delivery(@Param('id', new IdPipe('Message')) id: string) {
    return this.messages.delivery(id);
  }

  /** The PDF of a letter, to print and post. */
  @Get(':id/document')
  @ApiResponse({ status: 200, description: 'The letter as PDF', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  @Roles(...RECEIVABLES_ROLES)
  async document(@Param('id', new IdPipe('Message')) id: string, @Res() res: Response): Promise<void> {
    const doc = await this.messages.document(id);
    res.setHeader('Content-Type', doc.contentType);
    res.setHeader('Content-Disposition', `inline; filename="letter-${id}.pdf"`);
    res.setHeader('ETag', `"${doc.sha256}"`);
    res.end(doc.content);
  }
}
