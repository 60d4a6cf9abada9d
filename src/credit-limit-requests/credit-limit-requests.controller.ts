import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { Roles } from '../auth/auth.tokens.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { CreateCreditLimitRequestDto, CreditLimitDecisionDto, SalesOpinionDto } from './credit-limit-request.dto.js';
import { CreditLimitRequestsService } from './credit-limit-requests.service.js';
import { IdPipe } from '../common/uuid.js';

/**
 * Credit-limit requests and their approval chain. Deciding needs a user
 * holding the pending level's role (or the escalation role once escalated):
 * the operator key, and admins without that role, cannot decide.
 */
@Controller('api/v1/credit-limit-requests')
export class CreditLimitRequestsController {
  constructor(@Inject(CreditLimitRequestsService) private readonly requests: CreditLimitRequestsService) {}

  @Post()
  @Roles('sales', 'credit_manager')
  async create(@Body() dto: CreateCreditLimitRequestDto, @CurrentPrincipal() principal: Principal) {
    const view = await this.requests.create(dto, principal);
    return view;
  }

  @Get(':id')
  get(@Param('id', new IdPipe('Credit limit request')) id: string) {
    return this.requests.get(id);
  }

  @Post(':id/decisions')
  @Roles('credit_manager', 'finance_manager', 'finance_director', 'cfo')
  @HttpCode(200)
  decide(@Param('id', new IdPipe('Credit limit request')) id: string, @Body() dto: CreditLimitDecisionDto, @CurrentPrincipal() principal: Principal) {
    return this.requests.decide(id, dto, principal);
  }

  @Post(':id/sales-opinion')
  @Roles('sales')
  @HttpCode(200)
  salesOpinion(@Param('id', new IdPipe('Credit limit request')) id: string, @Body() dto: SalesOpinionDto, @CurrentPrincipal() principal: Principal) {
    return this.requests.giveSalesOpinion(id, dto, principal);
  }
}
