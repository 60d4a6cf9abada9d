import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { CollectorTaskDraft } from '../../activities/scenario-ports.js';
import { Clock, systemClock } from '../clock/clock.js';
import { CollectorTask } from './collector-task.entity.js';

/** Collector tasks as other capabilities create, close and count them. */
@Injectable()
export class CollectorTaskRecords {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Optional() @Inject(Clock) private readonly clock: Clock = systemClock,
  ) {}

  /** Creates the task once per idempotency key; a repeat returns the existing one. */
  async create(task: CollectorTaskDraft): Promise<{ id: string; status: string }> {
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(CollectorTask)
      .values({ ...task, data: task.data as never, status: 'open' })
      .orIgnore()
      .updateEntity(false)
      .execute();
    const row = await this.dataSource.manager.findOneByOrFail(CollectorTask, { idempotencyKey: task.idempotencyKey });
    return { id: row.id, status: row.status };
  }

  /** Closes the open task of that key (cancelled when rejected or cancelled, else done); nothing when none is open. */
  async close(idempotencyKey: string, outcome: string): Promise<void> {
    await this.dataSource.manager.update(
      CollectorTask,
      { idempotencyKey, status: 'open' },
      { status: outcome === 'rejected' || outcome === 'cancelled' ? 'cancelled' : 'done', outcome, closedAt: this.clock.now() },
    );
  }

  /** Open tasks per invoice, for those of `invoiceIds` that have any (one query). */
  async openCountsByInvoice(invoiceIds: readonly string[]): Promise<Map<string, number>> {
    if (invoiceIds.length === 0) return new Map();
    const rows: { invoiceId: string; n: number }[] = await this.dataSource.query(
      `SELECT invoice_id AS "invoiceId", count(*)::int AS n FROM collector_tasks
        WHERE status = 'open' AND invoice_id = ANY($1::uuid[]) GROUP BY invoice_id`,
      [invoiceIds],
    );
    return new Map(rows.map((r) => [r.invoiceId, r.n]));
  }
}
