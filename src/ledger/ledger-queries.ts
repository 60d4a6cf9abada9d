import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '../clock/clock.js';

export type AgingBasis = 'due' | 'issue';

/** Which part of the ledger a report reads. */
export interface LedgerScope {
  currency: string;
  entityId?: string | null;
  /** Only these customers (a salesperson's); undefined: all. */
  customerIds?: readonly string[];
}

/** Open amounts per aging bucket: b0 current (not yet due), b1 1–30, b2 31–60, b3 61–90, b4 91–120, b5 over 120 days. */
export interface BucketSums {
  b0: bigint; b1: bigint; b2: bigint; b3: bigint; b4: bigint; b5: bigint;
}

/**
 * One customer's (and entity's) open amounts per bucket, integer minor units
 * as decimal text: a report reads one per customer, 10,000 and more, so no
 * bigint is made per row.
 */
export interface AgedCustomerRow {
  customerId: string;
  entityId: string;
  b0: string; b1: string; b2: string; b3: string; b4: string; b5: string;
  total: string;
}

/** The rows with something open, largest total first (then by customer id), and their sums. */
export interface AgedCustomerRows {
  totals: BucketSums;
  rows: AgedCustomerRow[];
}

/** Which page of customer groups to read, and the customers that are groups even at zero (unapplied cash). */
export interface AgedPageRequest {
  limit: number;
  offset: number;
  extra: readonly { customerId: string; entityId: string }[];
}

/** One page of customer groups, the sums over all groups, and how many groups there are. */
export interface AgedCustomerPage extends AgedCustomerRows {
  groupCount: number;
}

export interface PeriodFlows {
  invoiced: bigint;
  creditNotes: bigint;
  adjustments: bigint;
  cancellations: bigint;
  writeOffs: bigint;
  payments: bigint;
}

/** An invoice at zero: since when, and whether it was paid (false) or cancelled / written off (true). */
export interface DocumentSettlement {
  documentId: string;
  /** YYYY-MM-DD. */
  settledOn: string;
  closedOtherwise: boolean;
}

/** Cash received on an invoice on one day, minor units. */
export interface DocumentPayment {
  documentId: string;
  /** YYYY-MM-DD. */
  date: string;
  amountMinor: bigint;
}

const ZERO_BUCKETS: BucketSums = { b0: 0n, b1: 0n, b2: 0n, b3: 0n, b4: 0n, b5: 0n };

/**
 * SQL reads of the ledger for reports. The balance at a date is a sum of the
 * movements effective on or before it; it is computed from whichever side is
 * shorter: forward from the first movement, or back from today's open
 * amounts minus the movements effective after the date.
 */
@Injectable()
export class LedgerQueries {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /**
   * Today's aged balance (basis due) per customer from the kept day: the first
   * read of a day materializes it from today's open amounts; every movement
   * recorded afterwards updates it (LedgerService.record). The day's marker is
   * read in the same statement as its rows, so both come from one snapshot.
   */
  async agedByCustomerToday(scope: LedgerScope, today: string): Promise<AgedCustomerRows> {
    return this.fromSource(scope, today, 'due', today, (s) => this.agedRows(s));
  }

  /** Open amounts per customer and bucket at the end of `asOf`, computed from the ledger. */
  async agedByCustomer(scope: LedgerScope, asOf: string, basis: AgingBasis, today: string): Promise<AgedCustomerRows> {
    return this.fromSource(scope, asOf, basis, today, (s) => this.agedRows(s), false);
  }

  /** Open amounts per customer and bucket at the end of `asOf`: the kept day when asked for today, basis due. */
  async agedCustomerRows(scope: LedgerScope, asOf: string, basis: AgingBasis, today: string): Promise<AgedCustomerRows> {
    return this.fromSource(scope, asOf, basis, today, (s) => this.agedRows(s));
  }

  /**
   * One page of the aged balance per customer (and entity) at the end of `asOf`, and the sums and
   * number of the groups over all of them. Groups are the customers with something open plus the
   * `extra` ones (customers with unapplied cash, at zero if nothing is open); largest total first,
   * then by customer id: a stable order to page through. Only the page's rows leave the database.
   */
  async agedCustomerPage(scope: LedgerScope, asOf: string, basis: AgingBasis, today: string, page: AgedPageRequest): Promise<AgedCustomerPage> {
    return this.fromSource(scope, asOf, basis, today, async ({ source, params, condition, kept }) => {
      const p = params.length;
      const open = (t: string) => `(${t}.b0, ${t}.b1, ${t}.b2, ${t}.b3, ${t}.b4, ${t}.b5) <> (0, 0, 0, 0, 0, 0)`;
      // Customers with unapplied cash and nothing open are groups at zero.
      const extra = `SELECT x.customer_id, x.entity_id FROM unnest($${p + 1}::uuid[], $${p + 2}::uuid[]) AS x(customer_id, entity_id)
                     WHERE NOT EXISTS (SELECT 1 FROM g WHERE g.customer_id = x.customer_id AND g.entity_id = x.entity_id AND ${open('g')})`;
      const order = 'ORDER BY b0 + b1 + b2 + b3 + b4 + b5 DESC, customer_id, entity_id';
      // The kept day is read in place (its index gives the largest totals first); a computed source once.
      const rows: (Record<'b0' | 'b1' | 'b2' | 'b3' | 'b4' | 'b5' | 'total', string> & { customer_id: string | null; entity_id: string | null; k: number; n: string | null })[] =
        await this.dataSource.query(
          `WITH g AS ${kept ? 'NOT MATERIALIZED' : 'MATERIALIZED'} (${source})
           (SELECT 0 AS k, count(*) FILTER (WHERE ${open('g')}) + (SELECT count(*) FROM (${extra}) e) AS n, NULL::uuid AS customer_id, NULL::uuid AS entity_id,
                   ${['b0', 'b1', 'b2', 'b3', 'b4', 'b5'].map((b) => `coalesce(sum(${b}), 0)::bigint AS ${b}`).join(', ')},
                   coalesce(sum(b0 + b1 + b2 + b3 + b4 + b5), 0)::bigint AS total
            FROM g HAVING ${condition})
           UNION ALL
           (SELECT 1, NULL, customer_id, entity_id, b0, b1, b2, b3, b4, b5, b0 + b1 + b2 + b3 + b4 + b5 FROM (
              (SELECT customer_id, entity_id, b0, b1, b2, b3, b4, b5 FROM g WHERE ${open('g')} ${order} LIMIT $${p + 3}::int + $${p + 4}::int)
              UNION ALL
              SELECT customer_id, entity_id, 0, 0, 0, 0, 0, 0 FROM (${extra}) e) r
            WHERE ${condition} ${order} LIMIT $${p + 3} OFFSET $${p + 4})`,
          [...params, page.extra.map((e) => e.customerId), page.extra.map((e) => e.entityId), page.limit, page.offset],
        );
      const [head, ...rest] = rows;
      if (!head || head.k !== 0) return null;
      return {
        totals: { b0: BigInt(head.b0), b1: BigInt(head.b1), b2: BigInt(head.b2), b3: BigInt(head.b3), b4: BigInt(head.b4), b5: BigInt(head.b5) }, groupCount: Number(head.n),
        rows: rest.map((r) => ({ customerId: r.customer_id!, entityId: r.entity_id!, b0: r.b0, b1: r.b1, b2: r.b2, b3: r.b3, b4: r.b4, b5: r.b5, total: r.total })),
      };
    });
  }

  /** The aged balance per legal entity at the end of `asOf`, added up by the database (`customerId` is empty). */
  async agedByEntity(scope: LedgerScope, asOf: string, basis: AgingBasis, today: string): Promise<AgedCustomerRows> {
    return this.fromSource(scope, asOf, basis, today, (s) => this.agedRows({
      ...s,
      source: `SELECT NULL::uuid AS customer_id, entity_id, ${['b0', 'b1', 'b2', 'b3', 'b4', 'b5'].map((b) => `sum(${b})::bigint AS ${b}`).join(', ')}
               FROM (${s.source}) e GROUP BY entity_id`,
    }));
  }

  /**
   * Runs `read` on the per-customer bucket rows (customer_id, entity_id, b0…b5) at the end of
   * `asOf`: today's (basis due) from the kept day, materialized on the first read of the day
   * (`read` answers null when the day's marker is missing); other dates and bases from the ledger.
   */
  private async fromSource<T>(
    scope: LedgerScope, asOf: string, basis: AgingBasis, today: string,
    read: (s: AgedSource) => Promise<T | null>, kept = true,
  ): Promise<T> {
    if (kept && basis === 'due' && asOf === today) {
      const { where, params } = scopeFilter(scope, 2);
      const readKept = () => read({
        source: `SELECT customer_id, entity_id, b0, b1, b2, b3, b4, b5 FROM aged_balance_customers WHERE day = $1 ${where}`,
        params: [today, ...params],
        condition: `EXISTS (SELECT 1 FROM aged_balance_days WHERE day = $1 AND currency = $2)`,
        kept: true,
      });
      const found = await readKept();
      if (found !== null) return found;
      await this.materializeDay(scope.currency, today);
      return (await readKept())!;
    }
    const { sql, params } = await this.balanceSource(scope, asOf, today);
    const sums = ['b0', 'b1', 'b2', 'b3', 'b4', 'b5'].map((b) => `coalesce(${b}, 0)::bigint AS ${b}`).join(', ');
    return (await read({
      source: `SELECT customer_id, entity_id, ${sums} FROM (
                 SELECT customer_id, entity_id, ${bucketColumns(basis, params.length + 1)} FROM (${sql}) s GROUP BY customer_id, entity_id) x`,
      params: [...params, asOf],
      condition: 'true',
      kept: false,
    }))!;
  }

  /**
   * Materializes `day` for a currency. The SHARE lock waits for transactions
   * writing open amounts to commit and holds new ones back until this one
   * commits: each movement is then either in the open amounts read here or
   * applied to the kept day by its own transaction, never both, never neither.
   */
  async materializeDay(currency: string, day: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await m.query('LOCK TABLE open_receivables IN SHARE MODE');
      const inserted: unknown[] = await m.query(
        `INSERT INTO aged_balance_days (day, currency, materialized_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING day`,
        [day, currency, this.clock.now()],
      );
      if (inserted.length === 0) return;
      const { sql, params } = backwardSource({ currency }, day);
      await m.query(
        `INSERT INTO aged_balance_customers (day, currency, customer_id, entity_id, b0, b1, b2, b3, b4, b5)
         SELECT $1::date, $2, customer_id, entity_id, ${['b0', 'b1', 'b2', 'b3', 'b4', 'b5'].map((b) => `coalesce(${b}, 0)`).join(', ')}
         FROM (SELECT customer_id, entity_id, ${bucketColumns('due', params.length + 1)} FROM (${sql}) s GROUP BY customer_id, entity_id) g`,
        [...params, day],
      );
      // Older days are no longer read.
      await m.query(`DELETE FROM aged_balance_customers WHERE currency = $1 AND day < $2::date - 1`, [currency, day]);
      await m.query(`DELETE FROM aged_balance_days WHERE currency = $1 AND day < $2::date - 1`, [currency, day]);
      // Fresh statistics: the day's pages are read through ix_aged_balance_customers_page.
      await m.query('ANALYZE aged_balance_customers');
    });
  }

  /**
   * Per-customer bucket rows of `source` (customer_id, entity_id, b0…b5) as the
   * report needs them, in one statement: the rows with something open, largest
   * total first, amounts as integer text (a report reads 10,000 of them: no
   * bigint per row), and their sums. Null when `condition` is false.
   */
  private async agedRows({ source, params, condition }: AgedSource): Promise<AgedCustomerRows | null> {
    const rows: (Record<'b0' | 'b1' | 'b2' | 'b3' | 'b4' | 'b5' | 'total', string> & { customer_id: string | null; entity_id: string | null; k: number })[] =
      await this.dataSource.query(
        `WITH g AS (${source})
         SELECT 0 AS k, NULL::uuid AS customer_id, NULL::uuid AS entity_id, ${['b0', 'b1', 'b2', 'b3', 'b4', 'b5'].map((b) => `coalesce(sum(${b}), 0)::bigint AS ${b}`).join(', ')},
                coalesce(sum(b0 + b1 + b2 + b3 + b4 + b5), 0)::bigint AS total
         FROM g HAVING ${condition}
         UNION ALL
         SELECT 1, customer_id, entity_id, b0, b1, b2, b3, b4, b5, b0 + b1 + b2 + b3 + b4 + b5
         FROM g WHERE (b0, b1, b2, b3, b4, b5) <> (0, 0, 0, 0, 0, 0) AND ${condition}
         ORDER BY k, total DESC, customer_id, entity_id`,
        params,
      );
    const [head, ...rest] = rows;
    if (!head || head.k !== 0) return null;
    return {
      totals: { b0: BigInt(head.b0), b1: BigInt(head.b1), b2: BigInt(head.b2), b3: BigInt(head.b3), b4: BigInt(head.b4), b5: BigInt(head.b5) },
      rows: rest.map((r) => ({ customerId: r.customer_id!, entityId: r.entity_id!, b0: r.b0, b1: r.b1, b2: r.b2, b3: r.b3, b4: r.b4, b5: r.b5, total: r.total })),
    };
  }

  /** Open amounts per bucket at the end of `asOf`, all customers of the scope together. */
  async agedTotals(scope: LedgerScope, asOf: string, basis: AgingBasis, today: string): Promise<BucketSums> {
    const { sql, params } = await this.balanceSource(scope, asOf, today);
    const [row]: Record<string, string | null>[] = await this.dataSource.query(
      `SELECT ${bucketColumns(basis, params.length + 1)} FROM (${sql}) s`, [...params, asOf],
    );
    return row ? toBuckets(row) : { ...ZERO_BUCKETS };
  }

  /** Invoices with an overdue open amount at the end of `asOf`. */
  async overdueCount(scope: LedgerScope, asOf: string, today: string): Promise<number> {
    const { sql, params } = await this.balanceSource(scope, asOf, today);
    const [row]: { n: string }[] = await this.dataSource.query(
      `SELECT count(*) AS n FROM (
         SELECT document_id FROM (${sql}) s
         WHERE document_type = 'invoice' AND due_date < $${params.length + 1}::date
         GROUP BY document_id HAVING sum(amount) > 0) x`,
      [...params, asOf],
    );
    return Number(row?.n ?? 0);
  }

  /** Sums per kind of the movements effective in [from, to]. */
  async flows(scope: LedgerScope, from: string, to: string): Promise<PeriodFlows> {
    const { where, params } = scopeFilter(scope, 3);
    const rows: { kind: string; total: string }[] = await this.dataSource.query(
      `SELECT kind, sum(amount_minor) AS total FROM receivable_movements
       WHERE effective_date BETWEEN $1 AND $2 ${where} GROUP BY kind`,
      [from, to, ...params],
    );
    const of = (kind: string) => BigInt(rows.find((r) => r.kind === kind)?.total ?? 0);
    return {
      invoiced: of('invoice'), creditNotes: of('credit_note'), adjustments: of('adjustment'),
      cancellations: of('cancellation'), writeOffs: of('write_off'), payments: of('payment'),
    };
  }

  /** Credit sales (invoices, corrections, cancellations and credit notes) per calendar month in [from, to]. */
  async monthlySales(scope: LedgerScope, from: string, to: string): Promise<Map<string, bigint>> {
    const { where, params } = scopeFilter(scope, 3);
    const rows: { month: string; total: string }[] = await this.dataSource.query(
      `SELECT to_char(date_trunc('month', effective_date), 'YYYY-MM-DD') AS month, sum(amount_minor) AS total
       FROM receivable_movements
       WHERE effective_date BETWEEN $1 AND $2 AND kind IN ('invoice', 'adjustment', 'cancellation', 'credit_note') ${where}
       GROUP BY 1`,
      [from, to, ...params],
    );
    return new Map(rows.map((r) => [r.month, BigInt(r.total)]));
  }

  /**
   * Invoices whose open amount reached zero in [from, to] through payments or
   * credit notes (not cancelled, not written off), from the settlements the
   * ledger keeps: their amounts and Σ amount × (settlement date − issue date),
   * for an amount-weighted mean.
   */
  async settledInPeriod(scope: LedgerScope, from: string, to: string): Promise<{ amountMinor: bigint; weightedDays: bigint; count: number }> {
    const { where, params } = scopeFilter(scope, 3);
    const [row]: { amount: string | null; weighted: string | null; n: string }[] = await this.dataSource.query(
      `SELECT sum(amount_minor) AS amount, sum(amount_minor * (settled_on - issue_date)) AS weighted, count(*) AS n
       FROM receivable_settlements WHERE settled_on BETWEEN $1 AND $2 AND NOT closed_otherwise ${where}`,
      [from, to, ...params],
    );
    return { amountMinor: BigInt(row?.amount ?? 0), weightedDays: BigInt(row?.weighted ?? 0), count: Number(row?.n ?? 0) };
  }

  /**
   * How these invoices were settled, for those whose open amount is at zero: the
   * day it got there and whether a cancellation or write-off closed it (one query).
   */
  async settlementsOf(documentIds: readonly string[]): Promise<DocumentSettlement[]> {
    if (documentIds.length === 0) return [];
    return this.dataSource.query(
      `SELECT document_id AS "documentId", to_char(settled_on, 'YYYY-MM-DD') AS "settledOn", closed_otherwise AS "closedOtherwise"
       FROM receivable_settlements WHERE document_id = ANY($1::uuid[])`,
      [documentIds],
    );
  }

  /**
   * Cash received on these invoices, per invoice and day it counts from: the sum of
   * their payment movements, positive (a reversal counts negative that day).
   */
  async paymentsOf(documentIds: readonly string[]): Promise<DocumentPayment[]> {
    if (documentIds.length === 0) return [];
    const rows: { documentId: string; date: string; amount: string }[] = await this.dataSource.query(
      `SELECT document_id AS "documentId", to_char(effective_date, 'YYYY-MM-DD') AS date, (-sum(amount_minor))::text AS amount
       FROM receivable_movements WHERE document_id = ANY($1::uuid[]) AND kind = 'payment'
       GROUP BY document_id, effective_date`,
      [documentIds],
    );
    return rows.map((r) => ({ documentId: r.documentId, date: r.date, amountMinor: BigInt(r.amount) }));
  }

  /** The first effective date in the ledger for a currency (null: no movement). */
  async firstDate(currency: string): Promise<string | null> {
    const [row]: { d: string | null }[] = await this.dataSource.query(
      `SELECT to_char(min(effective_date), 'YYYY-MM-DD') AS d FROM receivable_movements WHERE currency = $1`, [currency],
    );
    return row?.d ?? null;
  }

  /** Currencies with at least one movement. */
  async currencies(): Promise<string[]> {
    const rows: { currency: string }[] = await this.dataSource.query(
      `SELECT DISTINCT currency FROM open_receivables UNION SELECT DISTINCT currency FROM receivable_movements ORDER BY 1`,
    );
    return rows.map((r) => r.currency);
  }

  /**
   * Rows (customer, entity, document, dates, amount) whose sum per document is the
   * balance at the end of `asOf`: forward from the start, or today's open amounts
   * minus later movements, whichever reads fewer days of the ledger.
   */
  private async balanceSource(scope: LedgerScope, asOf: string, today: string): Promise<{ sql: string; params: unknown[] }> {
    const cols = SOURCE_COLUMNS;
    const first = asOf >= today ? null : await this.firstDate(scope.currency);
    const forward = first !== null && daysApart(first, asOf) < daysApart(asOf, today);
    const { where, params } = scopeFilter(scope, 2);
    if (forward) {
      return {
        sql: `SELECT ${cols}, amount_minor AS amount FROM receivable_movements WHERE effective_date <= $1 ${where}`,
        params: [asOf, ...params],
      };
    }
    return backwardSource(scope, asOf);
  }
}

const SOURCE_COLUMNS = 'customer_id, entity_id, document_id, document_type, due_date, issue_date';

/** Today's open amounts minus the movements effective after `asOf` ($1). */
function backwardSource(scope: LedgerScope, asOf: string): { sql: string; params: unknown[] } {
  const { where, params } = scopeFilter(scope, 2);
  return {
    sql: `SELECT ${SOURCE_COLUMNS}, open_minor AS amount FROM open_receivables WHERE true ${where}
          UNION ALL
          SELECT ${SOURCE_COLUMNS}, -amount_minor FROM receivable_movements WHERE effective_date > $1 ${where}`,
    params: [asOf, ...params],
  };
}

function scopeFilter(scope: LedgerScope, firstParam: number): { where: string; params: unknown[] } {
  const params: unknown[] = [scope.currency];
  let where = `AND currency = $${firstParam}`;
  if (scope.entityId) {
    params.push(scope.entityId);
    where += ` AND entity_id = $${firstParam + params.length - 1}`;
  }
  if (scope.customerIds) {
    params.push(scope.customerIds);
    where += ` AND customer_id = ANY($${firstParam + params.length - 1}::uuid[])`;
  }
  return { where, params };
}

/** Sum per bucket; `current` is not yet due whatever the basis, the others age from the due or the issue date. */
function bucketColumns(basis: AgingBasis, asOfParam: number): string {
  const asOf = `$${asOfParam}::date`;
  const ref = basis === 'due' ? 'due_date' : 'issue_date';
  const overdue = `due_date < ${asOf}`;
  const age = `(${asOf} - ${ref})`;
  return [
    `sum(amount) FILTER (WHERE due_date >= ${asOf}) AS b0`,
    `sum(amount) FILTER (WHERE ${overdue} AND ${age} <= 30) AS b1`,
    `sum(amount) FILTER (WHERE ${overdue} AND ${age} BETWEEN 31 AND 60) AS b2`,
    `sum(amount) FILTER (WHERE ${overdue} AND ${age} BETWEEN 61 AND 90) AS b3`,
    `sum(amount) FILTER (WHERE ${overdue} AND ${age} BETWEEN 91 AND 120) AS b4`,
    `sum(amount) FILTER (WHERE ${overdue} AND ${age} > 120) AS b5`,
  ].join(', ');
}

function toBuckets(r: Record<string, string | null | undefined>): BucketSums {
  const b = (k: string) => BigInt(r[k] ?? 0);
  return { b0: b('b0'), b1: b('b1'), b2: b('b2'), b3: b('b3'), b4: b('b4'), b5: b('b5') };
}

function daysApart(a: string, b: string): number {
  return Math.abs(Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000;
}

/** A statement giving per-customer bucket rows, its parameters, and the condition under which they are there (the kept day's marker). */
interface AgedSource {
  source: string;
  params: unknown[];
  condition: string;
  /** The kept day (a table read in place), not a computed aggregate. */
  kept: boolean;
}
