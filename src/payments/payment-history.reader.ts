import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/**
 * When invoices were paid, for the credit capability's payment-behaviour
 * score: set-based reads of `payments` and `payment_allocations` (owned here).
 */
@Injectable()
export class PaymentHistoryReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The latest receipt allocated to each of `invoiceIds`, for the invoices
   * whose latest receipt is less than `window.months` months before `window.now`
   * (the others are absent).
   */
  async lastReceipts(invoiceIds: readonly string[], window: { now: Date; months: number }): Promise<Map<string, Date>> {
    if (invoiceIds.length === 0) return new Map();
    const rows = (await this.dataSource.query(
      `SELECT a.invoice_id AS "invoiceId", MAX(p.received_at) AS "receivedAt"
         FROM payment_allocations a JOIN payments p ON p.id = a.payment_id
        WHERE a.invoice_id = ANY($1::uuid[])
        GROUP BY a.invoice_id
       HAVING MAX(p.received_at) > $2::timestamptz - make_interval(months => $3::int)`,
      [[...invoiceIds], window.now, window.months],
    )) as { invoiceId: string; receivedAt: Date }[];
    return new Map(rows.map((r) => [r.invoiceId, r.receivedAt]));
  }
}
