import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { Invoice, type InvoiceStatus } from './invoice.entity.js';

/**
 * Invoices' open amounts for the capabilities that settle them (payments,
 * dispute credit notes): reads, row locks and balance changes, inside the
 * caller's transaction so the change commits with the caller's own rows.
 * The caller records the change on the invoice's timeline (appendInvoiceEvent).
 */
@Injectable()
export class InvoiceBalances {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async byIds(ids: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<Invoice[]> {
    return ids.length === 0 ? [] : manager.findBy(Invoice, { id: In([...ids]) });
  }

  /** Locks the invoices in id order (concurrent callers never deadlock). */
  async lockByIds(manager: EntityManager, ids: readonly string[]): Promise<Invoice[]> {
    if (ids.length === 0) return [];
    return manager.find(Invoice, { where: { id: In([...ids]) }, order: { id: 'ASC' }, lock: { mode: 'pessimistic_write' } });
  }

  /** Locks an entity's invoices given by their ERP ids, in id order; unknown ids are absent. */
  async lockByExternalIds(manager: EntityManager, entityId: string, externalIds: readonly string[]): Promise<Invoice[]> {
    if (externalIds.length === 0) return [];
    return manager.find(Invoice, {
      where: { entityId, externalId: In([...externalIds]) }, order: { id: 'ASC' }, lock: { mode: 'pessimistic_write' },
    });
  }

  /** ERP ids of invoices, by id. */
  async externalIds(ids: readonly string[]): Promise<Map<string, string>> {
    const rows = ids.length === 0
      ? []
      : await this.dataSource.manager.find(Invoice, { select: { id: true, externalId: true }, where: { id: In([...ids]) } });
    return new Map(rows.map((r) => [r.id, r.externalId]));
  }

  /**
   * Sets a locked invoice's open amount (paid at zero) and bumps its version;
   * answers the invoice as it now stands.
   */
  async setOpenAmount(manager: EntityManager, invoice: Invoice, openAmountMinor: bigint): Promise<Invoice> {
    const status: InvoiceStatus = openAmountMinor === 0n ? 'paid' : invoice.status;
    await manager.update(Invoice, { id: invoice.id }, { openAmountMinor, status, version: invoice.version + 1 });
    return Object.assign(Object.create(Invoice.prototype) as Invoice, invoice, { openAmountMinor, status, version: invoice.version + 1 });
  }
}
