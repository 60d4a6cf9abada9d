import {
  Body, Catch, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put, Query, Req, Res, UseFilters, type ArgumentsHost, type ExceptionFilter,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { RECEIVABLES_ROLES } from '../auth/need-to-know.js';
import { hasAnyRole } from '../auth/principal.js';
import { answerList } from '../common/lists/list-response.js';
import { DisputeListQuery } from './dispute-list.query.js';
import { DisputeListService } from './dispute-list.service.js';
import { Public, Roles } from '../auth/auth.tokens.js';
import { RateLimited } from '../http/rate-limit.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { DecisionLinksService, renderPage } from './decision-links.service.js';
import { DisputeRulesService } from './dispute-rules.service.js';
import { DisputeDecisionDto, DisputeInfoDto, DisputeRuleDto, DisputeStatsQuery, OpenDisputeDto } from './dispute.dto.js';
import { DisputesService } from './disputes.service.js';
import { DisputeInboxService } from './dispute-inbox.service.js';
import { IdPipe } from '../common/uuid.js';
import { NotFoundError } from '../common/errors.js';
import { FieldValidationError } from '../common/validation.js';
import { ApiBody, ApiConsumes, ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ApiHtmlPages } from '../openapi/decorators.js';
import {
  DisputeInboxItemResponse, DisputeListPageResponse, DisputeOpenedResponse, DisputeResponse, DisputeRuleResponse, DisputeStatsResponse,
} from './dispute.openapi.js';
import type { InboxItem } from './dispute-inbox.service.js';

@Controller('api/v1/disputes')
export class DisputesController {
  constructor(
    @Inject(DisputesService) private readonly disputes: DisputesService,
    @Inject(DisputeInboxService) private readonly inbox: DisputeInboxService,
    @Inject(DisputeListService) private readonly list: DisputeListService,
  ) {}

  /** Filtered, sorted, cursor-paginated; CSV with `Accept: text/csv`. Validators and finance managers see the disputes assigned to them. */
  @Get()
  @Roles('collector', 'credit_manager', 'dispute_validator', 'finance_manager')
  @ApiExtraModels(DisputeListPageResponse)
  @ApiResponse({
    status: 200, description: 'A page of disputes; with `Accept: text/csv`, every matching dispute (one row each)',
    content: { 'application/json': { schema: { $ref: getSchemaPath(DisputeListPageResponse) } }, 'text/csv': { schema: { type: 'string' } } },
  })
  async index(@Query() query: DisputeListQuery, @CurrentPrincipal() principal: Principal, @Req() req: Request, @Res() res: Response): Promise<void> {
    const assignedTo = hasAnyRole(principal, RECEIVABLES_ROLES) ? null : principal;
    await answerList(req, res, query, await this.list.source(query, assignedTo));
  }

  @Post()
  @Roles('collector', 'credit_manager', 'erp')
  @ApiResponse({ status: 201, description: 'Opened', type: DisputeOpenedResponse })
  @ApiResponse({ status: 200, description: 'Already opened with this externalId (retry)', type: DisputeOpenedResponse })
  async open(@Body() dto: OpenDisputeDto, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: Response): Promise<DisputeOpenedResponse> {
    const { id, status, created } = await this.disputes.openFromApi(dto, principal);
    // A retry with the same externalId gets the first dispute back: 200 instead of 201.
    res.status(created ? 201 : 200);
    return { id, status };
  }

  @Get('stats')
  @Roles('collector', 'credit_manager', 'dispute_validator', 'finance_manager')
  @ApiResponse({ status: 200, description: 'Open disputes by reason, resolution times, acceptance rate', type: DisputeStatsResponse })
  stats(@Query() query: DisputeStatsQuery): Promise<DisputeStatsResponse> {
    return this.disputes.stats(query.from, query.to, query.groupBy);
  }

  /** The caller's inbox: disputes in review assigned to them (validator group, manager, second level). */
  @Get('inbox')
  @Roles('dispute_validator', 'finance_manager')
  @ApiResponse({ status: 200, description: 'Disputes in review assigned to the caller, oldest first', type: [DisputeInboxItemResponse] })
  myInbox(@CurrentPrincipal() principal: Principal): Promise<InboxItem[]> {
    return this.inbox.inboxOf(principal);
  }

  /** Validators and finance managers read the disputes assigned to them, with their invoices. */
  @Get(':id')
  @Roles('collector', 'credit_manager', 'dispute_validator', 'finance_manager')
  @ApiResponse({ status: 200, description: 'The dispute, its invoices, assignees and history', type: DisputeResponse })
  get(@Param('id', new IdPipe('Dispute')) id: string, @CurrentPrincipal() principal: Principal): Promise<DisputeResponse> {
    return this.disputes.getFor(id, principal);
  }

  /** Deciders may try: the workflow refuses who is not assigned to the pending level (403). */
  @Post(':id/decisions')
  @Roles('dispute_validator', 'finance_manager')
  @HttpCode(200)
  @ApiResponse({ status: 200, description: 'The dispute after the decision', type: DisputeResponse })
  decide(@Param('id', new IdPipe('Dispute')) id: string, @Body() dto: DisputeDecisionDto, @CurrentPrincipal() principal: Principal): Promise<DisputeResponse> {
    return this.disputes.decideFromApi(id, dto, principal);
  }

  /** The answer to an information request (collector, ERP, later the customer portal). */
  @Post(':id/info')
  @Roles('collector', 'credit_manager', 'erp')
  @HttpCode(200)
  @ApiResponse({ status: 200, description: 'The dispute, back in review', type: DisputeResponse })
  info(@Param('id', new IdPipe('Dispute')) id: string, @Body() dto: DisputeInfoDto, @CurrentPrincipal() principal: Principal): Promise<DisputeResponse> {
    return this.disputes.answerInfo(id, dto.comment, principal);
  }
}

@Controller('api/v1/dispute-rules')
@Roles('credit_manager')
export class DisputeRulesController {
  constructor(@Inject(DisputeRulesService) private readonly rules: DisputeRulesService) {}

  @Post()
  @ApiResponse({ status: 201, description: 'The rule created', type: DisputeRuleResponse })
  create(@Body() dto: DisputeRuleDto): Promise<DisputeRuleResponse> {
    return this.rules.create(dto);
  }

  @Get()
  @ApiResponse({ status: 200, description: 'Every rule, oldest first', type: [DisputeRuleResponse] })
  list(): Promise<DisputeRuleResponse[]> {
    return this.rules.list();
  }

  @Get(':id')
  @ApiResponse({ status: 200, description: 'The rule', type: DisputeRuleResponse })
  get(@Param('id', new IdPipe('Dispute rule')) id: string): Promise<DisputeRuleResponse> {
    return this.rules.get(id);
  }

  @Put(':id')
  @ApiResponse({ status: 200, description: 'The rule as replaced', type: DisputeRuleResponse })
  replace(@Param('id', new IdPipe('Dispute rule')) id: string, @Body() dto: DisputeRuleDto): Promise<DisputeRuleResponse> {
    return this.rules.replace(id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id', new IdPipe('Dispute rule')) id: string): Promise<void> {
    await this.rules.remove(id);
  }
}

const LINK_PAGES = {
  400: 'The link was altered or matches no decision request',
  404: 'The dispute no longer exists',
  409: 'The link was already used',
  410: 'The link has expired',
};

/**
 * A refusal raised before a page handler runs (the input pipe: a NUL character in the comment or
 * the token) answers as a page too, like every other answer of these routes; nothing is recorded.
 * Other refusals (the rate limit's 429) keep the shared JSON error shape.
 */
@Catch(FieldValidationError, NotFoundError)
class LinkPageErrorFilter implements ExceptionFilter {
  catch(error: FieldValidationError | NotFoundError, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const lines = error instanceof FieldValidationError
      ? ['The comment cannot be recorded: it contains a character that is not allowed. Nothing was recorded.']
      : ['The link was altered or is incomplete. Nothing was recorded.'];
    const page = { status: error.httpStatus, title: error instanceof FieldValidationError ? 'This comment is not valid' : 'This link is not valid', lines };
    res.status(page.status).type('html').setHeader('Cache-Control', 'no-store').send(renderPage(page, ''));
  }
}

/** Decision links from the validators' email: a confirmation page, then the decision. */
@Controller('decisions')
@Public()
@RateLimited()
@UseFilters(LinkPageErrorFilter)
export class DecisionLinksController {
  constructor(@Inject(DecisionLinksService) private readonly links: DecisionLinksService) {}

  @Get(':token')
  @ApiHtmlPages({ ...LINK_PAGES, 200: 'The confirmation page' })
  async show(@Param('token') token: string, @Res() res: Response): Promise<void> {
    const page = await this.links.show(token);
    res.status(page.status).type('html').setHeader('Cache-Control', 'no-store').send(renderPage(page, token));
  }

  @Post(':token')
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({ schema: { type: 'object', properties: { comment: { type: 'string' } } } })
  @ApiHtmlPages({ ...LINK_PAGES, 200: 'The decision is recorded', 403: 'The validator can no longer decide' })
  async confirm(@Param('token') token: string, @Body() body: { comment?: unknown } | undefined, @Res() res: Response): Promise<void> {
    const comment = typeof body?.comment === 'string' ? body.comment : undefined;
    const page = await this.links.confirm(token, comment);
    res.status(page.status).type('html').setHeader('Cache-Control', 'no-store').send(renderPage(page, token));
  }
}
