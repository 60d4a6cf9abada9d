import { Roles } from '../auth/auth.tokens.js';
import { Body, Controller, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { DunningPausesService } from './dunning-pauses.service.js';
import { PauseCustomerDunningDto, PauseDunningDto, ResumeCustomerDunningDto } from './pause.dto.js';
import { InvoiceParam } from '../invoices/invoice-ref.js';

/** Dunning stops, per invoice and per customer, with a reason and an optional end. */
@Controller('api/v1')
export class DunningPausesController {
  constructor(@Inject(DunningPausesService) private readonly pauses: DunningPausesService) {}

  @Post('invoices/:id/pause')
  @Roles('collector', 'credit_manager')
  @HttpCode(200)
  pauseInvoice(@InvoiceParam() id: string, @Body() dto: PauseDunningDto) {
    return this.pauses.pauseInvoice(id, dto);
  }

  @Post('invoices/:id/resume')
  @Roles('collector', 'credit_manager')
  @HttpCode(200)
  resumeInvoice(@InvoiceParam() id: string) {
    return this.pauses.resumeInvoice(id);
  }

  @Post('customers/:externalId/pause')
  @Roles('collector', 'credit_manager')
  @HttpCode(200)
  pauseCustomer(@Param('externalId') externalId: string, @Body() dto: PauseCustomerDunningDto) {
    return this.pauses.pauseCustomer(externalId, dto.entity, dto);
  }

  @Post('customers/:externalId/resume')
  @Roles('collector', 'credit_manager')
  @HttpCode(200)
  resumeCustomer(@Param('externalId') externalId: string, @Query() query: ResumeCustomerDunningDto) {
    return this.pauses.resumeCustomer(externalId, query.entity);
  }
}
