import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import { ApiResponse, type SchemaObject } from '@nestjs/swagger';
import { Public } from '../auth/auth.tokens.js';
import { TemporalHealthProbe } from '../temporal/temporal-health.probe.js';
import { TaskQueueBacklog, type BacklogSnapshot } from '../temporal/task-queue-backlog.js';

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
    taskQueues: {
      description: 'Backlog of the live and bulk task queues (absent when Temporal does not answer). `backpressure`: the oldest waiting task is older than the configured age; bulk endpoints answer with Retry-After and imports slow down.',
      type: 'object',
      required: ['backpressure', 'oldestTaskAgeSeconds', 'thresholdSeconds', 'queues'],
      properties: {
        backpressure: { type: 'boolean' },
        oldestTaskAgeSeconds: { type: 'number' },
        thresholdSeconds: { type: 'integer' },
        queues: {
          type: 'array',
          items: {
            type: 'object',
            required: ['lane', 'taskQueue', 'backlog', 'oldestTaskAgeSeconds'],
            properties: {
              lane: { type: 'string', enum: ['live', 'bulk'] },
              taskQueue: { type: 'string' },
              backlog: { type: 'integer' },
              oldestTaskAgeSeconds: { type: 'number' },
            },
          },
        },
      },
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
    @Inject(TaskQueueBacklog) private readonly backlog: TaskQueueBacklog,
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
    const taskQueues = temporal === 'up' ? await this.taskQueues() : undefined;
    return { status: ok ? 'ok' : 'unavailable', checks: { database, temporal }, ...(taskQueues && { taskQueues }) };
  }

  /** A detail, never a failure: a backlog slows bulk work, it does not make the API unhealthy. */
  private async taskQueues(): Promise<BacklogSnapshot | undefined> {
    try {
      return await withTimeout(this.backlog.snapshot(), PROBE_TIMEOUT_MS);
    } catch {
      return undefined;
    }
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
