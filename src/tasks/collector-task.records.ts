import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource } from 'typeorm';
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

  /**
   * A customer changed collector: its open tasks assigned to `fromUserId` go to `toUserId` (null: back to
   * following the portfolio). Tasks with no assignee follow the portfolio already. Returns how many moved.
   */
  async moveOpenTasks(customerIds: readonly string[], fromUserId: string, toUserId: string | null): Promise<number> {
    if (customerIds.length === 0) return 0;
    const result = await this.dataSource.manager.update(
      CollectorTask,
      { customerId: In([...customerIds]), status: 'open', assigneeUserId: fromUserId },
      { assigneeUserId: toUserId },
    );
    return result.affected ?? 0;
  }

  /** Open tasks per customer that follow the portfolio (no assignee of their own). */
  async followingCountsByCustomer(customerIds: readonly string[]): Promise<Map<string, number>> {
    if (customerIds.length === 0) return new Map();
    const rows: { customerId: string; n: number }[] = await this.dataSource.query(
      `SELECT customer_id AS "customerId", count(*)::int AS n FROM collector_tasks
        WHERE status = 'open' AND assignee_user_id IS NULL AND customer_id = ANY($1::uuid[]) GROUP BY customer_id`,
      [[...customerIds]],
    );
    return new Map(rows.map((r) => [r.customerId, r.n]));
  }

  /** Open tasks of these customers, or assigned to `assigneeUserId` (the worklist's tasks). */
  async openTasks(scope: { customerIds: readonly string[]; assigneeUserId: string | null }): Promise<OpenTaskRow[]> {
    const rows = await this.dataSource.manager.createQueryBuilder(CollectorTask, 't')
      .where("t.status = 'open'")
      .andWhere(scope.assigneeUserId
        ? '((t.assignee_user_id IS NULL AND t.customer_id = ANY(CAST(:customerIds AS uuid[]))) OR t.assignee_user_id = :assignee)'
        : 't.customer_id = ANY(CAST(:customerIds AS uuid[]))', { customerIds: [...scope.customerIds], assignee: scope.assigneeUserId })
      .orderBy('t.due_at').addOrderBy('t.id')
      .getMany();
    return rows.map((t) => ({
      id: t.id, kind: t.kind, status: t.status, title: t.title, titleCode: t.titleCode, titleParams: t.titleParams, customerId: t.customerId, invoiceId: t.invoiceId,
      assigneeUserId: t.assigneeUserId, dueAt: t.dueAt, snoozedUntil: t.snoozedUntil,
    }));
  }

  /** Closed tasks of the customer that carry an outcome a collector gave (calls logged, tasks completed), for its timeline. */
  async closedByCollectors(customerId: string): Promise<ClosedTaskRow[]> {
    const rows = await this.dataSource.manager.createQueryBuilder(CollectorTask, 't')
      .where('t.customer_id = :customerId', { customerId })
      .andWhere("t.status <> 'open'").andWhere('t.closed_by IS NOT NULL')
      .orderBy('t.closed_at', 'DESC').limit(1000)
      .getMany();
    return rows.map((t) => ({
      id: t.id, kind: t.kind, title: t.title, invoiceId: t.invoiceId, outcome: t.outcome, note: t.note, closedBy: t.closedBy!,
      closedAt: t.closedAt ?? t.createdAt, data: t.data,
    }));
  }
}

export interface OpenTaskRow {
  id: string;
  kind: string;
  status: string;
  title: string;
  titleCode: string | null;
  titleParams: Record<string, string | number> | null;
  customerId: string;
  invoiceId: string | null;
  assigneeUserId: string | null;
  dueAt: Date;
  snoozedUntil: Date | null;
}

export interface ClosedTaskRow {
  id: string;
  kind: string;
  title: string;
  invoiceId: string | null;
  outcome: string | null;
  note: string | null;
  closedBy: string;
  closedAt: Date;
  data: Record<string, unknown>;
}
