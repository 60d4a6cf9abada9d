import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { CreditLimitRequestListPageResponse, CreditLimitRequestResponse } from './credit-limit-request.openapi.js';
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { answerList } from '../common/lists/list-response.js';
import { CreditLimitRequestListQuery } from './credit-limit-request-list.query.js';
import { CreditLimitRequestListService } from './credit-limit-request-list.service.js';
import { Roles } from '../auth/auth.tokens.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { salespersonScope } from '../auth/need-to-know.js';
import type { Principal } from '../auth/principal.js';
import { NotFoundError } from '../common/errors.js';
import { CustomersService } from '../customers/customers.service.js';
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
  constructor(
    @Inject(CreditLimitRequestsService) private readonly requests: CreditLimitRequestsService,
    @Inject(CustomersService) private readonly customers: CustomersService,
    @Inject(CreditLimitRequestListService) private readonly list: CreditLimitRequestListService,
  ) {}

  /** Filtered, sorted, cursor-paginated; CSV with `Accept: text/csv`. Salespeople see their own requests and those on their customers. */
  @Get()
  @Roles('credit_manager', 'finance_manager', 'finance_director', 'cfo', 'sales')
  @ApiExtraModels(CreditLimitRequestListPageResponse)
  @ApiResponse({
    status: 200, description: 'A page of requests; with `Accept: text/csv`, every matching request',
    content: { 'application/json': { schema: { $ref: getSchemaPath(CreditLimitRequestListPageResponse) } }, 'text/csv': { schema: { type: 'string' } } },
  })
  async index(@Query() query: CreditLimitRequestListQuery, @CurrentPrincipal() principal: Principal, @Req() req: Request, @Res() res: Response): Promise<void> {
    const salesperson = salespersonScope(principal, ['credit_manager', 'finance_manager', 'finance_director', 'cfo']);
    await answerList(req, res, query, await this.list.source(query, principal, salesperson));
  }

  @Post()
  @Roles('sales', 'credit_manager')
  @ApiResponse({ status: 201, description: 'The request, its approval workflow started', type: CreditLimitRequestResponse })
  create(@Body() dto: CreateCreditLimitRequestDto, @CurrentPrincipal() principal: Principal): Promise<CreditLimitRequestResponse> {
    return this.requests.create(dto, principal);
  }

  /** Salespeople read the requests they made and those on their own customers (others: 404). */
  @Get(':id')
  @Roles('credit_manager', 'finance_manager', 'finance_director', 'cfo', 'sales')
  @ApiResponse({ status: 200, description: 'The request, its approval chain, who may decide now, decisions and limits', type: CreditLimitRequestResponse })
  async get(@Param('id', new IdPipe('Credit limit request')) id: string, @CurrentPrincipal() principal: Principal): Promise<CreditLimitRequestResponse> {
    const view = await this.requests.get(id);
    const salesperson = salespersonScope(principal, ['credit_manager', 'finance_manager', 'finance_director', 'cfo']);
    if (salesperson !== null && view.requester.userId !== principal.userId
      && !(await this.customers.isSoldBy({ customerId: view.customer.id }, salesperson))) {
      throw new NotFoundError('Credit-limit request', id);
    }
    return view;
  }

  @Post(':id/decisions')
  @Roles('credit_manager', 'finance_manager', 'finance_director', 'cfo')
  @HttpCode(200)
  @ApiResponse({ status: 200, description: 'The request after the decision', type: CreditLimitRequestResponse })
  decide(@Param('id', new IdPipe('Credit limit request')) id: string, @Body() dto: CreditLimitDecisionDto, @CurrentPrincipal() principal: Principal): Promise<CreditLimitRequestResponse> {
    return this.requests.decide(id, dto, principal);
  }

  @Post(':id/sales-opinion')
  @Roles('sales')
  @HttpCode(200)
  @ApiResponse({ status: 200, description: 'The request with the opinion recorded', type: CreditLimitRequestResponse })
  salesOpinion(@Param('id', new IdPipe('Credit limit request')) id: string, @Body() dto: SalesOpinionDto, @CurrentPrincipal() principal: Principal): Promise<CreditLimitRequestResponse> {
    return this.requests.giveSalesOpinion(id, dto, principal);
  }
}
