import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { FieldValidationError } from '../common/validation.js';
import { DisputeFiguresService } from '../disputes/dispute-figures.service.js';
import { LegalEntitiesService } from '../organization/legal-entities.service.js';
import type { LegalEntity } from '../organization/legal-entity.entity.js';
import { dateInZone, daysBetween } from '../../workflows/domain/calendar.js';
import { formatAmount, minorUnitDigits } from '../../workflows/domain/money.js';
import {
  explainPrediction, fitPaymentModel, parseDay, type OpenInvoice, type PaymentModel, type SettledInvoice,
} from './payment-prediction.js';
import {
  buildCashForecast, isoWeekStart, toInvoicePrediction, worklistPriority, type Bucket, type InvoicePrediction,
} from './prediction-core.js';

/** Injectable clock (epoch ms) so that "today" can be fixed in tests. */
export const PREDICTION_CLOCK = Symbol('PREDICTION_CLOCK');
export type PredictionClock = () => number;

/** A cached model is refitted when older than this … */
export const MODEL_MAX_AGE_MS = 60 * 60 * 1000;
/** … or, once a minute old, when this many invoices were settled since it was fitted. */
export const MODEL_REFIT_AFTER_SETTLEMENTS = 50;
const MODEL_RECHECK_MS = 60 * 1000;
/** The newest settled invoices an entity's model learns from. */
const HISTORY_LIMIT = 50_000;

interface CachedModel {
  model: PaymentModel | null;
  fittedAt: number;
  checkedAt: number;
  settledCount: number;
}

export interface OpenInvoiceFilter {
  entity?: string;
  customerId?: string;
  currency?: string;
  invoiceIds?: readonly string[];
  /** Only invoices due on or before this date. */
  dueOnOrBefore?: string;
  /** "Today" (the entity's civil date by default). */
  asOf?: string;
}

export interface OpenInvoicePrediction {
  invoiceId: string;
  externalId: string;
  number: string;
  customerId: string;
  customerExternalId: string;
  customerName: string;
  issueDate: string;
  dueDate: string;
  currency: string;
  openAmountMinor: bigint;
  openTasks: number;
  prediction: InvoicePrediction;
}

interface OpenRow {
  id: string; externalId: string; number: string; customerId: string; customerExternalId: string; customerName: string;
  issueDate: string; dueDate: string; currency: string; amount: string; openAmount: string;
  disputed: boolean; paperless: boolean; openTasks: number;
}

@Injectable()
export class PredictionService {
  private readonly cache = new Map<string, CachedModel>();
  private readonly fitting = new Map<string, Promise<PaymentModel | null>>();
  private readonly clock: PredictionClock;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(LegalEntitiesService) private readonly entities: LegalEntitiesService,
    @Inject(DisputeFiguresService) private readonly disputes: DisputeFiguresService,
    @Optional() @Inject(PREDICTION_CLOCK) clock?: PredictionClock,
  ) {
    this.clock = clock ?? (() => Date.now());
  }

  async entityByCode(code?: string): Promise<LegalEntity> {
    const entity = await this.entities.findByCode(code ?? undefined);
    if (!entity) throw new FieldValidationError([{ field: 'entity', messages: [`unknown entity "${code}"`] }]);
    return entity;
  }

  today(entity: LegalEntity): string {
    return dateInZone(this.clock(), entity.timeZone);
  }

  /** Forgets the entity's cached model (next prediction refits). */
  invalidate(entityId: string): void {
    this.cache.delete(entityId);
  }

  /**
   * The entity's model, fitted lazily and cached; null when nothing was ever settled through payments.
   * Only the first call for an entity waits for the fit: a stale model is still served while one
   * refit (never two at once) runs in the background (`whenRefitted` awaits it).
   */
  async modelFor(entityId: string): Promise<PaymentModel | null> {
    const now = this.clock();
    const cached = this.cache.get(entityId);
    if (!cached) return this.refit(entityId);
    let stale = now - cached.fittedAt >= MODEL_MAX_AGE_MS;
    if (!stale && now - cached.checkedAt >= MODEL_RECHECK_MS) {
      cached.checkedAt = now;
      stale = (await this.settledCount(entityId)) >= cached.settledCount + MODEL_REFIT_AFTER_SETTLEMENTS;
    }
    if (stale) void this.refit(entityId).catch(() => undefined);
    return cached.model;
  }

  /** Resolves once the entity's background refit (if any) is done. */
  async whenRefitted(entityId: string): Promise<void> {
    await this.fitting.get(entityId)?.catch(() => undefined);
  }

  private refit(entityId: string): Promise<PaymentModel | null> {
    const running = this.fitting.get(entityId);
    if (running) return running;
    const started = this.clock();
    const fit = (async () => {
      const [settledCount, history] = await Promise.all([this.settledCount(entityId), this.history(entityId)]);
      const model = history.length > 0 ? fitPaymentModel(history) : null;
      this.cache.set(entityId, { model, fittedAt: started, checkedAt: started, settledCount });
      return model;
    })().finally(() => this.fitting.delete(entityId));
    this.fitting.set(entityId, fit);
    return fit;
  }

  private async settledCount(entityId: string): Promise<number> {
    const [row] = await this.dataSource.query(`SELECT count(*)::int AS n FROM invoices WHERE entity_id = $1 AND status = 'paid'`, [entityId]);
    return (row as { n: number }).n;
  }

  /**
   * Joins adding `dd.invoice_id` (set when the invoice is or was on a dispute) and `pc.customer_id`
   * (set when the customer has a contact email), as hash joins over sets rather than a lookup per row.
   * Disputed invoices come from the disputes capability (a parameter appended to `params`); when it
   * cannot answer, neither does the prediction (DependencyUnavailableError).
   */
  private async flagJoins(alias: string, entityId: string, params: unknown[]): Promise<string> {
    const disputed = await this.disputes.disputedInvoiceIds(entityId);
    const ref = params.push(disputed);
    return `LEFT JOIN (SELECT DISTINCT unnest($${ref}::text[]) AS invoice_id) dd ON dd.invoice_id = ${alias}.id::text
            LEFT JOIN (SELECT DISTINCT customer_id FROM customer_contacts WHERE email IS NOT NULL) pc ON pc.customer_id = ${alias}.customer_id`;
  }

  /**
   * Training rows: invoices of the entity settled through payments (status paid and the allocations add
   * up to the amount), settled date = the entity-local date of the last allocated payment (the one that
   * brought the open amount to zero). Cancelled invoices and invoices closed by a lowered amount are out.
   */
  async history(entityId: string): Promise<SettledInvoice[]> {
    const params: unknown[] = [entityId];
    const flags = await this.flagJoins('i', entityId, params);
    const rows = (await this.dataSource.query(
      `SELECT i.number, i.customer_id AS "customerId",
              to_char(i.issue_date, 'YYYY-MM-DD') AS "issueDate", to_char(i.due_date, 'YYYY-MM-DD') AS "dueDate",
              i.amount_minor::text AS amount, i.currency,
              to_char((MAX(p.received_at) AT TIME ZONE e.time_zone)::date, 'YYYY-MM-DD') AS "settledDate",
              bool_or(dd.invoice_id IS NOT NULL) AS disputed, bool_or(pc.customer_id IS NOT NULL) AS paperless
         FROM invoices i
         JOIN legal_entities e ON e.id = i.entity_id
         JOIN payment_allocations a ON a.invoice_id = i.id
         JOIN payments p ON p.id = a.payment_id
         ${flags}
        WHERE i.entity_id = $1 AND i.status = 'paid'
        GROUP BY i.id, e.time_zone
       HAVING SUM(a.amount_minor) = i.amount_minor
        ORDER BY i.issue_date DESC
        LIMIT ${HISTORY_LIMIT}`,
      params,
    )) as { number: string; customerId: string; issueDate: string; dueDate: string; amount: string; currency: string;
      settledDate: string; disputed: boolean; paperless: boolean }[];
    return rows.map((r) => ({
      ...modelInput({ ...r, id: r.number }),
      daysToSettle: Math.max(0, daysBetween(r.issueDate, r.settledDate)),
    }));
  }

  /** Per open invoice of the filter: expected payment date, lateness and explanation. */
  async predictOpenInvoices(filter: OpenInvoiceFilter): Promise<{ entity: LegalEntity; asOf: string; invoices: OpenInvoicePrediction[] }> {
    const entity = await this.entityByCode(filter.entity);
    const asOf = filter.asOf ?? this.today(entity);
    const params: unknown[] = [entity.id];
    const where = [`i.entity_id = $1`, `i.status = 'open'`];
    if (filter.customerId) where.push(`i.customer_id = $${params.push(filter.customerId)}`);
    if (filter.currency) where.push(`i.currency = $${params.push(filter.currency)}`);
    if (filter.invoiceIds) where.push(`i.id = ANY($${params.push(filter.invoiceIds)}::uuid[])`);
    if (filter.dueOnOrBefore) where.push(`i.due_date <= $${params.push(filter.dueOnOrBefore)}::date`);
    const flags = await this.flagJoins('i', entity.id, params);
    const [model, rows] = await Promise.all([
      this.modelFor(entity.id),
      this.dataSource.query(
        `SELECT i.id, i.external_id AS "externalId", i.number, i.customer_id AS "customerId",
                c.external_id AS "customerExternalId", c.name AS "customerName",
                to_char(i.issue_date, 'YYYY-MM-DD') AS "issueDate", to_char(i.due_date, 'YYYY-MM-DD') AS "dueDate",
                i.currency, i.amount_minor::text AS amount, i.open_amount_minor::text AS "openAmount",
                dd.invoice_id IS NOT NULL AS disputed, pc.customer_id IS NOT NULL AS paperless,
                COALESCE(t.n, 0) AS "openTasks"
           FROM invoices i JOIN customers c ON c.id = i.customer_id
           ${flags}
           LEFT JOIN (SELECT invoice_id, count(*)::int AS n FROM collector_tasks
                       WHERE status = 'open' AND invoice_id IS NOT NULL GROUP BY invoice_id) t ON t.invoice_id = i.id
          WHERE ${where.join(' AND ')}`,
        params,
      ) as Promise<OpenRow[]>,
    ]);
    const invoices = rows.map((r) => ({
      invoiceId: r.id, externalId: r.externalId, number: r.number, customerId: r.customerId,
      customerExternalId: r.customerExternalId, customerName: r.customerName, issueDate: r.issueDate, dueDate: r.dueDate,
      currency: r.currency, openAmountMinor: BigInt(r.openAmount), openTasks: r.openTasks,
      prediction: toInvoicePrediction(r, model ? explainPrediction(model, modelInput(r)) : null, asOf),
    }));
    return { entity, asOf, invoices };
  }

  /** The prediction shown on one invoice (null unless it is open). */
  async forInvoice(invoiceId: string, asOf?: string): Promise<InvoicePrediction | null> {
    const [row] = (await this.dataSource.query(
      `SELECT e.code FROM invoices i JOIN legal_entities e ON e.id = i.entity_id WHERE i.id = $1 AND i.status = 'open'`, [invoiceId],
    )) as { code: string }[];
    if (!row) return null;
    const { invoices } = await this.predictOpenInvoices({ entity: row.code, invoiceIds: [invoiceId], ...(asOf ? { asOf } : {}) });
    return invoices[0]?.prediction ?? null;
  }

  /**
   * Collectors' worklist: open invoices overdue or due within `WORKLIST_HORIZON_DAYS`, ranked by
   * `worklistPriority` (highest first; ties: older due date, then number).
   */
  async worklist(query: { entity?: string; limit?: number; asOf?: string }) {
    const entity = await this.entityByCode(query.entity);
    const asOf = query.asOf ?? this.today(entity);
    const horizon = new Date(Date.parse(`${asOf}T00:00:00Z`) + WORKLIST_HORIZON_DAYS * 86_400_000).toISOString().slice(0, 10);
    const { invoices } = await this.predictOpenInvoices({ entity: entity.code, asOf, dueOnOrBefore: horizon });
    const ranked = invoices
      .map((inv) => ({ inv, ...worklistPriority(inv, asOf, minorUnitDigits(inv.currency)) }))
      .sort((a, b) => b.priority - a.priority || (a.inv.dueDate < b.inv.dueDate ? -1 : a.inv.dueDate > b.inv.dueDate ? 1 : 0)
        || (a.inv.number < b.inv.number ? -1 : a.inv.number > b.inv.number ? 1 : 0))
      .slice(0, query.limit ?? 50);
    return {
      entity: entity.code,
      asOf,
      items: ranked.map(({ inv, priority, reasons }, k) => ({
        rank: k + 1,
        priority,
        reasons,
        invoice: {
          id: inv.invoiceId, externalId: inv.externalId, number: inv.number, dueDate: inv.dueDate,
          currency: inv.currency, openAmount: formatAmount(inv.openAmountMinor, inv.currency),
        },
        customer: { id: inv.customerId, externalId: inv.customerExternalId, name: inv.customerName },
        openTasks: inv.openTasks,
        prediction: inv.prediction,
      })),
    };
  }

  /** Expected receipts per ISO week and currency from `from` (default: today) for `weeks` weeks. */
  async cashForecast(query: { entity?: string; currency?: string; weeks?: number; from?: string; asOf?: string; customerId?: string }) {
    const entity = await this.entityByCode(query.entity);
    const asOf = query.asOf ?? this.today(entity);
    const from = query.from ?? asOf;
    const weeks = query.weeks ?? 12;
    const { invoices } = await this.predictOpenInvoices({
      entity: entity.code, asOf,
      ...(query.currency ? { currency: query.currency } : {}),
      ...(query.customerId ? { customerId: query.customerId } : {}),
    });
    const forecast = buildCashForecast(
      invoices.map((i) => ({ currency: i.currency, openAmountMinor: i.openAmountMinor, prediction: i.prediction, overdue: i.dueDate < asOf })),
      from, weeks,
    );
    const bucket = (b: Bucket, currency: string) => ({ amount: formatAmount(b.amountMinor, currency), invoiceCount: b.invoiceCount });
    return {
      entity: entity.code,
      asOf,
      from: isoWeekStart(from),
      weeks,
      currencies: forecast.map((f) => ({
        currency: f.currency,
        weeks: f.weeks.map((w) => ({ weekStart: w.weekStart, amount: formatAmount(w.amountMinor, f.currency), invoiceCount: w.invoiceCount })),
        earlier: bucket(f.earlier, f.currency),
        later: bucket(f.later, f.currency),
        overdueWithoutPrediction: bucket(f.overdueWithoutPrediction, f.currency),
      })),
    };
  }

  /** For the customer risk view: the customer's expected receipts per ISO week (non-empty weeks only). */
  async predictedReceipts(entityCode: string | undefined, customerExternalId: string, weeks = 12) {
    const entity = await this.entityByCode(entityCode);
    const [customer] = (await this.dataSource.query(
      `SELECT id FROM customers WHERE entity_id = $1 AND external_id = $2`, [entity.id, customerExternalId],
    )) as { id: string }[];
    if (!customer) return [];
    const forecast = await this.cashForecast({ entity: entity.code, customerId: customer.id, weeks });
    // Weeks with expected receipts only; the `date` is the ISO week's Monday.
    return forecast.currencies.flatMap((c) => c.weeks.filter((w) => w.invoiceCount > 0).map((w) => ({
      date: w.weekStart, amount: w.amount, currency: c.currency, invoiceCount: w.invoiceCount,
    })));
  }
}

/** Open invoices due within this many days (or overdue) are on the worklist. */
export const WORKLIST_HORIZON_DAYS = 30;

function modelInput(r: { id: string; number?: string; customerId: string; issueDate: string; dueDate: string; amount: string;
  disputed: boolean; paperless: boolean }): OpenInvoice {
  return {
    invoiceNumber: r.number ?? r.id,
    customerId: r.customerId,
    countryCode: '',
    invoiceDay: parseDay(r.issueDate)!,
    dueDay: parseDay(r.dueDate)!,
    // Only its quartile band matters; bands are learnt on the same scale (minor units).
    amount: Number(r.amount),
    disputed: r.disputed,
    paperless: r.paperless,
  };
}
