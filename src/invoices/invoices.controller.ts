import { Roles } from '../auth/auth.tokens.js';
import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { RECEIVABLES_ROLES, salespersonScope } from '../auth/need-to-know.js';
import type { Principal } from '../auth/principal.js';
import { NotFoundError } from '../common/errors.js';
import { CustomersService } from '../customers/customers.service.js';
import { CreateInvoiceDto } from './create-invoice.dto.js';
import { InvoicesService, type CancellationView } from './invoices.service.js';
import type { InvoiceIntakeView, InvoiceView } from './invoice.views.js';
import { CancelInvoiceDto } from './cancel-invoice.dto.js';
import { InvoiceParam } from './invoice-ref.js';

@Controller('api/v1/invoices')
export class InvoicesController {
  constructor(
    @Inject(InvoicesService) private readonly invoices: InvoicesService,
    @Inject(CustomersService) private readonly customers: CustomersService,
  ) {}

  /** 201 on creation, 200 when the invoice already existed (same or updated). */
  @Post()
  @Roles('erp')
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
  cancel(@InvoiceParam() id: string, @Body() dto: CancelInvoiceDto): Promise<CancellationView> {
    return this.invoices.cancel(id, dto.reason);
  }

  /** Salespeople read their own customers' invoices only (others: 404, as if absent). */
  @Get(':id')
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
