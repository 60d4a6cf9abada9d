import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { Roles } from '../auth/auth.tokens.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { WorklistQuery } from '../prediction/prediction.dto.js';
import { WorklistResponse } from './worklist.openapi.js';
import { WorklistService } from './worklist.service.js';

@Controller('api/v1')
export class WorklistController {
  constructor(@Inject(WorklistService) private readonly worklists: WorklistService) {}

  /**
   * The collector's day (`collector=me`): their customers ranked by risk × amount × predicted lateness
   * with the reasons, their open tasks in working order, and the open invoices by priority.
   */
  @Get('worklist')
  @Roles('collector', 'credit_manager')
  @ApiResponse({ status: 200, description: 'Customers ranked with their reasons, open tasks in working order, invoices by priority', type: WorklistResponse })
  worklist(@Query() query: WorklistQuery, @CurrentPrincipal() principal: Principal): Promise<WorklistResponse> {
    return this.worklists.worklist(query, principal);
  }
}
