import { Body, Controller, Get, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../auth/auth.tokens.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { IdPipe } from '../common/uuid.js';
import { CreatePaymentPlanDto, PaymentPlanDecisionDto } from './payment-plan.dto.js';
import { PaymentPlansService } from './payment-plans.service.js';

/** Payment plans: proposed by collectors (or credit managers), approved by credit managers above the entity's amount. */
@Controller('api/v1/payment-plans')
export class PaymentPlansController {
  constructor(@Inject(PaymentPlansService) private readonly plans: PaymentPlansService) {}

  @Post()
  @Roles('collector', 'credit_manager')
  @ApiResponse({ status: 201, description: 'Proposed: active, or pending_approval above the entity\'s approval amount' })
  @ApiResponse({ status: 200, description: 'Already proposed with this externalId (retry)' })
  async create(@Body() dto: CreatePaymentPlanDto, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: Response) {
    const { id, status, created } = await this.plans.create(dto, principal);
    res.status(created ? 201 : 200);
    return { id, status };
  }

  @Get(':id')
  @Roles('collector', 'credit_manager')
  get(@Param('id', new IdPipe('Payment plan')) id: string) {
    return this.plans.get(id);
  }

  @Post(':id/decision')
  @Roles('credit_manager')
  @HttpCode(200)
  decide(@Param('id', new IdPipe('Payment plan')) id: string, @Body() dto: PaymentPlanDecisionDto, @CurrentPrincipal() principal: Principal) {
    return this.plans.decide(id, dto, principal);
  }
}
