import { ApiResponse } from '@nestjs/swagger';
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { Roles } from '../auth/auth.tokens.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { salespersonScope } from '../auth/need-to-know.js';
import type { Principal } from '../auth/principal.js';
import { NotFoundError } from '../common/errors.js';
import { CustomersService } from '../customers/customers.service.js';
import { PredictionService } from '../prediction/prediction.service.js';
import { CreditPolicyService, DEFAULT_POLICY_SCOPE } from './credit-policy.service.js';
import { policyToWire } from './credit-policy.js';
import { CreditLimitsService } from './credit-limits.service.js';
import { CustomerRiskResponse } from './customer-risk.openapi.js';
import { CreditLimitSetResponse, CreditPolicyResponse, OpenOrdersResponse, OrderCheckResponse } from './credit.openapi.js';
import { CustomerRiskService } from './customer-risk.service.js';
import { CustomerScoringService } from './customer-scoring.service.js';
import { CustomerSituationService } from './customer-situation.service.js';
import { OrderCheckService } from './order-check.service.js';
import { EntityQuery, ExternalScoreDto, MoneyDto, OpenOrdersDto } from './credit.dto.js';
import { CreditPolicyDto } from './credit-policy.dto.js';

/** Credit policy per legal entity (`entity` absent: the default policy of entities without their own). */
@Controller('api/v1/credit-policy')
export class CreditPolicyController {
  constructor(
    @Inject(CreditPolicyService) private readonly policies: CreditPolicyService,
    @Inject(CustomerSituationService) private readonly situations: CustomerSituationService,
  ) {}

  @Get()
  @Roles('credit_manager')
  @ApiResponse({ status: 200, description: 'The policy in force for the entity and where it comes from', type: CreditPolicyResponse })
  async get(@Query() query: EntityQuery): Promise<CreditPolicyResponse> {
    if (query.entity === undefined) {
      const { policy, scope } = await this.policies.resolve(DEFAULT_POLICY_SCOPE);
      return { entity: null, source: scope === 'entity' ? 'default' : scope, ...policyToWire(policy) };
    }
    const entity = await this.situations.entityByCode(query.entity);
    const { policy, scope } = await this.policies.resolve(entity.id);
    return { entity: entity.code, source: scope, ...policyToWire(policy) };
  }

  @Put()
  @Roles('credit_manager')
  @ApiResponse({ status: 200, description: 'The policy as stored', type: CreditPolicyResponse })
  async put(@Body() dto: CreditPolicyDto): Promise<CreditPolicyResponse> {
    const entity = dto.entity === undefined ? null : await this.situations.entityByCode(dto.entity);
    const policy = await this.policies.put(entity?.id ?? DEFAULT_POLICY_SCOPE, dto);
    return { entity: entity?.code ?? null, source: entity ? 'entity' : 'default', ...policyToWire(policy) };
  }
}

/** Exposure, order check, limits set outside requests, scores. `?entity=` selects the legal entity (default: `default`). */
@Controller('api/v1/customers/:externalId')
export class CustomerCreditController {
  constructor(
    @Inject(CustomerSituationService) private readonly situations: CustomerSituationService,
    @Inject(CreditLimitsService) private readonly limits: CreditLimitsService,
    @Inject(OrderCheckService) private readonly orders: OrderCheckService,
    @Inject(CustomerRiskService) private readonly risk: CustomerRiskService,
    @Inject(CustomerScoringService) private readonly scoring: CustomerScoringService,
    @Inject(PredictionService) private readonly predictions: PredictionService,
    @Inject(CustomersService) private readonly customers: CustomersService,
  ) {}

  /** A salesperson reaches only the customers they sell to (others: 404, as if absent). */
  private async requireNeedToKnow(principal: Principal, entityCode: string | undefined, externalId: string, fullRoles: Parameters<typeof salespersonScope>[1]) {
    const salesperson = salespersonScope(principal, fullRoles);
    if (salesperson === null) return;
    const entity = await this.situations.entityByCode(entityCode);
    if (!(await this.customers.isSoldBy({ entityId: entity.id, externalId }, salesperson))) throw new NotFoundError('Customer', externalId);
  }

  @Put('open-orders')
  @Roles('erp')
  @ApiResponse({ status: 200, description: 'The open orders figure as stored', type: OpenOrdersResponse })
  openOrders(@Param('externalId') externalId: string, @Query() query: EntityQuery, @Body() dto: OpenOrdersDto): Promise<OpenOrdersResponse> {
    return this.limits.setOpenOrders(query.entity, externalId, dto);
  }

  @Put('credit-limit')
  @Roles('erp', 'credit_manager')
  @ApiResponse({ status: 200, description: 'The credit limit now', type: CreditLimitSetResponse })
  creditLimit(@Param('externalId') externalId: string, @Query() query: EntityQuery, @Body() dto: MoneyDto): Promise<CreditLimitSetResponse> {
    return this.limits.setCreditLimit(query.entity, externalId, dto);
  }

  @Post('order-check')
  @Roles('erp', 'sales', 'credit_manager')
  @HttpCode(200)
  @ApiResponse({ status: 200, description: 'allow, prepayment or block, with the rules that fired and the exposure', type: OrderCheckResponse })
  async orderCheck(@Param('externalId') externalId: string, @Query() query: EntityQuery, @Body() dto: MoneyDto, @CurrentPrincipal() principal: Principal): Promise<OrderCheckResponse> {
    await this.requireNeedToKnow(principal, query.entity, externalId, ['erp', 'credit_manager']);
    return this.orders.orderCheck(query.entity, externalId, dto);
  }

  @Get('risk')
  @Roles('collector', 'credit_manager', 'finance_manager', 'finance_director', 'cfo', 'sales')
  @ApiResponse({ status: 200, description: 'Limit and its history, exposure, class with reasons, external score, open disputes, predicted receipts', type: CustomerRiskResponse })
  async riskView(@Param('externalId') externalId: string, @Query() query: EntityQuery, @CurrentPrincipal() principal: Principal): Promise<CustomerRiskResponse> {
    await this.requireNeedToKnow(principal, query.entity, externalId, ['collector', 'credit_manager', 'finance_manager', 'finance_director', 'cfo']);
    // Expected receipts per ISO week from the payment predictions (src/prediction/).
    return this.risk.risk(query.entity, externalId, await this.predictions.predictedReceipts(query.entity, externalId));
  }

  @Post('external-score')
  @Roles('erp', 'credit_manager')
  @HttpCode(200)
  @ApiResponse({ status: 200, description: "The customer's risk view with the score recorded", type: CustomerRiskResponse })
  async externalScore(@Param('externalId') externalId: string, @Query() query: EntityQuery, @Body() dto: ExternalScoreDto): Promise<CustomerRiskResponse> {
    await this.scoring.recordExternalScore(query.entity, externalId, dto);
    return this.risk.risk(query.entity, externalId);
  }
}
