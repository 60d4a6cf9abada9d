import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { formatAmount } from '../../workflows/domain/money.js';
import { LedgerService } from '../ledger/ledger.service.js';
import { appendInvoiceEvent } from './invoice-timeline.js';
import { Invoice } from './invoice.entity.js';
import { LEDGER_KIND, statusAfter, type OpenAmountChange } from './open-amount.js';

/**
 * Invoices' open amounts for the capabilities that change them (payments,
 * credit notes, dispute credits, write-offs, cancellations, ERP amendments):
 * reads, row locks and THE one writer of an open amount, changeOpenAmount,
 * inside the caller's transaction so the change commits with the caller's own
 * rows and with its receivables-ledger movement.
 */
@Injectable()
export class InvoiceBalances {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(LedgerService) private readonly ledger: LedgerService,
  ) {}

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
   * THE one function through which an invoice's open amount changes. `invoice`
   * must have been read with a pessimistic write lock inside `manager`'s
   * transaction. Sets the open amount (and status: paid at zero unless told),
   * bumps the version, records the receivables-ledger movement and the status
   * change on the timeline, and returns the invoice as it now is. The caller
   * tells the invoice's workflow after commit.
   */
  async changeOpenAmount(manager: EntityManager, invoice: Invoice, change: OpenAmountChange): Promise<Invoice> {
    if (change.openAmountMinor < 0n) {
      throw new Error(`Invoice ${invoice.id}: open amount ${formatAmount(change.openAmountMinor, invoice.currency)} below zero (${change.cause})`);
    }
    const status = statusAfter(invoice, change);
    const version = invoice.version + 1;
    await manager.update(Invoice, { id: invoice.id }, { ...change.alsoSet, openAmountMinor: change.openAmountMinor, status, version });
    await this.ledger.record(manager, [this.ledger.invoiceMovement(invoice, {
      kind: LEDGER_KIND[change.cause], amountMinor: change.openAmountMinor - invoice.openAmountMinor,
      date: change.ledger.date, sourceKey: change.ledger.key, sourceId: change.ledger.sourceId ?? null,
    })]);
    if (status !== invoice.status) {
      await appendInvoiceEvent(manager, invoice.id, {
        type: 'status_changed', dedupeKey: `status:${status}:${change.sourceKey}`,
        data: { from: invoice.status, to: status, cause: change.cause },
      });
    }
    return Object.assign(Object.create(Invoice.prototype) as Invoice, invoice, change.alsoSet, { openAmountMinor: change.openAmountMinor, status, version });
  }
}
