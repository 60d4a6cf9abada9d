import { Roles } from '../auth/auth.tokens.js';
import { Body, Controller, HttpStatus, Inject, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { PaymentsService, type PaymentView } from './payments.service.js';
import { RecordPaymentDto } from './record-payment.dto.js';

@Controller('api/v1/payments')
export class PaymentsController {
  constructor(@Inject(PaymentsService) private readonly payments: PaymentsService) {}

  /** 201 when recorded, 200 when this payment was already recorded (ERP retry). */
  @Post()
  @Roles('erp')
  async record(@Body() dto: RecordPaymentDto, @Res({ passthrough: true }) res: Response): Promise<PaymentView> {
    const { created, view } = await this.payments.record(dto);
    res.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return view;
  }
}
