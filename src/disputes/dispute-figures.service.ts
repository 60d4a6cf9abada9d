import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DependencyUnavailableError } from '../common/errors.js';
import { DISPUTE_STATUSES, isActive } from '../../workflows/domain/dispute-rules.js';

const OPEN_STATUSES = DISPUTE_STATUSES.filter(isActive);

/** What the disputes capability tells others about a customer's disputes. */
export interface CustomerDisputeFigures {
  /** Open disputed amount in the asked currency (all currencies when none asked), minor units. */
  openAmountMinor: bigint;
  openCount: number;
  /** Invoice ids that are or were disputed. */
  disputedInvoiceIds: ReadonlySet<string>;
}

/** A dispute as the customer account lists it. */
export interface CustomerDispute {
  id: string;
  status: string;
  reasonCode: string;
  type: string;
  currency: string;
  amountMinor: bigint;
  acceptedAmountMinor: bigint | null;
  invoiceIds: string[];
  openedAt: Date;
  resolvedAt: Date | null;
  closedAt: Date | null;
  events: { event: string; status: string; actor: string; comment: string; at: Date }[];
}

/** An open dispute holding part of one invoice. */
export interface OpenDisputeShare {
  id: string;
  status: string;
  reasonCode: string;
  /** The part of the invoice it holds, minor units of the invoice's currency. */
  amountMinor: bigint;
}

/**
 * What other capabilities may know about disputes, read by the disputes
 * capability from its own table: customers' figures for the order check, the
 * score and the risk view; disputed invoices for predictions; open disputes on
 * an invoice for its view. Nobody else queries the disputes tables. A failed
 * read is never "no disputes": it throws DependencyUnavailableError (503), so
 * no check answers `allow` blind.
 */
@Injectable()
export class DisputeFiguresService {
  private readonly logger = new Logger(DisputeFiguresService.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Disputes still waiting for a decision, and those of them past their resolution SLA at `now`
   * (opening + the snapshot's resolution hours, as the workflow and the inbox count it), for metrics.
   * Reads the open disputes only (status index).
   */
  async openAndPastSla(now: Date): Promise<{ open: number; pastSla: number }> {
    const [row] = await this.dataSource.query<{ open: string; pastSla: string }[]>(
      `SELECT count(*) AS "open",
              count(*) FILTER (WHERE created_at + make_interval(secs => (snapshot->>'resolutionHours')::numeric * 3600) < $2) AS "pastSla"
         FROM disputes WHERE status = ANY($1)`,
      [OPEN_STATUSES, now],
    );
    return { open: Number(row?.open ?? 0), pastSla: Number(row?.pastSla ?? 0) };
  }

  async figures(customerIds: readonly string[], currency: string | null): Promise<Map<string, CustomerDisputeFigures>> {
    const result = new Map<string, CustomerDisputeFigures>();
    if (customerIds.length === 0) return result;
    const rows = await this.read<{ customerId: string; openAmount: string; openCount: number; invoiceIds: string[] | null }>(
      `SELECT d.customer_id AS "customerId",
              COALESCE(SUM(d.amount_minor) FILTER (WHERE d.status = ANY($2::text[]) AND ($3::text IS NULL OR d.currency = $3)), 0)::text AS "openAmount",
              COUNT(*) FILTER (WHERE d.status = ANY($2::text[]))::int AS "openCount",
              array_remove(array_agg(DISTINCT s.invoice_id), NULL) AS "invoiceIds"
         FROM disputes d
         LEFT JOIN LATERAL (SELECT e->>'invoiceId' AS invoice_id FROM jsonb_array_elements(d.invoices) e) s ON true
        WHERE d.customer_id = ANY($1::uuid[])
        GROUP BY d.customer_id`,
      [customerIds, OPEN_STATUSES, currency],
    );
    for (const r of rows) {
      result.set(r.customerId, {
        openAmountMinor: BigInt(r.openAmount), openCount: r.openCount, disputedInvoiceIds: new Set(r.invoiceIds ?? []),
      });
    }
    return result;
  }

  /** Ids of the entity's invoices that are or were on a dispute (a prediction feature). */
  async disputedInvoiceIds(entityId: string): Promise<string[]> {
    const rows = await this.read<{ id: string }>(
      `SELECT DISTINCT e->>'invoiceId' AS id FROM disputes d CROSS JOIN LATERAL jsonb_array_elements(d.invoices) e WHERE d.entity_id = $1`,
      [entityId],
    );
    return rows.map((r) => r.id);
  }

  /** Disputes still open on one invoice, oldest first, with the part of it each holds. */
  async openOnInvoice(invoiceId: string): Promise<OpenDisputeShare[]> {
    const rows = await this.read<{ id: string; status: string; reason_code: string; share: string }>(
      `SELECT d.id, d.status, d.reason_code, s->>'amountMinor' AS share
         FROM disputes d CROSS JOIN LATERAL jsonb_array_elements(d.invoices) s
        WHERE d.status = ANY($2::text[]) AND s->>'invoiceId' = $1
        ORDER BY d.created_at`,
      [invoiceId, OPEN_STATUSES],
    );
    return rows.map((r) => ({ id: r.id, status: r.status, reasonCode: r.reason_code, amountMinor: BigInt(r.share) }));
  }

  /** Invoices under an open dispute, among `invoiceIds` (null: all of them): the invoice list's `disputed` filter and flag. */
  async openDisputedInvoiceIds(invoiceIds: readonly string[] | null): Promise<string[]> {
    if (invoiceIds !== null && invoiceIds.length === 0) return [];
    const rows = await this.read<{ id: string }>(
      `SELECT DISTINCT s->>'invoiceId' AS id FROM disputes d CROSS JOIN LATERAL jsonb_array_elements(d.invoices) s
        WHERE d.status = ANY($1::text[]) AND ($2::text[] IS NULL OR s->>'invoiceId' = ANY($2::text[]))`,
      [OPEN_STATUSES, invoiceIds],
    );
    return rows.map((r) => r.id);
  }

  /** When disputes were raised on these invoices: one row per (dispute, invoice) it covers (scenario effectiveness). */
  async raisedOn(invoiceIds: readonly string[]): Promise<{ invoiceId: string; openedAt: Date }[]> {
    if (invoiceIds.length === 0) return [];
    return this.read<{ invoiceId: string; openedAt: Date }>(
      `SELECT s->>'invoiceId' AS "invoiceId", d.created_at AS "openedAt"
         FROM disputes d CROSS JOIN LATERAL jsonb_array_elements(d.invoices) s
        WHERE s->>'invoiceId' = ANY($1::text[])`,
      [invoiceIds],
    );
  }

  /** A customer's disputes, newest first, with their history: the customer account shows them. */
  async ofCustomer(customerId: string): Promise<CustomerDispute[]> {
    const disputes = await this.read<{
      id: string; status: string; reason_code: string; type: string; currency: string; amount_minor: string;
      accepted_amount_minor: string | null; invoices: { invoiceId: string; amountMinor: string }[];
      created_at: Date; resolved_at: Date | null; closed_at: Date | null;
    }>(
      `SELECT id, status, reason_code, type, currency, amount_minor::text, accepted_amount_minor::text, invoices, created_at, resolved_at, closed_at
         FROM disputes WHERE customer_id = $1 ORDER BY created_at DESC, id`,
      [customerId],
    );
    const events = disputes.length === 0 ? [] : await this.read<{ dispute_id: string; event: string; status_to: string; actor_name: string; comment: string; at: Date }>(
      `SELECT dispute_id, event, status_to, actor_name, comment, at FROM dispute_events WHERE dispute_id = ANY($1::uuid[]) ORDER BY at, event_key`,
      [disputes.map((d) => d.id)],
    );
    return disputes.map((d) => ({
      id: d.id, status: d.status, reasonCode: d.reason_code, type: d.type, currency: d.currency,
      amountMinor: BigInt(d.amount_minor), acceptedAmountMinor: d.accepted_amount_minor === null ? null : BigInt(d.accepted_amount_minor),
      invoiceIds: d.invoices.map((i) => i.invoiceId), openedAt: d.created_at, resolvedAt: d.resolved_at, closedAt: d.closed_at,
      events: events.filter((e) => e.dispute_id === d.id).map((e) => ({ event: e.event, status: e.status_to, actor: e.actor_name, comment: e.comment, at: e.at })),
    }));
  }

  private async read<T>(sql: string, params: unknown[]): Promise<T[]> {
    try {
      return (await this.dataSource.query(sql, params)) as T[];
    } catch (err) {
      this.logger.error(`Reading disputes failed: ${(err as Error).message}`);
      throw new DependencyUnavailableError('Disputes', err);
    }
  }
}
