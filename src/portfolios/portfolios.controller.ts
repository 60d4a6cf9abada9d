import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { Roles } from '../auth/auth.tokens.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { IdPipe } from '../common/uuid.js';
import { FieldValidationError } from '../common/validation.js';
import { resolveCollectorParam } from './collector-scope.js';
import { AssignCollectorDto, CollectorRuleDto, EntityParamQuery, PortfolioQuery } from './portfolio.dto.js';
import { PortfolioService } from './portfolio.service.js';

/** Portfolio rules: which collector holds which customers. Credit managers edit them. */
@Controller('api/v1/collector-rules')
export class CollectorRulesController {
  constructor(@Inject(PortfolioService) private readonly portfolios: PortfolioService) {}

  /** Every rule, oldest first (the most specific matching rule wins; ties: the oldest). */
  @Get()
  @Roles('collector', 'credit_manager')
  list() {
    return this.portfolios.listRules();
  }

  @Get(':id')
  @Roles('collector', 'credit_manager')
  get(@Param('id', new IdPipe('Collector rule')) id: string) {
    return this.portfolios.getRule(id);
  }

  /** Creates a rule; customers it now wins move to its collector with their open tasks (`tasksMoved`). */
  @Post()
  @Roles('credit_manager')
  create(@Body() dto: CollectorRuleDto) {
    return this.portfolios.createRule(dto);
  }

  @Put(':id')
  @Roles('credit_manager')
  replace(@Param('id', new IdPipe('Collector rule')) id: string, @Body() dto: CollectorRuleDto) {
    return this.portfolios.replaceRule(id, dto);
  }

  @Delete(':id')
  @Roles('credit_manager')
  @HttpCode(204)
  remove(@Param('id', new IdPipe('Collector rule')) id: string): Promise<void> {
    return this.portfolios.removeRule(id);
  }
}

@Controller('api/v1')
export class PortfoliosController {
  constructor(@Inject(PortfolioService) private readonly portfolios: PortfolioService) {}

  /** A collector's customers and why each is theirs (`collector=me` or a user id; a collector sees their own). */
  @Get('portfolio')
  @Roles('collector', 'credit_manager')
  portfolio(@Query() query: PortfolioQuery, @CurrentPrincipal() principal: Principal) {
    const collector = resolveCollectorParam(principal, query.collector ?? 'me');
    if (!collector) throw new FieldValidationError([{ field: 'collector', messages: ['collector is required'] }]);
    return this.portfolios.portfolio(collector, query.entity);
  }

  /** Who holds the customer and why (explicit assignment, rule, fallback or none). */
  @Get('customers/:externalId/collector')
  @Roles('collector', 'credit_manager')
  collector(@Param('externalId') externalId: string, @Query() query: EntityParamQuery, @CurrentPrincipal() principal: Principal) {
    return this.portfolios.customerCollector(query.entity, externalId, principal);
  }

  /** Assigns the customer explicitly (wins over every rule); its open tasks move to the new collector. */
  @Put('customers/:externalId/collector')
  @Roles('credit_manager')
  assign(@Param('externalId') externalId: string, @Body() dto: AssignCollectorDto, @CurrentPrincipal() principal: Principal) {
    return this.portfolios.assignCustomer(dto.entity, externalId, dto.collectorUserId, principal);
  }

  /** Removes the explicit assignment: the rules decide again (open tasks move to the collector they pick). */
  @Delete('customers/:externalId/collector')
  @Roles('credit_manager')
  unassign(@Param('externalId') externalId: string, @Query() query: EntityParamQuery) {
    return this.portfolios.unassignCustomer(query.entity, externalId);
  }
}
