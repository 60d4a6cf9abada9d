import { Body, Controller, Get, HttpStatus, Inject, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiResponse } from '@nestjs/swagger';
import { Roles } from '../auth/auth.tokens.js';
import { RECEIVABLES_ROLES } from '../auth/need-to-know.js';
import { IdPipe } from '../common/uuid.js';
import { CreateCreditNoteDto } from './create-credit-note.dto.js';
import { CreditNoteResponse } from './credit-note.openapi.js';
import { CreditNotesService, type CreditNoteView } from './credit-notes.service.js';

@Controller('api/v1/credit-notes')
export class CreditNotesController {
  constructor(@Inject(CreditNotesService) private readonly notes: CreditNotesService) {}

  /** 201 when recorded, 200 when this credit note was already recorded (ERP retry). */
  @Post()
  @Roles('erp')
  @ApiResponse({ status: 201, description: 'Recorded: allocated invoices are reduced, the rest stays as customer credit', type: CreditNoteResponse })
  @ApiResponse({ status: 200, description: 'This credit note was already recorded (ERP retry)', type: CreditNoteResponse })
  async record(@Body() dto: CreateCreditNoteDto, @Res({ passthrough: true }) res: Response): Promise<CreditNoteView> {
    const { created, view } = await this.notes.record(dto);
    res.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return view;
  }

  @Get(':id')
  @Roles(...RECEIVABLES_ROLES, 'erp')
  @ApiResponse({ status: 200, description: 'The credit note and its allocations', type: CreditNoteResponse })
  get(@Param('id', new IdPipe('Credit note')) id: string): Promise<CreditNoteView> {
    return this.notes.get(id);
  }
}
