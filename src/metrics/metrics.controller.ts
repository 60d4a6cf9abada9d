import { Controller, Get, Header, Inject, Injectable, UnauthorizedException, UseGuards, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ApiExtension, ApiProduces, ApiResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../auth/auth.tokens.js';
import { AppConfig } from '../config/app-config.js';
import { ApiErrors } from '../openapi/decorators.js';
import { mayScrape } from './metrics-access.js';
import { metricsRegistry } from './registry.js';

/** The operator API keys, as the auth module was given them. */
export const METRICS_API_KEYS = Symbol('METRICS_API_KEYS');

/** `/metrics` passes the application's auth guard (@Public) and is guarded here instead: its own credential, see mayScrape. */
@Injectable()
export class MetricsAccessGuard implements CanActivate {
  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(METRICS_API_KEYS) private readonly apiKeys: readonly string[],
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    if (mayScrape(this.config, http.getRequest<Request>().headers.authorization, this.apiKeys)) return true;
    http.getResponse<Response>().setHeader('WWW-Authenticate', 'Bearer realm="relance-metrics"');
    throw new UnauthorizedException('Metrics need Authorization: Bearer <RELANCE_METRICS_TOKEN or the operator API key>');
  }
}

@Controller('metrics')
export class MetricsController {
  /**
   * The API's metrics in Prometheus' text format (docs/operations.md#metrics). Not a user route:
   * Prometheus scrapes it with RELANCE_METRICS_TOKEN (or the operator API key), or without a token
   * when RELANCE_METRICS_PUBLIC=true.
   */
  @Get()
  @Public()
  @UseGuards(MetricsAccessGuard)
  @Header('Cache-Control', 'no-store')
  @Header('Content-Type', metricsRegistry.contentType)
  @ApiProduces('text/plain')
  @ApiExtension('x-access', 'Bearer RELANCE_METRICS_TOKEN (what Prometheus is given) or the operator API key; no token at all only when RELANCE_METRICS_PUBLIC=true.')
  @ApiResponse({ status: 200, description: 'Prometheus text exposition format', content: { 'text/plain': { schema: { type: 'string' } } } })
  @ApiErrors({ 401: 'No RELANCE_METRICS_TOKEN or operator API key (and RELANCE_METRICS_PUBLIC is not true)' })
  scrape(): Promise<string> {
    return metricsRegistry.metrics();
  }
}
