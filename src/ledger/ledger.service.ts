import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../clock/clock.js';
import { LegalEntitiesService } from '../organization/legal-entities.service.js';
import { dateInZone } from '../../workflows/domain/calendar.js';
import type { LedgerDocumentType, MovementKind } from './receivable-movement.entity.js';

export type { MovementKind };

/** The movement's amount ($5, due date $4) in the bucket it falls in on each kept day `d.day`. */
const DAY_BUCKETS = [
  'CASE WHEN $4::date >= d.day THEN $5::bigint ELSE 0 END',
  'CASE WHEN $4::date < d.day AND d.day - $4::date <= 30 THEN $5::bigint ELSE 0 END',
  'CASE WHEN d.day - $4::date BETWEEN 31 AND 60 THEN $5::bigint ELSE 0 END',
  'CASE WHEN d.day - $4::date BETWEEN 61 AND 90 THEN $5::bigint ELSE 0 END',
  'CASE WHEN d.day - $4::date BETWEEN 91 AND 120 THEN $5::bigint ELSE 0 END',
  'CASE WHEN d.day - $4::date > 120 THEN $5::bigint ELSE 0 END',
].join(', ');

/** One change of an open amount, as a capability reports it. */
export interface LedgerEntry {
  documentId: string;
  /** Default `invoice`; `credit_note` for a credit note's unapplied credit. */
  documentType?: LedgerDocumentType;
  customerId: string;
  entityId: string;
  currency: string;
  issueDate: string;
  dueDate: string;
  kind: MovementKind;
  /** Signed: + raises the open amount, − lowers it. Zero entries are skipped. */
  amountMinor: bigint;
  effectiveDate: string;
  /** Unique per source document line (e.g. `payment:<paymentId>:<invoiceId>`): a retry records nothing. */
  sourceKey: string;
  sourceId?: string | null;
}

/** The invoice fields the ledger copies onto each row. */
export interface LedgerInvoice {
  id: string;
  customerId: string;
  entityId: string;
  currency: string;
  issueDate: string;
  dueDate: string;
}

/**
 * The receivables ledger: an append-only table of open-amount changes plus
 * today's open amounts per document, both written in the caller's
 * transaction. See docs/reports.md.
 */
@Injectable()
export class LedgerService {
  constructor(
    @Inject(Clock) private readonly clock: Clock,
    @Inject(LegalEntitiesService) private readonly entities: LegalEntitiesService,
  ) {}

  /** Records entries inside the caller's transaction; returns how many were new (retries count 0). */
  async record(manager: EntityManager, entries: readonly LedgerEntry[]): Promise<number> {
    let recorded = 0;
    const recordedAt = this.clock.now();
    for (const e of entries) {
      if (e.amountMinor === 0n) continue;
      const documentType = e.documentType ?? 'invoice';
      const inserted: unknown[] = await manager.query(
        `INSERT INTO receivable_movements
           (document_id, document_type, customer_id, entity_id, currency, issue_date, due_date, kind, amount_minor, effective_date, recorded_at, source_key, source_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
         ON CONFLICT (source_key) DO NOTHING RETURNING id`,
        [e.documentId, documentType, e.customerId, e.entityId, e.currency, e.issueDate, e.dueDate, e.kind,
          e.amountMinor.toString(), e.effectiveDate, recordedAt, e.sourceKey, e.sourceId ?? null],
      );
      if (inserted.length === 0) continue;
      recorded++;
      await manager.query(
        `INSERT INTO open_receivables (document_id, due_date, issue_date, document_type, customer_id, entity_id, currency, open_minor)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (document_id, due_date, issue_date) DO UPDATE SET open_minor = open_receivables.open_minor + EXCLUDED.open_minor`,
        [e.documentId, e.dueDate, e.issueDate, documentType, e.customerId, e.entityId, e.currency, e.amountMinor.toString()],
      );
      await manager.query(
        `DELETE FROM open_receivables WHERE document_id = $1 AND due_date = $2 AND issue_date = $3 AND open_minor = 0`,
        [e.documentId, e.dueDate, e.issueDate],
      );
      // After open_receivables (whose lock orders this against a day being materialized): days kept per customer.
      await manager.query(
        `INSERT INTO aged_balance_customers (day, currency, customer_id, entity_id, b0, b1, b2, b3, b4, b5)
         SELECT d.day, $1, $2, $3, ${DAY_BUCKETS}
         FROM aged_balance_days d WHERE d.currency = $1 AND d.day >= $6::date
         ON CONFLICT (day, currency, customer_id, entity_id) DO UPDATE SET
           b0 = aged_balance_customers.b0 + EXCLUDED.b0, b1 = aged_balance_customers.b1 + EXCLUDED.b1,
           b2 = aged_balance_customers.b2 + EXCLUDED.b2, b3 = aged_balance_customers.b3 + EXCLUDED.b3,
           b4 = aged_balance_customers.b4 + EXCLUDED.b4, b5 = aged_balance_customers.b5 + EXCLUDED.b5`,
        [e.currency, e.customerId, e.entityId, e.dueDate, e.amountMinor.toString(), e.effectiveDate],
      );
      if (documentType === 'invoice') await this.refreshSettlement(manager, e.documentId);
    }
    return recorded;
  }

  /**
   * The issue of documents new in the caller's transaction (an initial load's
   * batch), in three statements whatever their number: what `record` writes for
   * each, but no settlement to refresh (a new document is open) and each
   * customer's aged-balance days added up once. Retries record nothing again.
   */
  async recordIssued(manager: EntityManager, entries: readonly LedgerEntry[]): Promise<number> {
    const issued = entries.filter((e) => e.amountMinor > 0n);
    if (issued.length === 0) return 0;
    const column = <T>(f: (e: LedgerEntry) => T) => issued.map(f);
    const inserted: { document_id: string }[] = await manager.query(
      `INSERT INTO receivable_movements
         (document_id, document_type, customer_id, entity_id, currency, issue_date, due_date, kind, amount_minor, effective_date, recorded_at, source_key, source_id)
       SELECT e.document_id, e.document_type, e.customer_id, e.entity_id, e.currency, e.issue_date, e.due_date, e.kind, e.amount_minor, e.effective_date, $13, e.source_key, e.source_id
         FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::text[], $6::date[], $7::date[], $8::text[], $9::bigint[], $10::date[], $11::text[], $12::uuid[])
           AS e(document_id, document_type, customer_id, entity_id, currency, issue_date, due_date, kind, amount_minor, effective_date, source_key, source_id)
       ON CONFLICT (source_key) DO NOTHING RETURNING document_id`,
      [column((e) => e.documentId), column((e) => e.documentType ?? 'invoice'), column((e) => e.customerId), column((e) => e.entityId),
        column((e) => e.currency), column((e) => e.issueDate), column((e) => e.dueDate), column((e) => e.kind), column((e) => e.amountMinor.toString()),
        column((e) => e.effectiveDate), column((e) => e.sourceKey), column((e) => e.sourceId ?? null), this.clock.now()],
    );
    const recorded = new Set(inserted.map((r) => r.document_id));
    const fresh = issued.filter((e) => recorded.has(e.documentId));
    if (fresh.length === 0) return 0;
    const args = [fresh.map((e) => e.documentId), fresh.map((e) => e.dueDate), fresh.map((e) => e.issueDate), fresh.map((e) => e.documentType ?? 'invoice'),
      fresh.map((e) => e.customerId), fresh.map((e) => e.entityId), fresh.map((e) => e.currency), fresh.map((e) => e.amountMinor.toString()),
      fresh.map((e) => e.effectiveDate)];
    await manager.query(
      `INSERT INTO open_receivables (document_id, due_date, issue_date, document_type, customer_id, entity_id, currency, open_minor)
       SELECT e.document_id, e.due_date, e.issue_date, e.document_type, e.customer_id, e.entity_id, e.currency, e.amount_minor
         FROM unnest($1::uuid[], $2::date[], $3::date[], $4::text[], $5::uuid[], $6::uuid[], $7::text[], $8::bigint[])
           AS e(document_id, due_date, issue_date, document_type, customer_id, entity_id, currency, amount_minor)
       ON CONFLICT (document_id, due_date, issue_date) DO UPDATE SET open_minor = open_receivables.open_minor + EXCLUDED.open_minor`,
      args.slice(0, 8),
    );
    // The same buckets as record's DAY_BUCKETS, over each entry's due date and amount, summed per customer and day.
    const buckets = DAY_BUCKETS.replaceAll('$4', 'e.due_date').replaceAll('$5::bigint', 'e.amount_minor').split(', ')
      .map((b) => `sum(${b})`).join(', ');
    await manager.query(
      `INSERT INTO aged_balance_customers (day, currency, customer_id, entity_id, b0, b1, b2, b3, b4, b5)
       SELECT d.day, e.currency, e.customer_id, e.entity_id, ${buckets}
         FROM unnest($1::date[], $2::uuid[], $3::uuid[], $4::text[], $5::bigint[], $6::date[]) AS e(due_date, customer_id, entity_id, currency, amount_minor, effective_date)
         JOIN aged_balance_days d ON d.currency = e.currency AND d.day >= e.effective_date
        GROUP BY d.day, e.currency, e.customer_id, e.entity_id
       ON CONFLICT (day, currency, customer_id, entity_id) DO UPDATE SET
         b0 = aged_balance_customers.b0 + EXCLUDED.b0, b1 = aged_balance_customers.b1 + EXCLUDED.b1,
         b2 = aged_balance_customers.b2 + EXCLUDED.b2, b3 = aged_balance_customers.b3 + EXCLUDED.b3,
         b4 = aged_balance_customers.b4 + EXCLUDED.b4, b5 = aged_balance_customers.b5 + EXCLUDED.b5`,
      [args[1], args[4], args[5], args[6], args[7], args[8]],
    );
    return fresh.length;
  }

  /** An invoice at zero is settled on the day its last movement counts from; one reopened is not. */
  private async refreshSettlement(manager: EntityManager, invoiceId: string): Promise<void> {
    await manager.query(`DELETE FROM receivable_settlements WHERE document_id = $1`, [invoiceId]);
    await manager.query(
      `INSERT INTO receivable_settlements (document_id, currency, customer_id, entity_id, issue_date, settled_on, amount_minor, closed_otherwise)
       SELECT document_id, min(currency), (array_agg(customer_id))[1], (array_agg(entity_id))[1], (array_agg(issue_date ORDER BY id DESC))[1],
              max(effective_date), sum(amount_minor) FILTER (WHERE kind IN ('invoice', 'adjustment')), bool_or(kind IN ('cancellation', 'write_off'))
       FROM receivable_movements WHERE document_id = $1 GROUP BY document_id
       HAVING sum(amount_minor) = 0 AND coalesce(sum(amount_minor) FILTER (WHERE kind IN ('invoice', 'adjustment')), 0) > 0`,
      [invoiceId],
    );
  }

  /** The invoice's issue: +amount on its issue date. */
  invoiceIssued(invoice: LedgerInvoice, amountMinor: bigint): LedgerEntry {
    return {
      ...this.invoiceFields(invoice), kind: 'invoice', amountMinor, effectiveDate: invoice.issueDate, sourceKey: `invoice:${invoice.id}`,
    };
  }

  /**
   * A movement on an invoice that counts from `date`, never before the invoice's
   * issue (a payment received before the invoice counts once it exists).
   */
  invoiceMovement(invoice: LedgerInvoice, m: { kind: MovementKind; amountMinor: bigint; date: string; sourceKey: string; sourceId?: string | null }): LedgerEntry {
    return {
      ...this.invoiceFields(invoice), kind: m.kind, amountMinor: m.amountMinor,
      effectiveDate: m.date < invoice.issueDate ? invoice.issueDate : m.date, sourceKey: m.sourceKey, sourceId: m.sourceId ?? null,
    };
  }

  /**
   * Moves a document's open amount to new dates (the ERP changed its due or issue
   * date): a pair of adjustments that nets to zero, so reports before `date` keep the old dates.
   */
  async redate(manager: EntityManager, invoice: LedgerInvoice, date: string, sourceKey: string): Promise<number> {
    const open: { due_date: string; issue_date: string; open_minor: string }[] = await manager.query(
      `SELECT to_char(due_date, 'YYYY-MM-DD') AS due_date, to_char(issue_date, 'YYYY-MM-DD') AS issue_date, open_minor
       FROM open_receivables WHERE document_id = $1 FOR UPDATE`,
      [invoice.id],
    );
    const entries: LedgerEntry[] = [];
    for (const row of open) {
      if (row.due_date === invoice.dueDate && row.issue_date === invoice.issueDate) continue;
      const amount = BigInt(row.open_minor);
      const effectiveDate = date < invoice.issueDate ? invoice.issueDate : date;
      const old = { ...invoice, dueDate: row.due_date, issueDate: row.issue_date };
      entries.push(
        { ...this.invoiceFields(old), kind: 'adjustment', amountMinor: -amount, effectiveDate: date, sourceKey: `${sourceKey}:from:${row.due_date}:${row.issue_date}` },
        { ...this.invoiceFields(invoice), kind: 'adjustment', amountMinor: amount, effectiveDate, sourceKey: `${sourceKey}:to:${row.due_date}:${row.issue_date}` },
      );
    }
    return this.record(manager, entries);
  }

  /** The business date of an instant where the entity is (a payment received at 23:30 in Paris counts that day). */
  dateOf(instant: Date, timeZone: string): string {
    return dateInZone(instant.getTime(), timeZone);
  }

  /** Today where the entity is, from the injected clock. */
  today(timeZone: string): string {
    return dateInZone(this.clock.nowMs(), timeZone);
  }

  /** Today where the legal entity is. */
  async todayAt(entityId: string): Promise<string> {
    const entity = await this.entities.findById(entityId);
    return this.today(entity?.timeZone ?? 'Europe/Paris');
  }

  private invoiceFields(invoice: LedgerInvoice) {
    return {
      documentId: invoice.id, documentType: 'invoice' as const, customerId: invoice.customerId, entityId: invoice.entityId,
      currency: invoice.currency, issueDate: invoice.issueDate, dueDate: invoice.dueDate,
    };
  }
}
