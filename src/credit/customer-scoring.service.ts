import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { taskTitle } from '../../activities/task-titles.js';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { dateInZone } from '../../workflows/domain/calendar.js';
import {
  classDegraded, monthsBefore, scorePaymentBehaviour, type ExternalScore, type OpenInvoiceHistory, type PaymentBehaviourScore,
  type SettledInvoiceHistory,
} from './payment-behaviour-score.js';
import type { RiskClass } from '../../workflows/domain/scenario.js';
import { Clock, systemClock } from '../clock/clock.js';
import { FieldValidationError, type FieldError } from '../common/validation.js';
import { CustomerCreditStore } from '../customers/customer-credit.store.js';
import { CustomerDirectory, type CustomerRecord } from '../customers/customer-directory.js';
import { ReceivablesReader } from '../invoices/receivables.reader.js';
import { LegalEntitiesService } from '../organization/legal-entities.service.js';
import { PaymentHistoryReader } from '../payments/payment-history.reader.js';
import { PromiseFiguresReader } from '../promises/promise-figures.reader.js';
import { CreditAlertNotifier } from './credit-alerts.js';
import { CustomerExternalScore, CustomerScore } from './credit.entities.js';
import { CUSTOMER_DISPUTES, NO_DISPUTES, type CustomerDisputesPort } from './customer-disputes.port.js';
import { CustomerSituationService } from './customer-situation.service.js';
import { ExposureAlertsService } from './exposure-alerts.service.js';

export interface RescoreOutcome {
  scored: number;
  written: number;
  degraded: number;
}

/** Settled invoices older than this do not count in the payment-behaviour score. */
const HISTORY_MONTHS = 13;

const toJson = (value: unknown): Record<string, unknown> =>
  JSON.parse(JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))) as Record<string, unknown>;

/** JSON with keys sorted at every level: jsonb does not keep key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o).sort().filter((k) => o[k] !== undefined).map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function groupByCustomer<T extends { customerId: string }>(rows: readonly T[]): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) (m.get(r.customerId) ?? m.set(r.customerId, []).get(r.customerId)!).push(r);
  return m;
}

/**
 * The payment-behaviour score that sets each customer's risk class: scored
 * from its paid and open invoices, open disputes and the latest external
 * score; a changed score is a new history row, a degraded class an alert.
 */
@Injectable()
export class CustomerScoringService {
  private readonly logger = new Logger(CustomerScoringService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CustomerSituationService) private readonly situations: CustomerSituationService,
    @Inject(ExposureAlertsService) private readonly alerts: ExposureAlertsService,
    @Inject(CreditAlertNotifier) private readonly notifier: CreditAlertNotifier,
    @Inject(CustomerDirectory) private readonly customers: CustomerDirectory,
    @Inject(CustomerCreditStore) private readonly customerCredit: CustomerCreditStore,
    @Inject(LegalEntitiesService) private readonly entities: LegalEntitiesService,
    @Inject(ReceivablesReader) private readonly receivables: ReceivablesReader,
    @Inject(PaymentHistoryReader) private readonly payments: PaymentHistoryReader,
    @Inject(CUSTOMER_DISPUTES) private readonly disputes: CustomerDisputesPort,
    @Inject(PromiseFiguresReader) private readonly promises: PromiseFiguresReader,
    @Optional() @Inject(Clock) private readonly clock: Clock = systemClock,
  ) {}

  async isScored(customerId: string): Promise<boolean> {
    return this.dataSource.manager.existsBy(CustomerScore, { customerId });
  }

  /**
   * Once scored, the computed class stands: puts it back on the customer
   * after an ERP update wrote the ERP's class (within the caller's transaction).
   */
  async restoreScoredClass(manager: EntityManager, customer: { id: string; riskClass: string | null }): Promise<void> {
    const latest = await manager.findOne(CustomerScore, {
      where: { customerId: customer.id }, order: { seq: 'DESC' }, select: { seq: true, class: true },
    });
    if (latest && latest.class !== customer.riskClass) {
      await this.customerCredit.setRiskClasses(manager, [{ customerId: customer.id, riskClass: latest.class }]);
    }
  }

  /** Rescores customers (ids in one page); persists changed scores, copies the class to the customer, alerts degradations. */
  async rescore(customerIds: readonly string[]): Promise<RescoreOutcome> {
    if (customerIds.length === 0) return { scored: 0, written: 0, degraded: 0 };
    const ids = [...customerIds];
    const now = this.clock.now();
    const [found, paid, open, external, previous] = await Promise.all([
      this.customers.findMany(ids),
      this.receivables.paidInvoices(ids),
      this.receivables.openInvoices(ids),
      this.dataSource.query(
        `SELECT DISTINCT ON (customer_id) customer_id AS "customerId", provider, score, rating, to_char(assessed_on, 'YYYY-MM-DD') AS "assessedOn"
           FROM customer_external_scores WHERE customer_id = ANY($1::uuid[]) ORDER BY customer_id, seq DESC`, [ids],
      ) as Promise<{ customerId: string; provider: string; score: number | null; rating: RiskClass | null; assessedOn: string }[]>,
      this.dataSource.query(
        `SELECT DISTINCT ON (customer_id) customer_id AS "customerId", class, behaviour_class AS "behaviourClass", figures, reasons
           FROM customer_scores WHERE customer_id = ANY($1::uuid[]) ORDER BY customer_id, seq DESC`, [ids],
      ) as Promise<{ customerId: string; class: RiskClass; behaviourClass: string; figures: unknown; reasons: unknown }[]>,
    ]);
    const customers = [...found.values()];
    const timeZones = await this.entityTimeZones([...customers.map((c) => c.entityId), ...paid.map((i) => i.entityId)]);
    const [paidDates, disputes, broken] = await Promise.all([
      this.payments.lastReceiptDates(paid.map((i) => ({ id: i.id, timeZone: timeZones.get(i.entityId)! })), { now, months: HISTORY_MONTHS }),
      this.disputes.figures(ids, null),
      // Broken promises to pay: the score keeps those of its 12-month window.
      this.promises.brokenOn(ids, monthsBefore(dateInZone(now.getTime(), 'UTC'), HISTORY_MONTHS)),
    ]);
    const settledBy = groupByCustomer(paid.filter((i) => paidDates.has(i.id)));
    const openBy = groupByCustomer(open);
    const externalBy = new Map(external.map((e) => [e.customerId, e]));
    const previousBy = new Map(previous.map((p) => [p.customerId, p]));

    const inserts: Partial<CustomerScore>[] = [];
    const degradations: { customer: CustomerRecord; from: RiskClass; score: PaymentBehaviourScore }[] = [];
    for (const c of customers) {
      const disputed = disputes.get(c.id)?.disputedInvoiceIds ?? NO_DISPUTES.disputedInvoiceIds;
      const ext = externalBy.get(c.id);
      const externalScore: ExternalScore | undefined = ext
        ? { provider: ext.provider, assessedOn: ext.assessedOn, ...(ext.rating ? { class: ext.rating } : { score: ext.score! }) }
        : undefined;
      const asOf = dateInZone(now.getTime(), timeZones.get(c.entityId)!);
      const score = scorePaymentBehaviour({
        asOf,
        settled: (settledBy.get(c.id) ?? []).map((r): SettledInvoiceHistory => ({
          amountMinor: r.amountMinor, currency: r.currency, issueDate: r.issueDate, dueDate: r.dueDate,
          paidDate: paidDates.get(r.id)!, disputed: disputed.has(r.id),
        })).filter((r) => r.paidDate <= asOf),
        open: (openBy.get(c.id) ?? []).map((r): OpenInvoiceHistory => ({
          amountMinor: r.openAmountMinor, currency: r.currency, dueDate: r.dueDate, disputed: disputed.has(r.id),
        })),
        ...(externalScore ? { external: externalScore } : {}),
        ...(broken.has(c.id) ? { brokenPromises: broken.get(c.id)! } : {}),
      });
      const { reasons, class: cls, behaviourClass, ...rest } = score;
      const figures = toJson(rest);
      const prev = previousBy.get(c.id);
      const unchanged = prev && prev.class === cls && prev.behaviourClass === behaviourClass
        && canonical(prev.figures) === canonical(figures) && canonical(prev.reasons) === canonical(toJson({ reasons }).reasons);
      if (!unchanged) {
        inserts.push({
          customerId: c.id, asOf, class: cls, behaviourClass, previousClass: prev?.class ?? null, figures,
          reasons: toJson({ reasons }).reasons as unknown[],
        });
        if (classDegraded(prev?.class, cls)) degradations.push({ customer: c, from: prev!.class, score });
      }
    }
    const classOf = new Map(inserts.map((i) => [i.customerId!, i.class!]));
    const changedClass = customers.flatMap((c) => {
      const last = classOf.get(c.id) ?? previousBy.get(c.id)?.class;
      return last !== undefined && last !== c.riskClass ? [{ customerId: c.id, riskClass: last }] : [];
    });
    // The history row and the customer's class change together.
    const inserted = await this.dataSource.transaction(async (manager) => {
      const result = inserts.length > 0 ? await manager.insert(CustomerScore, inserts as QueryDeepPartialEntity<CustomerScore>[]) : null;
      await this.customerCredit.setRiskClasses(manager, changedClass);
      return result;
    });
    for (const d of degradations) {
      const idx = inserts.findIndex((i) => i.customerId === d.customer.id);
      const scoreId = String(inserted?.identifiers[idx]?.id ?? d.score.class);
      const title = taskTitle('CLASS_DEGRADED', { customer: d.customer.name, from: d.from, to: d.score.class });
      const body = `Customer ${d.customer.name} (${d.customer.externalId}) moved from class ${d.from} to ${d.score.class}.\n` +
        d.score.reasons.map((r) => `- ${r.message}`).join('\n');
      await this.notifier.alert(d.customer.id, `class_degraded:${d.customer.id}:${scoreId}`, 'class_degraded', 'credit.class_degraded', title, body, {
        from: d.from, to: d.score.class,
      }).catch((err: unknown) => this.logger.error(`Degradation alert for ${d.customer.id} failed: ${(err as Error).message}`));
    }
    return { scored: customers.length, written: inserts.length, degraded: degradations.length };
  }

  /** For hooks after a commit: rescoring then exposure, never throwing. */
  async afterPayment(customerIds: readonly string[]): Promise<void> {
    try {
      await this.rescore([...new Set(customerIds)]);
    } catch (err) {
      this.logger.error(`Rescoring after a payment failed: ${(err as Error).message}`);
    }
    for (const id of new Set(customerIds)) await this.alerts.evaluateExposureSafely(id);
  }

  /** One page of the portfolio in id order, for the nightly rescoring. */
  async rescorePage(afterId: string | null, limit: number): Promise<RescoreOutcome & { lastId: string | null }> {
    const ids = await this.customerCredit.idsAfter(afterId, limit);
    const outcome = await this.rescore(ids);
    // Catches what no event re-checked (a limit set by an approved request, a temporary limit's end).
    await this.alerts.reconcileExposureLevels(ids);
    return { ...outcome, lastId: ids.length < limit ? null : ids[ids.length - 1]! };
  }

  /** A credit bureau's score or rating for the customer, then a rescoring. */
  async recordExternalScore(
    entityCode: string | undefined, externalId: string,
    dto: { provider: string; score?: number; rating?: string; asOf: string },
  ): Promise<void> {
    const errors: FieldError[] = [];
    if ((dto.score === undefined) === (dto.rating === undefined)) {
      errors.push({ field: 'score', messages: ['give exactly one of score (0–100) and rating (A–E)'] });
    }
    // Tomorrow in UTC: the latest "today" anywhere on Earth.
    if (dto.asOf > addOneDay(dateInZone(this.clock.nowMs(), 'UTC'))) {
      errors.push({ field: 'asOf', messages: ['asOf must not be in the future'] });
    }
    if (errors.length > 0) throw new FieldValidationError(errors);
    const entity = await this.situations.entityByCode(entityCode);
    const customer = await this.situations.customerByExternalId(entity, externalId);
    await this.dataSource.manager.insert(CustomerExternalScore, {
      customerId: customer.id, provider: dto.provider, score: dto.score ?? null, rating: dto.rating ?? null, assessedOn: dto.asOf,
    });
    await this.rescore([customer.id]);
  }

  /** Time zone of each legal entity (a handful per portfolio). */
  private async entityTimeZones(entityIds: readonly string[]): Promise<Map<string, string>> {
    const unique = [...new Set(entityIds)];
    const found = await Promise.all(unique.map((id) => this.entities.findById(id)));
    return new Map(found.flatMap((e) => (e ? [[e.id, e.timeZone] as const] : [])));
  }
}

function addOneDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
