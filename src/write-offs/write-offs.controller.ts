import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { answerList } from '../common/lists/list-response.js';
import { Roles } from '../auth/auth.tokens.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { IdPipe } from '../common/uuid.js';
import { InvoiceParam } from '../invoices/invoice-ref.js';
import { RequestWriteOffDto, WriteOffDecisionDto } from './write-off.dto.js';
import { WriteOffsService } from './write-offs.service.js';
import { WriteOffListPageResponse, WriteOffResponse } from './write-off.openapi.js';
import { WriteOffListQuery } from './write-off-list.query.js';
import { WriteOffListService } from './write-off-list.service.js';
import type { WriteOffView } from './write-off.views.js';

@Controller('api/v1')
export class WriteOffsController {
  constructor(
    @Inject(WriteOffsService) private readonly writeOffs: WriteOffsService,
    @Inject(WriteOffListService) private readonly list: WriteOffListService,
  ) {}

  /** 201 when written off at once (up to the entity's threshold), 202 when waiting for a finance manager. */
  @Post('invoices/:id/write-off')
  @Roles('credit_manager')
  @ApiResponse({ status: 201, description: "Written off at once (up to the entity's threshold)", type: WriteOffResponse })
  @ApiResponse({ status: 202, description: "Waiting for a finance manager's decision", type: WriteOffResponse })
  async request(
    @InvoiceParam() invoiceId: string, @Body() dto: RequestWriteOffDto, @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<WriteOffView> {
    const { pending, view } = await this.writeOffs.request(invoiceId, dto, principal);
    res.status(pending ? HttpStatus.ACCEPTED : HttpStatus.CREATED);
    return view;
  }

  @Post('write-offs/:id/decision')
  @Roles('finance_manager', 'finance_director', 'cfo')
  @HttpCode(HttpStatus.OK)
  @ApiResponse({ status: 200, description: 'The write-off once the decision is taken', type: WriteOffResponse })
  decide(@Param('id', new IdPipe('Write-off')) id: string, @Body() dto: WriteOffDecisionDto, @CurrentPrincipal() principal: Principal): Promise<WriteOffView> {
    return this.writeOffs.decide(id, dto, principal);
  }

  /** Filtered (the approval queue: `status=pending_approval`; one invoice's: `invoice=`), cursor-paginated; CSV with `Accept: text/csv`. */
  @Get('write-offs')
  @ApiExtraModels(WriteOffListPageResponse)
  @ApiResponse({
    status: 200, description: 'A page of write-offs; with `Accept: text/csv`, every matching write-off (one row each)',
    content: { 'application/json': { schema: { $ref: getSchemaPath(WriteOffListPageResponse) } }, 'text/csv': { schema: { type: 'string' } } },
  })
  @Roles('credit_manager', 'collector', 'finance_manager', 'finance_director', 'cfo')
  async index(@Query() query: WriteOffListQuery, @Req() req: Request, @Res() res: Response): Promise<void> {
    await answerList(req, res, query, await this.list.source(query));
  }

  @Get('write-offs/:id')
  @Roles('credit_manager', 'collector', 'finance_manager', 'finance_director', 'cfo')
  @ApiResponse({ status: 200, description: 'The write-off', type: WriteOffResponse })
  get(@Param('id', new IdPipe('Write-off')) id: string): Promise<WriteOffView> {
    return this.writeOffs.get(id);
  }
}
