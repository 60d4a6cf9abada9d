import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource } from 'typeorm';
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

  /**
   * The entity's open invoices with something left to pay, in one currency when given. Read as plain rows
   * (no entity hydration): cash matching reads the whole open ledger (100,000 invoices) per statement.
   */
  async openInvoices(entityId: string, currency?: string): Promise<LedgerInvoiceRow[]> {
    const rows: { id: string; external_id: string; number: string; customer_id: string; currency: string; open: string; due_date: string }[] = await this.dataSource.query(
      `SELECT id, external_id, number, customer_id, currency, open_amount_minor::text AS open, due_date::text AS due_date
         FROM invoices WHERE entity_id = $1 AND status = 'open' AND open_amount_minor > 0 ${currency ? 'AND currency = $2' : ''}`,
      currency ? [entityId, currency] : [entityId],
    );
    return rows.map((r) => ({
      id: r.id, externalId: r.external_id, number: r.number, customerId: r.customer_id, currency: r.currency, openMinor: BigInt(r.open), dueDate: r.due_date, status: 'open',
    }));
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
