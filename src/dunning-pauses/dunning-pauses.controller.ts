import { Roles } from '../auth/auth.tokens.js';
import { Body, Controller, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { CustomerPausedResponse, CustomerResumedResponse, InvoicePausedResponse, InvoiceResumedResponse } from './dunning-pauses.openapi.js';
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
  @ApiResponse({ status: 200, description: "Paused: the invoice's workflow sends nothing until resumed or the pause's end", type: InvoicePausedResponse })
  pauseInvoice(@InvoiceParam() id: string, @Body() dto: PauseDunningDto) {
    return this.pauses.pauseInvoice(id, dto);
  }

  @Post('invoices/:id/resume')
  @Roles('collector', 'credit_manager')
  @HttpCode(200)
  @ApiResponse({ status: 200, description: "Resumed (harmless when not paused): the invoice's workflow takes its scenario up again", type: InvoiceResumedResponse })
  resumeInvoice(@InvoiceParam() id: string) {
    return this.pauses.resumeInvoice(id);
  }

  @Post('customers/:externalId/pause')
  @Roles('collector', 'credit_manager')
  @HttpCode(200)
  @ApiResponse({ status: 200, description: "The customer's pause, on every open invoice", type: CustomerPausedResponse })
  pauseCustomer(@Param('externalId') externalId: string, @Body() dto: PauseCustomerDunningDto): Promise<CustomerPausedResponse> {
    return this.pauses.pauseCustomer(externalId, dto.entity, dto);
  }

  @Post('customers/:externalId/resume')
  @Roles('collector', 'credit_manager')
  @HttpCode(200)
  @ApiResponse({ status: 200, description: "The customer's pause that ended, if any", type: CustomerResumedResponse })
  resumeCustomer(@Param('externalId') externalId: string, @Query() query: ResumeCustomerDunningDto): Promise<CustomerResumedResponse> {
    return this.pauses.resumeCustomer(externalId, query.entity);
  }
}
