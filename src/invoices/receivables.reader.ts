import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** A customer's open invoices in one currency: their open total and the oldest due date. */
export interface OpenReceivablesTotal {
  customerId: string;
  currency: string;
  openAmountMinor: bigint;
  oldestDueDate: string;
}

export interface OpenInvoiceRow {
  id: string;
  customerId: string;
  openAmountMinor: bigint;
  currency: string;
  dueDate: string;
}

export interface PaidInvoiceRow {
  id: string;
  customerId: string;
  entityId: string;
  amountMinor: bigint;
  currency: string;
  issueDate: string;
  dueDate: string;
}

/**
 * Customers' receivables for the credit capability (exposure, order check,
 * scores): set-based reads of `invoices`, which the invoices capability owns.
 */
@Injectable()
export class ReceivablesReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Open totals per customer and currency (customers without open invoices are absent). */
  async openTotals(customerIds: readonly string[]): Promise<OpenReceivablesTotal[]> {
    if (customerIds.length === 0) return [];
    const rows = (await this.dataSource.query(
      `SELECT customer_id AS "customerId", currency, SUM(open_amount_minor)::text AS "openAmountMinor",
              to_char(MIN(due_date), 'YYYY-MM-DD') AS "oldestDueDate"
         FROM invoices WHERE customer_id = ANY($1::uuid[]) AND status = 'open' GROUP BY customer_id, currency`,
      [[...customerIds]],
    )) as (Omit<OpenReceivablesTotal, 'openAmountMinor'> & { openAmountMinor: string })[];
    return rows.map((r) => ({ ...r, openAmountMinor: BigInt(r.openAmountMinor) }));
  }

  async openInvoices(customerIds: readonly string[]): Promise<OpenInvoiceRow[]> {
    if (customerIds.length === 0) return [];
    const rows = (await this.dataSource.query(
      `SELECT id, customer_id AS "customerId", open_amount_minor::text AS "openAmountMinor", currency,
              to_char(due_date, 'YYYY-MM-DD') AS "dueDate"
         FROM invoices WHERE customer_id = ANY($1::uuid[]) AND status = 'open'`,
      [[...customerIds]],
    )) as (Omit<OpenInvoiceRow, 'openAmountMinor'> & { openAmountMinor: string })[];
    return rows.map((r) => ({ ...r, openAmountMinor: BigInt(r.openAmountMinor) }));
  }

  /** The customers' paid invoices (the payments capability knows when each was paid). */
  async paidInvoices(customerIds: readonly string[]): Promise<PaidInvoiceRow[]> {
    if (customerIds.length === 0) return [];
    const rows = (await this.dataSource.query(
      `SELECT id, customer_id AS "customerId", entity_id AS "entityId", amount_minor::text AS "amountMinor", currency,
              to_char(issue_date, 'YYYY-MM-DD') AS "issueDate", to_char(due_date, 'YYYY-MM-DD') AS "dueDate"
         FROM invoices WHERE customer_id = ANY($1::uuid[]) AND status = 'paid'`,
      [[...customerIds]],
    )) as (Omit<PaidInvoiceRow, 'amountMinor'> & { amountMinor: string })[];
    return rows.map((r) => ({ ...r, amountMinor: BigInt(r.amountMinor) }));
  }
}
