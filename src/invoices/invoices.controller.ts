import { Roles } from '../auth/auth.tokens.js';
import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { answerList } from '../common/lists/list-response.js';
import { InvoiceListQuery } from './invoice-list.query.js';
import { InvoiceListService } from './invoice-list.service.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { RECEIVABLES_ROLES, salespersonScope } from '../auth/need-to-know.js';
import type { Principal } from '../auth/principal.js';
import { NotFoundError } from '../common/errors.js';
import { CustomersService } from '../customers/customers.service.js';
import { CreateInvoiceDto } from './create-invoice.dto.js';
import { InvoicesService, type CancellationView } from './invoices.service.js';
import type { InvoiceIntakeView, InvoiceView } from './invoice.views.js';
import { ApiBody, ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import {
  INVOICE_INTAKE_EXAMPLE, INVOICE_INTAKE_RESPONSE_EXAMPLE, InvoiceCancellationResponse, InvoiceIntakeResponse, InvoiceListPageResponse, InvoiceResponse,
} from './invoice.openapi.js';
import { CancelInvoiceDto } from './cancel-invoice.dto.js';
import { InvoiceParam } from './invoice-ref.js';

@Controller('api/v1/invoices')
export class InvoicesController {
  constructor(
    @Inject(InvoicesService) private readonly invoices: InvoicesService,
    @Inject(CustomersService) private readonly customers: CustomersService,
    @Inject(InvoiceListService) private readonly list: InvoiceListService,
  ) {}

  /** Filtered, sorted, cursor-paginated; CSV with `Accept: text/csv`. Salespeople see their own customers' invoices only. */
  @Get()
  @ApiExtraModels(InvoiceListPageResponse)
  @ApiResponse({
    status: 200, description: 'A page of invoices; with `Accept: text/csv`, every matching invoice (one row each)',
    content: { 'application/json': { schema: { $ref: getSchemaPath(InvoiceListPageResponse) } }, 'text/csv': { schema: { type: 'string' } } },
  })
  @Roles(...RECEIVABLES_ROLES, 'erp', 'sales')
  async index(@Query() query: InvoiceListQuery, @CurrentPrincipal() principal: Principal, @Req() req: Request, @Res() res: Response): Promise<void> {
    const source = await this.list.source(query, salespersonScope(principal, [...RECEIVABLES_ROLES, 'erp']));
    await answerList(req, res, query, source);
  }

  /** 201 on creation, 200 when the invoice already existed (same or updated). */
  @Post()
  @Roles('erp')
  @ApiBody({ type: CreateInvoiceDto, examples: { invoice: { summary: 'An invoice and its customer', value: INVOICE_INTAKE_EXAMPLE } } })
  @ApiResponse({ status: 201, description: 'Created: its dunning workflow has started', type: InvoiceIntakeResponse, example: INVOICE_INTAKE_RESPONSE_EXAMPLE })
  @ApiResponse({ status: 200, description: 'Already received (an ERP retry, or an update of the same invoice)', type: InvoiceIntakeResponse })
  async intake(@Body() dto: CreateInvoiceDto, @Res({ passthrough: true }) res: Response): Promise<InvoiceIntakeView> {
    const { outcome, view } = await this.invoices.intake(dto);
    res.status(outcome === 'created' ? HttpStatus.CREATED : HttpStatus.OK);
    return view;
  }

  /**
   * The ERP cancelled the invoice: dunning ends at once, nothing more is sent.
   * Idempotent (200 every time, with the first reason given).
   */
  @Post(':id/cancel')
  @Roles('erp')
  @HttpCode(HttpStatus.OK)
  @ApiResponse({ status: 200, description: 'Cancelled (now or before): the reason first given and what was still open', type: InvoiceCancellationResponse })
  cancel(@InvoiceParam() id: string, @Body() dto: CancelInvoiceDto): Promise<CancellationView> {
    return this.invoices.cancel(id, dto.reason);
  }

  /** Salespeople read their own customers' invoices only (others: 404, as if absent). */
  @Get(':id')
  @ApiResponse({ status: 200, description: 'The invoice, its customer, pauses, next step, prediction and timeline', type: InvoiceResponse })
  @Roles(...RECEIVABLES_ROLES, 'erp', 'sales')
  async get(@InvoiceParam() id: string, @CurrentPrincipal() principal: Principal): Promise<InvoiceView> {
    const view = await this.invoices.get(id);
    const salesperson = salespersonScope(principal, [...RECEIVABLES_ROLES, 'erp']);
    if (salesperson !== null && !(await this.customers.isSoldBy({ customerId: view.customer.id }, salesperson))) {
      throw new NotFoundError('Invoice', id);
    }
    return view;
  }
}
