import { Controller, Get, Inject, Query } from '@nestjs/common';
import { Roles } from '../auth/auth.tokens.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { ApiResponse } from '@nestjs/swagger';
import { AgedBalanceResponse, KpiReportResponse, KpiTrendResponse } from './reports.openapi.js';
import { AgedBalanceQuery, KpiQuery, KpiTrendQuery } from './reports.dto.js';
import { REPORT_FULL_ROLES, ReportsService } from './reports.service.js';

/** Aged balance and KPIs from the receivables ledger (docs/reports.md). `sales` sees its own customers only. */
@Controller('api/v1/reports')
@Roles(...REPORT_FULL_ROLES, 'sales')
export class ReportsController {
  constructor(@Inject(ReportsService) private readonly reports: ReportsService) {}

  @Get('aged-balance')
  @ApiResponse({ status: 200, description: 'Receivables by age bucket, total and groups', type: AgedBalanceResponse })
  agedBalance(@Query() query: AgedBalanceQuery, @CurrentPrincipal() principal: Principal): Promise<AgedBalanceResponse> {
    return this.reports.agedBalance(query, principal);
  }

  @Get('kpis')
  @ApiResponse({ status: 200, description: 'DSO, best possible DSO, ADD, CEI and the figures behind them over [from, to]', type: KpiReportResponse })
  kpis(@Query() query: KpiQuery, @CurrentPrincipal() principal: Principal): Promise<KpiReportResponse> {
    return this.reports.kpis(query, principal);
  }

  @Get('kpis/trend')
  @ApiResponse({ status: 200, description: 'The KPIs of each of the last complete months', type: KpiTrendResponse })
  trend(@Query() query: KpiTrendQuery, @CurrentPrincipal() principal: Principal): Promise<KpiTrendResponse> {
    return this.reports.trend(query, principal);
  }
}
