import { Inject, Injectable, Optional } from '@nestjs/common';
import { FieldValidationError } from '../common/validation.js';
import { CustomerDirectory } from '../customers/customer-directory.js';
import { DisputeFiguresService } from '../disputes/dispute-figures.service.js';
import { InvoicePortfolioReader, type PredictionInvoiceRow } from '../invoices/invoice-portfolio.reader.js';
import { LegalEntitiesService } from '../organization/legal-entities.service.js';
import { InvoiceSettlementReader } from '../payments/invoice-settlement.reader.js';
import { CollectorTaskRecords } from '../tasks/collector-task.records.js';
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

/** What a prediction needs of the entity. */
export interface PredictionEntity {
  id: string;
  code: string;
  timeZone: string;
}

/** The owners' read models the predictions are computed from (prediction reads no other module's tables). */
@Injectable()
export class PredictionSources {
  constructor(
    @Inject(InvoicePortfolioReader) readonly invoices: InvoicePortfolioReader,
    @Inject(InvoiceSettlementReader) readonly settlements: InvoiceSettlementReader,
    @Inject(CustomerDirectory) readonly customers: CustomerDirectory,
    @Inject(CollectorTaskRecords) readonly tasks: CollectorTaskRecords,
    @Inject(LegalEntitiesService) readonly entities: LegalEntitiesService,
    @Inject(DisputeFiguresService) readonly disputes: DisputeFiguresService,
  ) {}
}

@Injectable()
export class PredictionService {
  private readonly cache = new Map<string, CachedModel>();
  private readonly fitting = new Map<string, Promise<PaymentModel | null>>();
  private readonly clock: PredictionClock;

  constructor(
    @Inject(PredictionSources) private readonly sources: PredictionSources,
    @Optional() @Inject(PREDICTION_CLOCK) clock?: PredictionClock,
  ) {
    this.clock = clock ?? (() => Date.now());
  }

  async entityByCode(code?: string): Promise<PredictionEntity> {
    const entity = await this.sources.entities.findByCode(code ?? undefined);
    if (!entity) throw new FieldValidationError([{ field: 'entity', messages: [`unknown entity "${code}"`] }]);
    return entity;
  }

  today(entity: PredictionEntity): string {
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

  private settledCount(entityId: string): Promise<number> {
    return this.sources.invoices.paidCount(entityId);
  }

  /**
   * The flags the model reads on each row: disputed (the invoice is or was on a dispute, from the
   * disputes capability; when it cannot answer, neither does the prediction: DependencyUnavailableError)
   * and paperless (the customer has a contact with an email address). One query each, for all rows.
   */
  private async flagged<R extends PredictionInvoiceRow>(entityId: string, rows: R[]): Promise<(R & { disputed: boolean; paperless: boolean })[]> {
    const [disputed, paperless] = await Promise.all([
      this.sources.disputes.disputedInvoiceIds(entityId).then((ids) => new Set(ids)),
      this.sources.customers.withContactEmail([...new Set(rows.map((r) => r.customerId))]),
    ]);
    return rows.map((r) => ({ ...r, disputed: disputed.has(r.id), paperless: paperless.has(r.customerId) }));
  }

  /**
   * Training rows: invoices of the entity settled through payments (status paid and the allocations add
   * up to the amount), settled date = the entity-local date of the last allocated payment (the one that
   * brought the open amount to zero). Cancelled invoices and invoices closed by a lowered amount are out.
   * The newest `HISTORY_LIMIT` by issue date: paid invoices are read a page at a time (newest first)
   * with their allocations, until that many are settled through payments.
   */
  async history(entityId: string): Promise<SettledInvoice[]> {
    const entity = await this.sources.entities.findById(entityId);
    if (!entity) return [];
    const settled: (PredictionInvoiceRow & { settledDate: string })[] = [];
    for (let after: PredictionInvoiceRow | null = null; settled.length < HISTORY_LIMIT;) {
      const page = await this.sources.invoices.paidPage(entityId, after && { issueDate: after.issueDate, id: after.id }, HISTORY_LIMIT);
      if (page.length === 0) break;
      after = page[page.length - 1]!;
      const allocations = new Map((await this.sources.settlements.settlements(page.map((r) => r.id), entity.timeZone)).map((a) => [a.invoiceId, a]));
      for (const r of page) {
        const a = allocations.get(r.id);
        if (a && a.allocatedMinor === r.amount && settled.length < HISTORY_LIMIT) settled.push({ ...r, settledDate: a.lastPaymentDate });
      }
      if (page.length < HISTORY_LIMIT) break;
    }
    return (await this.flagged(entityId, settled)).map((r) => ({
      ...modelInput({ ...r, id: r.number }),
      daysToSettle: Math.max(0, daysBetween(r.issueDate, r.settledDate)),
    }));
  }

  /** Per open invoice of the filter: expected payment date, lateness and explanation. */
  async predictOpenInvoices(filter: OpenInvoiceFilter): Promise<{ entity: PredictionEntity; asOf: string; invoices: OpenInvoicePrediction[] }> {
    const entity = await this.entityByCode(filter.entity);
    const asOf = filter.asOf ?? this.today(entity);
    const [model, rows] = await Promise.all([
      this.modelFor(entity.id),
      this.sources.invoices.openForPrediction({
        entityId: entity.id,
        ...(filter.customerId ? { customerId: filter.customerId } : {}),
        ...(filter.currency ? { currency: filter.currency } : {}),
        ...(filter.invoiceIds ? { invoiceIds: filter.invoiceIds } : {}),
        ...(filter.dueOnOrBefore ? { dueOnOrBefore: filter.dueOnOrBefore } : {}),
      }),
    ]);
    const [flagged, customers, openTasks] = await Promise.all([
      this.flagged(entity.id, rows),
      this.sources.customers.findMany([...new Set(rows.map((r) => r.customerId))]),
      this.sources.tasks.openCountsByInvoice(rows.map((r) => r.id)),
    ]);
    const invoices = flagged.map((r) => {
      const customer = customers.get(r.customerId)!;
      return {
        invoiceId: r.id, externalId: r.externalId, number: r.number, customerId: r.customerId,
        customerExternalId: customer.externalId, customerName: customer.name, issueDate: r.issueDate, dueDate: r.dueDate,
        currency: r.currency, openAmountMinor: BigInt(r.openAmount), openTasks: openTasks.get(r.id) ?? 0,
        prediction: toInvoicePrediction(r, model ? explainPrediction(model, modelInput(r)) : null, asOf),
      };
    });
    return { entity, asOf, invoices };
  }

  /** The prediction shown on one invoice (null unless it is open). */
  async forInvoice(invoiceId: string, asOf?: string): Promise<InvoicePrediction | null> {
    const entityId = await this.sources.invoices.entityOfOpenInvoice(invoiceId);
    const entity = entityId && (await this.sources.entities.findById(entityId));
    if (!entity) return null;
    const { invoices } = await this.predictOpenInvoices({ entity: entity.code, invoiceIds: [invoiceId], ...(asOf ? { asOf } : {}) });
    return invoices[0]?.prediction ?? null;
  }

  /**
   * Collectors' worklist: open invoices overdue or due within `WORKLIST_HORIZON_DAYS`, ranked by
   * `worklistPriority` (highest first; ties: older due date, then number); only `customerIds`' when given
   * (a collector's portfolio).
   */
  async worklist(query: { entity?: string; limit?: number; asOf?: string; customerIds?: ReadonlySet<string> }) {
    const entity = await this.entityByCode(query.entity);
    const asOf = query.asOf ?? this.today(entity);
    const horizon = new Date(Date.parse(`${asOf}T00:00:00Z`) + WORKLIST_HORIZON_DAYS * 86_400_000).toISOString().slice(0, 10);
    const { invoices } = await this.predictOpenInvoices({ entity: entity.code, asOf, dueOnOrBefore: horizon });
    const ranked = invoices
      .filter((inv) => !query.customerIds || query.customerIds.has(inv.customerId))
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
    const customer = await this.sources.customers.findByExternalId(entity.id, customerExternalId);
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
