import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import type { TaskTitle } from '../../activities/task-titles.js';
import { CollectorTask } from './collector-task.entity.js';

export interface CustomerTaskInput extends TaskTitle {
  /** A second call with the same key changes nothing. */
  idempotencyKey: string;
  kind: CollectorTask['kind'];
  customerId: string;
  /** The invoice the task is about, when there is one. */
  invoiceId?: string | null;
  step: string;
  dueAt: Date;
  data: Record<string, unknown>;
}

/** Collector tasks raised by other capabilities (the credit alerts), in the caller's transaction when given one. */
@Injectable()
export class CollectorTaskWriter {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** An open task about a customer (and an invoice when given); idempotent on its key. */
  async openCustomerTask(task: CustomerTaskInput, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.createQueryBuilder().insert().into(CollectorTask).values({
      idempotencyKey: task.idempotencyKey, kind: task.kind, status: 'open', invoiceId: task.invoiceId ?? null, customerId: task.customerId,
      step: task.step, title: task.title.slice(0, 300), titleCode: task.titleCode, titleParams: task.titleParams, dueAt: task.dueAt, data: task.data,
    } as QueryDeepPartialEntity<CollectorTask>).orIgnore().updateEntity(false).execute();
  }
}
