import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { CustomerDisputeFigures, CustomerDisputesPort } from './customer-disputes.port.js';

/** Statuses of a dispute still under way (workflows/domain/dispute-rules.ts). */
const OPEN_STATUSES = ['open', 'in_review', 'info_requested'];
/** While the table is missing (the disputes capability not migrated yet), look again at most this often. */
const ABSENT_RECHECK_MS = 60_000;

/**
 * Customers' disputes read straight from the disputes capability's table
 * (`disputes`: customer_id, status, currency, amount_minor, invoices jsonb
 * `[{ invoiceId, amountMinor }]`). A database without that table (or with
 * another shape) has no disputes: the order check and the scores go on
 * without them, and the error is logged once.
 */
export class SqlCustomerDisputes implements CustomerDisputesPort {
  private readonly logger = new Logger(SqlCustomerDisputes.name);
  private present: { value: boolean; at: number } | null = null;
  private failureLogged = false;

  constructor(
    private readonly dataSource: DataSource,
    /** Qualified table name; tests point it at a scratch schema. */
    private readonly table = 'disputes',
  ) {}

  async figures(customerIds: readonly string[], currency: string | null): Promise<Map<string, CustomerDisputeFigures>> {
    const result = new Map<string, CustomerDisputeFigures>();
    if (customerIds.length === 0 || !(await this.tablePresent())) return result;
    let rows: { customerId: string; openAmount: string; openCount: number; invoiceIds: string[] | null }[];
    try {
      rows = (await this.dataSource.query(
        `SELECT d.customer_id AS "customerId",
                COALESCE(SUM(d.amount_minor) FILTER (WHERE d.status = ANY($2::text[]) AND ($3::text IS NULL OR d.currency = $3)), 0)::text AS "openAmount",
                COUNT(*) FILTER (WHERE d.status = ANY($2::text[]))::int AS "openCount",
                array_remove(array_agg(DISTINCT s.invoice_id), NULL) AS "invoiceIds"
           FROM ${this.table} d
           LEFT JOIN LATERAL (SELECT e->>'invoiceId' AS invoice_id FROM jsonb_array_elements(d.invoices) e) s ON true
          WHERE d.customer_id = ANY($1::uuid[])
          GROUP BY d.customer_id`,
        [customerIds, OPEN_STATUSES, currency],
      )) as typeof rows;
    } catch (err) {
      if (!this.failureLogged) this.logger.error(`Reading disputes failed, counted as none: ${(err as Error).message}`);
      this.failureLogged = true;
      return result;
    }
    for (const r of rows) {
      result.set(r.customerId, {
        openAmountMinor: BigInt(r.openAmount), openCount: r.openCount, disputedInvoiceIds: new Set(r.invoiceIds ?? []),
      });
    }
    return result;
  }

  private async tablePresent(): Promise<boolean> {
    if (this.present?.value) return true;
    if (this.present && Date.now() - this.present.at < ABSENT_RECHECK_MS) return false;
    const [row] = (await this.dataSource.query(`SELECT to_regclass($1) IS NOT NULL AS present`, [this.table])) as { present: boolean }[];
    this.present = { value: row?.present === true, at: Date.now() };
    return this.present.value;
  }
}
