import { Roles } from '../auth/auth.tokens.js';
import { Body, Controller, HttpStatus, Inject, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { PaymentsService, type PaymentView } from './payments.service.js';
import { RecordPaymentDto } from './record-payment.dto.js';
import { ApiBody, ApiResponse } from '@nestjs/swagger';
import { PAYMENT_EXAMPLE, PAYMENT_RESPONSE_EXAMPLE, PaymentResponse, SHORT_PAYMENT_EXAMPLE } from './payment.openapi.js';

@Controller('api/v1/payments')
export class PaymentsController {
  constructor(@Inject(PaymentsService) private readonly payments: PaymentsService) {}

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
