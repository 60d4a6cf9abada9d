import { Controller, Get, Inject, Query } from '@nestjs/common';
import { Roles } from '../auth/auth.tokens.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { AgedBalanceQuery, KpiQuery, KpiTrendQuery } from './reports.dto.js';
import { REPORT_FULL_ROLES, ReportsService } from './reports.service.js';

/** Aged balance and KPIs from the receivables ledger (docs/reports.md). `sales` sees its own customers only. */
@Controller('api/v1/reports')
@Roles(...REPORT_FULL_ROLES, 'sales')
export class ReportsController {
  constructor(@Inject(ReportsService) private readonly reports: ReportsService) {}

  @Get('aged-balance')
  agedBalance(@Query() query: AgedBalanceQuery, @CurrentPrincipal() principal: Principal) {
    return this.reports.agedBalance(query, principal);
  }

  @Get('kpis')
  kpis(@Query() query: KpiQuery, @CurrentPrincipal() principal: Principal) {
    return this.reports.kpis(query, principal);
  }

  @Get('kpis/trend')
  trend(@Query() query: KpiTrendQuery, @CurrentPrincipal() principal: Principal) {
    return this.reports.trend(query, principal);
  }
}
