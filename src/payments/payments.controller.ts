import { Roles } from '../auth/auth.tokens.js';
import { Body, Controller, Get, HttpStatus, Inject, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { answerList } from '../common/lists/list-response.js';
import { PaymentListQuery } from './payment-list.query.js';
import { PaymentListService } from './payment-list.service.js';
import { PaymentsService, type PaymentView } from './payments.service.js';
import { RecordPaymentDto } from './record-payment.dto.js';
import { ApiBody, ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { PAYMENT_EXAMPLE, PAYMENT_RESPONSE_EXAMPLE, PaymentListPageResponse, PaymentResponse, SHORT_PAYMENT_EXAMPLE } from './payment.openapi.js';

@Controller('api/v1/payments')
export class PaymentsController {
  constructor(
    @Inject(PaymentsService) private readonly payments: PaymentsService,
    @Inject(PaymentListService) private readonly list: PaymentListService,
  ) {}

  /** Filtered, sorted, cursor-paginated; CSV with `Accept: text/csv`. */
  @Get()
  @ApiExtraModels(PaymentListPageResponse)
  @ApiResponse({
    status: 200, description: 'A page of payments with their allocations; with `Accept: text/csv`, every matching payment (one row each)',
    content: { 'application/json': { schema: { $ref: getSchemaPath(PaymentListPageResponse) } }, 'text/csv': { schema: { type: 'string' } } },
  })
  @Roles('collector', 'credit_manager', 'cash_manager', 'erp')
  async index(@Query() query: PaymentListQuery, @Req() req: Request, @Res() res: Response): Promise<void> {
    await answerList(req, res, query, await this.list.source(query));
  }

  /** 201 when recorded, 200 when this payment was already recorded (ERP retry). */
  @Post()
  @Roles('erp')
  @ApiBody({
    type: RecordPaymentDto,
    examples: {
      payment: { summary: 'A payment settling one invoice', value: PAYMENT_EXAMPLE },
      shortPayment: { summary: 'A short payment: the difference opens a deduction dispute', value: SHORT_PAYMENT_EXAMPLE },
    },
  })
  @ApiResponse({ status: 201, description: 'Recorded and allocated', type: PaymentResponse, example: PAYMENT_RESPONSE_EXAMPLE })
  @ApiResponse({ status: 200, description: 'This payment was already recorded (ERP retry)', type: PaymentResponse })
  async record(@Body() dto: RecordPaymentDto, @Res({ passthrough: true }) res: Response): Promise<PaymentView> {
    const { created, view } = await this.payments.record(dto);
    res.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return view;
  }
}
