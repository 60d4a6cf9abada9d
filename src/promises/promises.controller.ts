import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Roles } from '../auth/auth.tokens.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { answerList } from '../common/lists/list-response.js';
import { IdPipe } from '../common/uuid.js';
import { CreatePromiseDto, PromiseListQuery, PromiseStatsQuery } from './promise.dto.js';
import { PromiseListService } from './promise-list.service.js';
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
  @ApiResponse({ status: 201, description: 'Made; its workflow holds the invoices\' dunning' })
  @ApiResponse({ status: 200, description: 'Already made with this externalId (retry)' })
  async create(@Body() dto: CreatePromiseDto, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: Response) {
    const { id, status, created } = await this.promises.createFromApi(dto, principal);
    res.status(created ? 201 : 200);
    return { id, status };
  }

  /** Filtered (status, customer, entity, promised dates), sorted, cursor-paginated; CSV with `Accept: text/csv`. */
  @Get()
  @Roles('collector', 'credit_manager')
  async index(@Query() query: PromiseListQuery, @Req() req: Request, @Res() res: Response): Promise<void> {
    await answerList(req, res, query, await this.list.source(query));
  }

  /** Promises made between two days: made, kept (late), broken, open, kept rate, amount promised vs received, per currency. */
  @Get('stats')
  @Roles('collector', 'credit_manager')
  stats(@Query() query: PromiseStatsQuery) {
    return this.statsService.stats(query);
  }

  @Get(':id')
  @Roles('collector', 'credit_manager')
  get(@Param('id', new IdPipe('Promise')) id: string) {
    return this.promises.get(id);
  }
}
