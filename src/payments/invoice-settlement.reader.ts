import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** How much of an invoice payments settled, and when the last of them arrived. */
export interface InvoiceSettlement {
  invoiceId: string;
  /** Minor units allocated to the invoice, as a decimal string. */
  allocatedMinor: string;
  /** The civil date, in `timeZone`, of the latest payment allocated to the invoice (YYYY-MM-DD). */
  lastPaymentDate: string;
}

/** Payment allocations summed per invoice, for the capabilities that learn from how invoices were paid. */
@Injectable()
export class InvoiceSettlementReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One row per invoice of `invoiceIds` that has allocations (one query, whatever their number). */
  settlements(invoiceIds: readonly string[], timeZone: string): Promise<InvoiceSettlement[]> {
    if (invoiceIds.length === 0) return Promise.resolve([]);
    return this.dataSource.query(
      `SELECT a.invoice_id AS "invoiceId", SUM(a.amount_minor)::text AS "allocatedMinor",
              to_char((MAX(p.received_at) AT TIME ZONE $2)::date, 'YYYY-MM-DD') AS "lastPaymentDate"
         FROM payment_allocations a
         JOIN payments p ON p.id = a.payment_id
        WHERE a.invoice_id = ANY($1::uuid[])
        GROUP BY a.invoice_id`,
      [invoiceIds, timeZone],
    );
  }

  /**
   * Minor units allocated to `invoiceIds` by payments received at or after `since` (a promise to pay
   * counts what came in once it was made).
   */
  async receivedSince(invoiceIds: readonly string[], since: Date): Promise<bigint> {
    if (invoiceIds.length === 0) return 0n;
    const rows = (await this.dataSource.query(
      `SELECT COALESCE(SUM(a.amount_minor), 0)::text AS "receivedMinor"
         FROM payment_allocations a
         JOIN payments p ON p.id = a.payment_id
        WHERE a.invoice_id = ANY($1::uuid[]) AND p.received_at >= $2`,
      [invoiceIds, since],
    )) as { receivedMinor: string }[];
    return BigInt(rows[0]?.receivedMinor ?? '0');
  }
}
