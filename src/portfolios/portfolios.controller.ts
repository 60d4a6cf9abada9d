import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { Roles } from '../auth/auth.tokens.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { IdPipe } from '../common/uuid.js';
import { FieldValidationError } from '../common/validation.js';
import { resolveCollectorParam } from './collector-scope.js';
import { AssignCollectorDto, CollectorRuleDto, EntityParamQuery, PortfolioQuery } from './portfolio.dto.js';
import { CustomerCollectorChangeResponse, CustomerCollectorResponse, PortfolioHolderResponse, PortfolioResponse } from './portfolio.openapi.js';
import { PortfolioService } from './portfolio.service.js';
import { CollectorRuleChangeResponse, CollectorRuleResponse } from './collector-rule.openapi.js';

/** Portfolio rules: which collector holds which customers. Credit managers edit them. */
@Controller('api/v1/collector-rules')
export class CollectorRulesController {
  constructor(@Inject(PortfolioService) private readonly portfolios: PortfolioService) {}

  /** Every rule, oldest first (the most specific matching rule wins; ties: the oldest). */
  @Get()
  @Roles('collector', 'credit_manager')
  @ApiResponse({ status: 200, description: 'Every rule, oldest first', type: [CollectorRuleResponse] })
  list(): Promise<CollectorRuleResponse[]> {
    return this.portfolios.listRules();
  }

  @Get(':id')
  @Roles('collector', 'credit_manager')
  @ApiResponse({ status: 200, description: 'The rule', type: CollectorRuleResponse })
  get(@Param('id', new IdPipe('Collector rule')) id: string): Promise<CollectorRuleResponse> {
    return this.portfolios.getRule(id);
  }

  /** Creates a rule; customers it now wins move to its collector with their open tasks (`tasksMoved`). */
  @Post()
  @Roles('credit_manager')
  @ApiResponse({ status: 201, description: 'The rule, and how many open tasks changed hands', type: CollectorRuleChangeResponse })
  create(@Body() dto: CollectorRuleDto): Promise<CollectorRuleChangeResponse> {
    return this.portfolios.createRule(dto);
  }

  @Put(':id')
  @Roles('credit_manager')
  @ApiResponse({ status: 200, description: 'The rule as replaced, and how many open tasks changed hands', type: CollectorRuleChangeResponse })
  replace(@Param('id', new IdPipe('Collector rule')) id: string, @Body() dto: CollectorRuleDto): Promise<CollectorRuleChangeResponse> {
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
  @ApiResponse({ status: 200, description: "The collector and their customers, by name, each with why it is theirs", type: PortfolioResponse })
  portfolio(@Query() query: PortfolioQuery, @CurrentPrincipal() principal: Principal) {
    const collector = resolveCollectorParam(principal, query.collector ?? 'me');
    if (!collector) throw new FieldValidationError([{ field: 'collector', messages: ['collector is required'] }]);
    return this.portfolios.portfolio(collector, query.entity);
  }

  /** Who may hold a portfolio: the choices a credit manager has when writing a rule or assigning a customer. */
  @Get('collectors')
  @Roles('credit_manager')
  @ApiResponse({ status: 200, description: 'Active users who can hold a portfolio (collectors, credit managers, admins), by name', type: [PortfolioHolderResponse] })
  collectors(): Promise<PortfolioHolderResponse[]> {
    return this.portfolios.holders();
  }

  /** Who holds the customer and why (explicit assignment, rule, fallback or none). */
  @Get('customers/:externalId/collector')
  @Roles('collector', 'credit_manager')
  @ApiResponse({ status: 200, description: 'Who holds the customer and why', type: CustomerCollectorResponse })
  collector(@Param('externalId') externalId: string, @Query() query: EntityParamQuery, @CurrentPrincipal() principal: Principal): Promise<CustomerCollectorResponse> {
    return this.portfolios.customerCollector(query.entity, externalId, principal);
  }

  /** Assigns the customer explicitly (wins over every rule); its open tasks move to the new collector. */
  @Put('customers/:externalId/collector')
  @Roles('credit_manager')
  @ApiResponse({ status: 200, description: 'Who holds the customer now, and how many open tasks moved', type: CustomerCollectorChangeResponse })
  assign(@Param('externalId') externalId: string, @Body() dto: AssignCollectorDto, @CurrentPrincipal() principal: Principal): Promise<CustomerCollectorChangeResponse> {
    return this.portfolios.assignCustomer(dto.entity, externalId, dto.collectorUserId, principal);
  }

  /** Removes the explicit assignment: the rules decide again (open tasks move to the collector they pick). */
  @Delete('customers/:externalId/collector')
  @Roles('credit_manager')
  @ApiResponse({ status: 200, description: 'Who holds the customer now the rules decide, and how many open tasks moved', type: CustomerCollectorChangeResponse })
  unassign(@Param('externalId') externalId: string, @Query() query: EntityParamQuery): Promise<CustomerCollectorChangeResponse> {
    return this.portfolios.unassignCustomer(query.entity, externalId);
  }
}
