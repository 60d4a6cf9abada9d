import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../auth/auth.tokens.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { IdPipe } from '../common/uuid.js';
import { CreatePaymentPlanDto, PaymentPlanDecisionDto, PaymentPlanListQuery } from './payment-plan.dto.js';
import { PaymentPlanListResponse, PaymentPlanProposedResponse, PaymentPlanResponse } from './payment-plan.openapi.js';
import { PaymentPlansService } from './payment-plans.service.js';

/** Payment plans: proposed by collectors (or credit managers), approved by credit managers above the entity's amount. */
@Controller('api/v1/payment-plans')
export class PaymentPlansController {
  constructor(@Inject(PaymentPlansService) private readonly plans: PaymentPlansService) {}

  @Post()
  @Roles('collector', 'credit_manager')
  @ApiResponse({ status: 201, description: 'Proposed: active, or pending_approval above the entity\'s approval amount', type: PaymentPlanProposedResponse })
  @ApiResponse({ status: 200, description: 'Already proposed with this externalId (retry)', type: PaymentPlanProposedResponse })
  async create(@Body() dto: CreatePaymentPlanDto, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: Response): Promise<PaymentPlanProposedResponse> {
    const { id, status, created } = await this.plans.create(dto, principal);
    res.status(created ? 201 : 200);
    return { id, status };
  }

  /** Plans by status, oldest first: `status=pending_approval` is what waits for a credit manager. */
  @Get()
  @Roles('collector', 'credit_manager')
  @ApiResponse({ status: 200, description: 'Plans, oldest first (at most `limit`, default 50)', type: PaymentPlanListResponse })
  list(@Query() query: PaymentPlanListQuery): Promise<PaymentPlanListResponse> {
    return this.plans.list(query);
  }

  @Get(':id')
  @Roles('collector', 'credit_manager')
  @ApiResponse({ status: 200, description: 'The plan, its schedule and what each instalment received', type: PaymentPlanResponse })
  get(@Param('id', new IdPipe('Payment plan')) id: string): Promise<PaymentPlanResponse> {
    return this.plans.get(id);
  }

  @Post(':id/decision')
  @Roles('credit_manager')
  @HttpCode(200)
  @ApiResponse({ status: 200, description: 'Decided: the plan, active or rejected', type: PaymentPlanResponse })
  decide(@Param('id', new IdPipe('Payment plan')) id: string, @Body() dto: PaymentPlanDecisionDto, @CurrentPrincipal() principal: Principal): Promise<PaymentPlanResponse> {
    return this.plans.decide(id, dto, principal);
  }
}
