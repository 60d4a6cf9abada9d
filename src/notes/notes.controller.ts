import { Body, Controller, Get, Inject, Param, Post, Query } from '@nestjs/common';
import { Roles } from '../auth/auth.tokens.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { IdPipe } from '../common/uuid.js';
import { CustomerNoteDto, NoteDto, NotesQuery } from './notes.dto.js';
import { NotesService } from './notes.service.js';

/** Free notes on a customer or an invoice (author and time recorded); they show in the customer's timeline. */
@Controller('api/v1')
export class NotesController {
  constructor(@Inject(NotesService) private readonly notes: NotesService) {}

  @Post('customers/:externalId/notes')
  @Roles('collector', 'credit_manager')
  addToCustomer(@Param('externalId') externalId: string, @Body() dto: CustomerNoteDto, @CurrentPrincipal() principal: Principal) {
    return this.notes.addToCustomer(dto.entity, externalId, dto.body, principal);
  }

  /** The customer's notes and its invoices', newest first. */
  @Get('customers/:externalId/notes')
  @Roles('collector', 'credit_manager')
  ofCustomer(@Param('externalId') externalId: string, @Query() query: NotesQuery, @CurrentPrincipal() principal: Principal) {
    return this.notes.ofCustomer(query.entity, externalId, principal);
  }

  @Post('invoices/:id/notes')
  @Roles('collector', 'credit_manager')
  addToInvoice(@Param('id', new IdPipe('Invoice')) id: string, @Body() dto: NoteDto, @CurrentPrincipal() principal: Principal) {
    return this.notes.addToInvoice(id, dto.body, principal);
  }

  @Get('invoices/:id/notes')
  @Roles('collector', 'credit_manager')
  ofInvoice(@Param('id', new IdPipe('Invoice')) id: string, @CurrentPrincipal() principal: Principal) {
    return this.notes.ofInvoice(id, principal);
  }
}
