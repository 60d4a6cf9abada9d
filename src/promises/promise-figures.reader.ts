import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** Promises made in a period, per currency, as the KPIs report them. */
export interface PromiseFigures {
  currency: string;
  made: number;
  kept: number;
  keptLate: number;
  broken: number;
  open: number;
  /** Minor units promised by the promises made in the period. */
  promisedMinor: bigint;
  /** Minor units promised by those of them already judged (kept or broken). */
  judgedPromisedMinor: bigint;
  /** Minor units received toward those judged ones. */
  receivedMinor: bigint;
}

/**
 * What other capabilities may read of promises to pay, over this module's own
 * SQL (no dependency back on them): broken promises for the payment-behaviour
 * score, the promise figures for the KPIs.
 */
@Injectable()
export class PromiseFiguresReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Days each customer's promises were judged broken, from `since` (YYYY-MM-DD, exclusive) on. */
  async brokenOn(customerIds: readonly string[], since: string): Promise<Map<string, string[]>> {
    if (customerIds.length === 0) return new Map();
    const rows = (await this.dataSource.query(
      `SELECT customer_id AS "customerId", to_char(closed_on, 'YYYY-MM-DD') AS "brokenOn"
         FROM payment_promises
        WHERE customer_id = ANY($1::uuid[]) AND status = 'broken' AND closed_on > $2::date
        ORDER BY closed_on`,
      [customerIds, since],
    )) as { customerId: string; brokenOn: string }[];
    const by = new Map<string, string[]>();
    for (const r of rows) (by.get(r.customerId) ?? by.set(r.customerId, []).get(r.customerId)!).push(r.brokenOn);
    return by;
  }

  /** When promises were obtained on these invoices: one row per (promise, invoice it covers), for scenario effectiveness. */
  async madeOn(invoiceIds: readonly string[]): Promise<{ invoiceId: string; madeAt: Date }[]> {
    if (invoiceIds.length === 0) return [];
    return this.dataSource.query(
      `SELECT i.invoice_id AS "invoiceId", p.created_at AS "madeAt"
         FROM payment_promises p CROSS JOIN LATERAL unnest(p.invoice_ids) AS i(invoice_id)
        WHERE p.invoice_ids && $1::uuid[] AND i.invoice_id = ANY($1::uuid[])`,
      [invoiceIds],
    );
  }

  /** Promises created in [fromInstant, toInstant), optionally of one entity, per currency. */
  async figures(range: { from: Date; to: Date }, entityId: string | null): Promise<PromiseFigures[]> {
    const rows = (await this.dataSource.query(
      `SELECT currency,
              COUNT(*)::int AS made,
              COUNT(*) FILTER (WHERE status = 'kept')::int AS kept,
              COUNT(*) FILTER (WHERE status = 'kept' AND kept_late)::int AS "keptLate",
              COUNT(*) FILTER (WHERE status = 'broken')::int AS broken,
              COUNT(*) FILTER (WHERE status = 'open')::int AS open,
              COALESCE(SUM(amount_minor), 0)::text AS "promisedMinor",
              COALESCE(SUM(amount_minor) FILTER (WHERE status IN ('kept', 'broken')), 0)::text AS "judgedPromisedMinor",
              COALESCE(SUM(received_minor) FILTER (WHERE status IN ('kept', 'broken')), 0)::text AS "receivedMinor"
         FROM payment_promises
        WHERE created_at >= $1 AND created_at < $2 AND ($3::uuid IS NULL OR entity_id = $3::uuid)
        GROUP BY currency ORDER BY currency`,
      [range.from, range.to, entityId],
    )) as (Omit<PromiseFigures, 'promisedMinor' | 'judgedPromisedMinor' | 'receivedMinor'>
      & { promisedMinor: string; judgedPromisedMinor: string; receivedMinor: string })[];
    return rows.map((r) => ({
      ...r, promisedMinor: BigInt(r.promisedMinor), judgedPromisedMinor: BigInt(r.judgedPromisedMinor), receivedMinor: BigInt(r.receivedMinor),
    }));
  }
}
