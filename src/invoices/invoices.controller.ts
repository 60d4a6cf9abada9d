import { Roles } from '../auth/auth.tokens.js';
import { Body, Controller, Get, HttpStatus, Inject, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CreateInvoiceDto } from './create-invoice.dto.js';
import { InvoicesService } from './invoices.service.js';
import type { InvoiceIntakeView, InvoiceView } from './invoice.views.js';
import { IdPipe } from '../common/uuid.js';

@Controller('api/v1/invoices')
export class InvoicesController {
  constructor(@Inject(InvoicesService) private readonly invoices: InvoicesService) {}

  /** 201 on creation, 200 when the invoice already existed (same or updated). */
  @Post()
  @Roles('erp')
  async intake(@Body() dto: CreateInvoiceDto, @Res({ passthrough: true }) res: Response): Promise<InvoiceIntakeView> {
    const { outcome, view } = await this.invoices.intake(dto);
    res.status(outcome === 'created' ? HttpStatus.CREATED : HttpStatus.OK);
    return view;
  }

  @Get(':id')
  get(@Param('id', new IdPipe('Invoice')) id: string): Promise<InvoiceView> {
    return this.invoices.get(id);
  }
}
