import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { TaskQueueBacklog } from './task-queue-backlog.js';

const READ_TIMEOUT_MS = 1000;

/**
 * Bulk endpoints keep accepting under backpressure (nothing an ERP sends is
 * dropped) but say so: `Retry-After` when Temporal's oldest waiting task is
 * older than RELANCE_BACKPRESSURE_AGE_SECONDS.
 */
@Injectable()
export class BackpressureHint {
  private readonly logger = new Logger(BackpressureHint.name);

  constructor(@Inject(TaskQueueBacklog) private readonly backlog: TaskQueueBacklog) {}

  async apply(res: Response): Promise<void> {
    try {
      const snapshot = await Promise.race([
        this.backlog.snapshot(),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), READ_TIMEOUT_MS).unref()),
      ]);
      if (snapshot.backpressure) res.setHeader('Retry-After', String(snapshot.thresholdSeconds));
    } catch (err) {
      // A hint: an unreadable backlog never fails the request.
      this.logger.warn(`task queue backlog unreadable: ${String(err)}`);
    }
  }
}
