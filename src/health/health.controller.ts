import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import { ApiResponse, type SchemaObject } from '@nestjs/swagger';
import { Public } from '../auth/auth.tokens.js';
import { TemporalHealthProbe } from '../temporal/temporal-health.probe.js';

type Check = 'up' | 'down';

const HEALTH_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['status', 'checks'],
  properties: {
    status: { type: 'string', enum: ['ok', 'unavailable'] },
    checks: {
      type: 'object',
      required: ['database', 'temporal'],
      properties: { database: { type: 'string', enum: ['up', 'down'] }, temporal: { type: 'string', enum: ['up', 'down'] } },
    },
  },
};

const PROBE_TIMEOUT_MS = 2000;

const withTimeout = <T>(p: Promise<T>, ms: number): Promise<T> =>
  Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);

@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(TemporalHealthProbe) private readonly temporal: TemporalHealthProbe,
  ) {}

  /** 200 only when PostgreSQL and Temporal both answer. */
  @Public()
  @Get()
  @ApiResponse({ status: 200, description: 'PostgreSQL and Temporal answer', schema: HEALTH_SCHEMA })
  @ApiResponse({ status: 503, description: 'PostgreSQL or Temporal does not answer', schema: HEALTH_SCHEMA })
  async check(@Res({ passthrough: true }) res: Response) {
    const [database, temporal] = await Promise.all([
      this.probe(() => this.dataSource.query('SELECT 1')),
      this.probe(() => this.temporal.check(PROBE_TIMEOUT_MS)),
    ]);
    const ok = database === 'up' && temporal === 'up';
    res.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: ok ? 'ok' : 'unavailable', checks: { database, temporal } };
  }

  private async probe(call: () => Promise<unknown>): Promise<Check> {
    try {
      await withTimeout(call(), PROBE_TIMEOUT_MS);
      return 'up';
    } catch {
      return 'down';
    }
  }
}
