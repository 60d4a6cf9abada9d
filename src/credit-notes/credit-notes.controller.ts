import { Body, Controller, Get, HttpStatus, Inject, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Roles } from '../auth/auth.tokens.js';
import { RECEIVABLES_ROLES } from '../auth/need-to-know.js';
import { IdPipe } from '../common/uuid.js';
import { CreateCreditNoteDto } from './create-credit-note.dto.js';
import { CreditNotesService, type CreditNoteView } from './credit-notes.service.js';

@Controller('api/v1/credit-notes')
export class CreditNotesController {
  constructor(@Inject(CreditNotesService) private readonly notes: CreditNotesService) {}

  /** 201 when recorded, 200 when this credit note was already recorded (ERP retry). */
  @Post()
  @Roles('erp')
  async record(@Body() dto: CreateCreditNoteDto, @Res({ passthrough: true }) res: Response): Promise<CreditNoteView> {
    const { created, view } = await this.notes.record(dto);
    res.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return view;
  }

  @Get(':id')
  @Roles(...RECEIVABLES_ROLES, 'erp')
  get(@Param('id', new IdPipe('Credit note')) id: string): Promise<CreditNoteView> {
    return this.notes.get(id);
  }
}
