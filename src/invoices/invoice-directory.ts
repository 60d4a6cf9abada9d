import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { Invoice, type InvoiceStatus } from './invoice.entity.js';

/** What other capabilities may know of one invoice. */
export interface InvoiceRecord {
  id: string;
  entityId: string;
  customerId: string;
  externalId: string;
  number: string;
  status: InvoiceStatus;
  workflowId: string;
  currency: string;
  amountMinor: bigint;
  openAmountMinor: bigint;
  issueDate: string;
  dueDate: string;
}

const RECORD = {
  id: true, entityId: true, customerId: true, externalId: true, number: true, status: true, workflowId: true,
  currency: true, amountMinor: true, openAmountMinor: true, issueDate: true, dueDate: true,
} as const;

const toRecord = (i: Invoice): InvoiceRecord => ({
  id: i.id, entityId: i.entityId, customerId: i.customerId, externalId: i.externalId, number: i.number, status: i.status,
  workflowId: i.workflowId, currency: i.currency, amountMinor: i.amountMinor, openAmountMinor: i.openAmountMinor,
  issueDate: i.issueDate, dueDate: i.dueDate,
});

/**
 * Invoice look-ups for other capabilities (messages, tasks, pauses, scenario previews), returning
 * plain records. Pass a transaction's manager (`db`) to read, or lock, inside it. Ids must be UUIDs.
 */
@Injectable()
export class InvoiceDirectory {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  exists(id: string, db: EntityManager = this.dataSource.manager): Promise<boolean> {
    return db.existsBy(Invoice, { id });
  }

  /** The invoice, if it exists (and belongs to `entityId` when given). */
  async find(id: string, scope: { entityId?: string } = {}, db: EntityManager = this.dataSource.manager): Promise<InvoiceRecord | null> {
    const found = await db.findOne(Invoice, { where: { id, ...(scope.entityId ? { entityId: scope.entityId } : {}) }, select: RECORD });
    return found && toRecord(found);
  }

  /** The invoices of these ids that exist, by id (one query). */
  async findMany(ids: readonly string[], db: EntityManager = this.dataSource.manager): Promise<Map<string, InvoiceRecord>> {
    if (ids.length === 0) return new Map();
    const rows = await db.find(Invoice, { where: { id: In([...new Set(ids)]) }, select: RECORD });
    return new Map(rows.map((i) => [i.id, toRecord(i)]));
  }

  /** Locks the invoice's row for the rest of the caller's transaction. */
  async lockForUpdate(db: EntityManager, id: string): Promise<InvoiceRecord | null> {
    const found = await db.findOne(Invoice, { where: { id }, lock: { mode: 'pessimistic_write' } });
    return found && toRecord(found);
  }

  /** The customer's open invoices, in id order. */
  async openOfCustomer(customerId: string, db: EntityManager = this.dataSource.manager): Promise<InvoiceRecord[]> {
    const rows = await db.find(Invoice, { where: { customerId, status: 'open' }, order: { id: 'ASC' }, select: RECORD });
    return rows.map(toRecord);
  }
}
