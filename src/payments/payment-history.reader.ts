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
   * The day (in the invoice's time zone, YYYY-MM-DD) of the latest receipt
   * allocated to each invoice, for the invoices whose latest receipt is less
   * than `window.months` months before `window.now` (the others are absent).
   */
  async lastReceiptDates(
    invoices: readonly { id: string; timeZone: string }[], window: { now: Date; months: number },
  ): Promise<Map<string, string>> {
    if (invoices.length === 0) return new Map();
    const rows = (await this.dataSource.query(
      `SELECT v.invoice_id AS "invoiceId", to_char((MAX(p.received_at) AT TIME ZONE v.tz)::date, 'YYYY-MM-DD') AS "paidDate"
         FROM unnest($1::uuid[], $2::text[]) AS v(invoice_id, tz)
         JOIN payment_allocations a ON a.invoice_id = v.invoice_id
         JOIN payments p ON p.id = a.payment_id
        GROUP BY v.invoice_id, v.tz
       HAVING MAX(p.received_at) > $3::timestamptz - make_interval(months => $4::int)`,
      [invoices.map((i) => i.id), invoices.map((i) => i.timeZone), window.now, window.months],
    )) as { invoiceId: string; paidDate: string }[];
    return new Map(rows.map((r) => [r.invoiceId, r.paidDate]));
  }
}
