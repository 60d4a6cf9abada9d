import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Roles } from '../auth/auth.tokens.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { answerList } from '../common/lists/list-response.js';
import { IdPipe } from '../common/uuid.js';
import { CreatePromiseDto, PromiseListQuery, PromiseStatsQuery } from './promise.dto.js';
import { PromiseListService } from './promise-list.service.js';
import { PromiseListPageResponse, PromiseMadeResponse, PromiseResponse, PromiseStatsResponse } from './promise.openapi.js';
import { PromiseStatsService } from './promise-stats.service.js';
import { PromisesService } from './promises.service.js';

/**
 * Promises to pay: collectors and credit managers (who see every receivable) make and read them;
 * the customer portal will make its own through PromisesService.create.
 */
@Controller('api/v1/promises')
export class PromisesController {
  constructor(
    @Inject(PromisesService) private readonly promises: PromisesService,
    @Inject(PromiseListService) private readonly list: PromiseListService,
    @Inject(PromiseStatsService) private readonly statsService: PromiseStatsService,
  ) {}

  @Post()
  @Roles('collector', 'credit_manager')
  @ApiResponse({ status: 201, description: 'Made; its workflow holds the invoices\' dunning', type: PromiseMadeResponse })
  @ApiResponse({ status: 200, description: 'Already made with this externalId (retry)', type: PromiseMadeResponse })
  async create(@Body() dto: CreatePromiseDto, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: Response): Promise<PromiseMadeResponse> {
    const { id, status, created } = await this.promises.createFromApi(dto, principal);
    res.status(created ? 201 : 200);
    return { id, status };
  }

  /** Filtered (status, customer, entity, promised dates), sorted, cursor-paginated; CSV with `Accept: text/csv`. */
  @Get()
  @Roles('collector', 'credit_manager')
  @ApiExtraModels(PromiseListPageResponse)
  @ApiResponse({
    status: 200, description: 'A page of promises; with `Accept: text/csv`, every matching promise (one row each)',
    content: { 'application/json': { schema: { $ref: getSchemaPath(PromiseListPageResponse) } }, 'text/csv': { schema: { type: 'string' } } },
  })
  async index(@Query() query: PromiseListQuery, @Req() req: Request, @Res() res: Response): Promise<void> {
    await answerList(req, res, query, await this.list.source(query));
  }

  /** Promises made between two days: made, kept (late), broken, open, kept rate, amount promised vs received, per currency. */
  @Get('stats')
  @Roles('collector', 'credit_manager')
  @ApiResponse({ status: 200, description: 'Per currency: made, kept, broken, open, kept rate, promised vs received', type: PromiseStatsResponse })
  stats(@Query() query: PromiseStatsQuery): Promise<PromiseStatsResponse> {
    return this.statsService.stats(query);
  }

  @Get(':id')
  @Roles('collector', 'credit_manager')
  @ApiResponse({ status: 200, description: 'The promise, with what was received toward it', type: PromiseResponse })
  get(@Param('id', new IdPipe('Promise')) id: string): Promise<PromiseResponse> {
    return this.promises.get(id);
  }
}
