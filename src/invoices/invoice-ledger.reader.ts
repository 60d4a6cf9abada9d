import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, MoreThan, type DataSource } from 'typeorm';
import { Invoice } from './invoice.entity.js';

/** What cash application needs to know of an invoice. */
export interface LedgerInvoiceRow {
  id: string;
  externalId: string;
  number: string;
  customerId: string;
  currency: string;
  openMinor: bigint;
  dueDate: string;
  status: string;
}

const COLUMNS = { id: true, externalId: true, number: true, customerId: true, currency: true, openAmountMinor: true, dueDate: true, status: true } as const;

/** Read side of the invoices for other modules (cash matching): open items and look-ups by ERP id. */
@Injectable()
export class InvoiceLedgerReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The entity's open invoices with something left to pay, in one currency when given. */
  async openInvoices(entityId: string, currency?: string): Promise<LedgerInvoiceRow[]> {
    const rows = await this.dataSource.manager.find(Invoice, {
      where: { entityId, status: 'open', openAmountMinor: MoreThan(0n) as never, ...(currency ? { currency } : {}) },
      select: COLUMNS,
    });
    return rows.map(toRow);
  }

  async byExternalIds(entityId: string, externalIds: readonly string[]): Promise<LedgerInvoiceRow[]> {
    if (externalIds.length === 0) return [];
    const rows = await this.dataSource.manager.find(Invoice, { where: { entityId, externalId: In([...externalIds]) }, select: COLUMNS });
    return rows.map(toRow);
  }

  async byIds(ids: readonly string[]): Promise<LedgerInvoiceRow[]> {
    if (ids.length === 0) return [];
    const rows = await this.dataSource.manager.find(Invoice, { where: { id: In([...ids]) }, select: COLUMNS });
    return rows.map(toRow);
  }
}

function toRow(i: Invoice): LedgerInvoiceRow {
  return {
    id: i.id, externalId: i.externalId, number: i.number, customerId: i.customerId, currency: i.currency,
    openMinor: i.openAmountMinor, dueDate: i.dueDate, status: i.status,
  };
}
