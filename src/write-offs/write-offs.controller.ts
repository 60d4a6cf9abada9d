import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Roles } from '../auth/auth.tokens.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { IdPipe } from '../common/uuid.js';
import { InvoiceParam } from '../invoices/invoice-ref.js';
import { RequestWriteOffDto, WriteOffDecisionDto } from './write-off.dto.js';
import { WriteOffsService } from './write-offs.service.js';
import type { WriteOffView } from './write-off.views.js';

@Controller('api/v1')
export class WriteOffsController {
  constructor(@Inject(WriteOffsService) private readonly writeOffs: WriteOffsService) {}

  /** 201 when written off at once (up to the entity's threshold), 202 when waiting for a finance manager. */
  @Post('invoices/:id/write-off')
  @Roles('credit_manager')
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
  decide(@Param('id', new IdPipe('Write-off')) id: string, @Body() dto: WriteOffDecisionDto, @CurrentPrincipal() principal: Principal): Promise<WriteOffView> {
    return this.writeOffs.decide(id, dto, principal);
  }

  @Get('write-offs/:id')
  @Roles('credit_manager', 'collector', 'finance_manager', 'finance_director', 'cfo')
  get(@Param('id', new IdPipe('Write-off')) id: string): Promise<WriteOffView> {
    return this.writeOffs.get(id);
  }
}
