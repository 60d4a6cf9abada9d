import { Body, Controller, Get, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { Roles } from '../auth/auth.tokens.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { IdPipe } from '../common/uuid.js';
import { CustomerNoteDto, NoteDto, NotesQuery } from './notes.dto.js';
import { NoteResponse } from './notes.openapi.js';
import { NotesService, type NoteView } from './notes.service.js';

/** Free notes on a customer or an invoice (author and time recorded); they show in the customer's timeline. */
@Controller('api/v1')
export class NotesController {
  constructor(@Inject(NotesService) private readonly notes: NotesService) {}

  @Post('customers/:externalId/notes')
  @Roles('collector', 'credit_manager')
  @ApiResponse({ status: 201, description: 'The note as recorded, with its author', type: NoteResponse })
  addToCustomer(@Param('externalId') externalId: string, @Body() dto: CustomerNoteDto, @CurrentPrincipal() principal: Principal): Promise<NoteView> {
    return this.notes.addToCustomer(dto.entity, externalId, dto.body, principal);
  }

  /** The customer's notes and its invoices', newest first. */
  @Get('customers/:externalId/notes')
  @Roles('collector', 'credit_manager')
  @ApiResponse({ status: 200, description: "The customer's notes and its invoices', newest first", type: [NoteResponse] })
  ofCustomer(@Param('externalId') externalId: string, @Query() query: NotesQuery, @CurrentPrincipal() principal: Principal): Promise<NoteView[]> {
    return this.notes.ofCustomer(query.entity, externalId, principal);
  }

  @Post('invoices/:id/notes')
  @Roles('collector', 'credit_manager')
  @ApiResponse({ status: 201, description: 'The note as recorded, with its author', type: NoteResponse })
  addToInvoice(@Param('id', new IdPipe('Invoice')) id: string, @Body() dto: NoteDto, @CurrentPrincipal() principal: Principal): Promise<NoteView> {
    return this.notes.addToInvoice(id, dto.body, principal);
  }

  /** The invoice's notes, newest first. */
  @Get('invoices/:id/notes')
  @Roles('collector', 'credit_manager')
  @ApiResponse({ status: 200, description: "The invoice's notes, newest first", type: [NoteResponse] })
  ofInvoice(@Param('id', new IdPipe('Invoice')) id: string, @CurrentPrincipal() principal: Principal): Promise<NoteView[]> {
    return this.notes.ofInvoice(id, principal);
  }
}
