import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { Roles } from '../auth/auth.tokens.js';
import { FieldValidationError } from '../common/validation.js';
import { PredictionService } from '../prediction/prediction.service.js';
import { CreditPolicyService, DEFAULT_POLICY_SCOPE } from './credit-policy.service.js';
import { policyToWire } from './credit-policy.js';
import { CreditRiskService } from './credit-risk.service.js';
import { EntityQuery, ExternalScoreDto, MoneyDto, OpenOrdersDto } from './credit.dto.js';

/** Credit policy per legal entity (`entity` absent: the default policy of entities without their own). */
@Controller('api/v1/credit-policy')
export class CreditPolicyController {
  constructor(
    @Inject(CreditPolicyService) private readonly policies: CreditPolicyService,
    @Inject(CreditRiskService) private readonly risk: CreditRiskService,
  ) {}

  @Get()
  async get(@Query() query: EntityQuery) {
    if (query.entity === undefined) {
      const { policy, scope } = await this.policies.resolve(DEFAULT_POLICY_SCOPE);
      return { entity: null, source: scope === 'entity' ? 'default' : scope, ...policyToWire(policy) };
    }
    const entity = await this.risk.entityByCode(query.entity);
    const { policy, scope } = await this.policies.resolve(entity.id);
    return { entity: entity.code, source: scope, ...policyToWire(policy) };
  }

  @Put()
  @Roles('credit_manager')
  async put(@Body() body: unknown) {
    const code = (body as { entity?: unknown } | null)?.entity;
    if (code !== undefined && typeof code !== 'string') {
      throw new FieldValidationError([{ field: 'entity', messages: ['entity must be a legal entity code'] }]);
    }
    const entity = code === undefined ? null : await this.risk.entityByCode(code);
    const policy = await this.policies.put(entity?.id ?? DEFAULT_POLICY_SCOPE, body);
    return { entity: entity?.code ?? null, source: entity ? 'entity' : 'default', ...policyToWire(policy) };
  }
}

/** Exposure, order check, limits set outside requests, scores. `?entity=` selects the legal entity (default: `default`). */
@Controller('api/v1/customers/:externalId')
export class CustomerCreditController {
  constructor(
    @Inject(CreditRiskService) private readonly risk: CreditRiskService,
    @Inject(PredictionService) private readonly predictions: PredictionService,
  ) {}

  @Put('open-orders')
  @Roles('erp')
  openOrders(@Param('externalId') externalId: string, @Query() query: EntityQuery, @Body() dto: OpenOrdersDto) {
    return this.risk.setOpenOrders(query.entity, externalId, dto);
  }

  @Put('credit-limit')
  @Roles('erp', 'credit_manager')
  creditLimit(@Param('externalId') externalId: string, @Query() query: EntityQuery, @Body() dto: MoneyDto) {
    return this.risk.setCreditLimit(query.entity, externalId, dto);
  }

  @Post('order-check')
  @Roles('erp', 'sales', 'credit_manager')
  @HttpCode(200)
  orderCheck(@Param('externalId') externalId: string, @Query() query: EntityQuery, @Body() dto: MoneyDto) {
    return this.risk.orderCheck(query.entity, externalId, dto);
  }

  @Get('risk')
  async riskView(@Param('externalId') externalId: string, @Query() query: EntityQuery) {
    // Expected receipts per ISO week from the payment predictions (src/prediction/).
    return this.risk.risk(query.entity, externalId, await this.predictions.predictedReceipts(query.entity, externalId));
  }

  @Post('external-score')
  @Roles('erp', 'credit_manager')
  @HttpCode(200)
  externalScore(@Param('externalId') externalId: string, @Query() query: EntityQuery, @Body() dto: ExternalScoreDto) {
    return this.risk.postExternalScore(query.entity, externalId, dto);
  }
}
