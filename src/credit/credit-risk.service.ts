import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { dateInZone, daysBetween } from '../../workflows/domain/calendar.js';
import { formatAmount } from '../../workflows/domain/money.js';
import { checkOrder, type OrderCheckReason, type OrderDecision } from '../../workflows/domain/order-check.js';
import {
  classDegraded, scorePaymentBehaviour, type ExternalScore, type OpenInvoiceHistory, type PaymentBehaviourScore,
  type SettledInvoiceHistory,
} from '../../workflows/domain/payment-behaviour-score.js';
import type { RiskClass } from '../../workflows/domain/scenario.js';
import { nonNegativeAmount, positiveAmount } from '../common/amount-input.js';
import { BusinessRuleError, NotFoundError } from '../common/errors.js';
import { FieldValidationError, type FieldError } from '../common/validation.js';
import { CustomerCreditLimit } from '../credit-limit-requests/customer-credit-limit.entity.js';
import { Customer } from '../customers/customer.entity.js';
import { InternalMailService } from '../messages/internal-mail.service.js';
import { LegalEntitiesService } from '../organization/legal-entities.service.js';
import type { LegalEntity } from '../organization/legal-entity.entity.js';
import { CollectorTask } from '../tasks/collector-task.entity.js';
import { UsersService } from '../users/users.service.js';
import { CreditPolicyService } from './credit-policy.service.js';
import {
  CustomerExposureAlert, CustomerExternalScore, CustomerOpenOrders, CustomerScore, type ExposureAlertLevel,
} from './credit.entities.js';
import { CUSTOMER_DISPUTES, NO_DISPUTES, type CustomerDisputesPort } from './customer-disputes.port.js';
import { buildCustomerRiskView, type PredictedReceipt } from './customer-risk.view.js';
import { Clock, systemClock } from '../clock/clock.js';

/** No limit recorded: the limit rule is not evaluated (a limit this large never fires). */
const NO_LIMIT = 2n ** 62n;

export interface CustomerSituation {
  customerId: string;
  entityId: string;
  externalId: string;
  name: string;
  riskClass: RiskClass | null;
  limitMinor: bigint | null;
  limitCurrency: string | null;
  ordersMinor: bigint;
  ordersCurrency: string | null;
  ordersAsOf: string | null;
  /** Open receivables in the limit's currency (the entity's invoices' currency when no limit). */
  receivablesMinor: bigint;
  oldestDueDate: string | null;
  today: string;
  oldestOverdueDays: number;
}

export interface OrderCheckView {
  decision: OrderDecision;
  reasons: OrderCheckReason[];
  currency: string;
  riskClass: RiskClass | null;
  limit: string | null;
  exposure: { receivables: string; openOrders: string; order: string; afterOrder: string };
  headroom: string | null;
}

export interface RescoreOutcome {
  scored: number;
  written: number;
  degraded: number;
}

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

const LEVEL_RANK: Readonly<Record<ExposureAlertLevel, number>> = { none: 0, warning: 1, over_limit: 2 };

/**
 * Exposure (open receivables + open orders reported by the ERP) against the
 * customer's credit limit (the latest `customer_credit_limits` row), the
 * ERP's order check, exposure alerts once per crossing, and the
 * payment-behaviour score that sets the customer's risk class.
 */
@Injectable()
export class CreditRiskService {
  private readonly logger = new Logger(CreditRiskService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CreditPolicyService) private readonly policies: CreditPolicyService,
    @Inject(LegalEntitiesService) private readonly entities: LegalEntitiesService,
    @Inject(InternalMailService) private readonly mail: InternalMailService,
    @Inject(UsersService) private readonly users: UsersService,
    @Inject(CUSTOMER_DISPUTES) private readonly disputes: CustomerDisputesPort,
    @Optional() @Inject(Clock) private readonly clock: Clock = systemClock,
  ) {}

  async entityByCode(code?: string): Promise<LegalEntity> {
    const entity = await this.entities.findByCode(code ?? undefined);
    if (!entity) throw new FieldValidationError([{ field: 'entity', messages: [`unknown entity "${code}"`] }]);
    return entity;
  }

  private async customerByExternalId(entity: LegalEntity, externalId: string): Promise<Customer> {
    const customer = await this.dataSource.manager.findOneBy(Customer, { entityId: entity.id, externalId });
    if (!customer) throw new NotFoundError('Customer', externalId);
    return customer;
  }

  /** One aggregate query: the customer, its limit in force, open orders, open receivables and oldest due date. */
  async situation(entity: LegalEntity, externalId: string): Promise<CustomerSituation> {
    const rows = (await this.dataSource.query(
      `SELECT c.id, c.name, c.risk_class AS "riskClass",
              l.amount_minor::text AS "limitMinor", l.currency AS "limitCurrency",
              o.amount_minor::text AS "ordersMinor", o.currency AS "ordersCurrency", o.as_of AS "ordersAsOf",
              r.receivables, r.oldest_due AS "oldestDue", r.currency AS "invoiceCurrency"
         FROM customers c
         LEFT JOIN LATERAL (SELECT amount_minor, currency FROM customer_credit_limits
                             WHERE customer_id = c.id ORDER BY seq DESC LIMIT 1) l ON true
         LEFT JOIN customer_open_orders o ON o.customer_id = c.id
         LEFT JOIN LATERAL (
           SELECT COALESCE(SUM(open_amount_minor) FILTER (WHERE currency = COALESCE(l.currency, $3)), 0)::text AS receivables,
                  to_char(MIN(due_date), 'YYYY-MM-DD') AS oldest_due, $3::text AS currency
             FROM invoices WHERE customer_id = c.id AND status = 'open') r ON true
        WHERE c.entity_id = $1 AND c.external_id = $2`,
      [entity.id, externalId, entityCurrency(entity)],
    )) as {
      id: string; name: string; riskClass: RiskClass | null; limitMinor: string | null; limitCurrency: string | null;
      ordersMinor: string | null; ordersCurrency: string | null; ordersAsOf: Date | null; receivables: string; oldestDue: string | null;
    }[];
    const row = rows[0];
    if (!row) throw new NotFoundError('Customer', externalId);
    const today = dateInZone(this.clock.nowMs(), entity.timeZone);
    return {
      customerId: row.id, entityId: entity.id, externalId, name: row.name, riskClass: row.riskClass,
      limitMinor: row.limitMinor === null ? null : BigInt(row.limitMinor), limitCurrency: row.limitMinor === null ? null : row.limitCurrency,
      ordersMinor: row.ordersMinor === null ? 0n : BigInt(row.ordersMinor), ordersCurrency: row.ordersCurrency,
      ordersAsOf: row.ordersAsOf?.toISOString() ?? null,
      receivablesMinor: BigInt(row.receivables), oldestDueDate: row.oldestDue, today,
      oldestOverdueDays: row.oldestDue && row.oldestDue < today ? daysBetween(row.oldestDue, today) : 0,
    };
  }

  private async situationById(customerId: string): Promise<CustomerSituation> {
    const customer = await this.dataSource.manager.findOneBy(Customer, { id: customerId });
    if (!customer) throw new NotFoundError('Customer', customerId);
    const entity = await this.entities.findById(customer.entityId);
    if (!entity) throw new NotFoundError('Entity', customer.entityId);
    return this.situation(entity, customer.externalId);
  }

  // ---- Order check -------------------------------------------------------

  async orderCheck(entityCode: string | undefined, externalId: string, dto: { amount: string; currency: string }): Promise<OrderCheckView> {
    const errors: FieldError[] = [];
    const orderMinor = positiveAmount('amount', dto.amount, dto.currency, errors);
    if (errors.length > 0) throw new FieldValidationError(errors);
    const entity = await this.entityByCode(entityCode);
    const [s, policy] = await Promise.all([this.situation(entity, externalId), this.policies.policyFor(entity.id)]);
    const currency = s.limitCurrency ?? dto.currency;
    if (dto.currency !== currency) {
      throw new BusinessRuleError('CURRENCY_MISMATCH', `The order is in ${dto.currency} but the credit limit is in ${currency}`);
    }
    if (s.ordersMinor > 0n && s.ordersCurrency !== currency) {
      throw new BusinessRuleError('CURRENCY_MISMATCH', `Open orders are in ${s.ordersCurrency} but the credit limit is in ${currency}`);
    }
    const disputes = await this.disputeFigures([s.customerId], currency);
    const result = checkOrder(policy.orderCheck, {
      creditLimit: { amountMinor: s.limitMinor ?? NO_LIMIT, currency },
      openReceivables: { amountMinor: s.receivablesMinor, currency },
      openOrders: { amountMinor: s.ordersMinor, currency },
      order: { amountMinor: orderMinor, currency },
      openDisputes: { amountMinor: disputes.get(s.customerId)?.openAmountMinor ?? 0n, currency },
      oldestOverdueDays: s.oldestOverdueDays,
      riskClass: s.riskClass,
    });
    const fmt = (m: bigint) => formatAmount(m, currency);
    return {
      decision: result.decision, reasons: result.reasons, currency, riskClass: s.riskClass,
      limit: s.limitMinor === null ? null : fmt(s.limitMinor),
      exposure: {
        receivables: fmt(s.receivablesMinor), openOrders: fmt(s.ordersMinor), order: fmt(orderMinor),
        afterOrder: fmt(result.exposureAfterOrderMinor),
      },
      headroom: s.limitMinor === null ? null : (result.headroomMinor < 0n ? '-' : '') + fmt(abs(result.headroomMinor)),
    };
  }

  /** Throws DependencyUnavailableError when disputes cannot be read: no answer is computed without them. */
  private async disputeFigures(customerIds: readonly string[], currency: string | null) {
    return this.disputes.figures(customerIds, currency);
  }

  // ---- ERP inputs ----------------------------------------------------------

  /** Open orders as reported by the ERP; a report older than the stored one is ignored. Re-evaluates the exposure alert. */
  async setOpenOrders(entityCode: string | undefined, externalId: string, dto: { amount: string; currency: string; asOf?: string }) {
    const errors: FieldError[] = [];
    const amountMinor = nonNegativeAmount('amount', dto.amount, dto.currency, errors);
    if (errors.length > 0) throw new FieldValidationError(errors);
    const entity = await this.entityByCode(entityCode);
    const customer = await this.customerByExternalId(entity, externalId);
    const asOf = dto.asOf ? new Date(dto.asOf) : this.clock.now();
    await this.dataSource.query(
      `INSERT INTO customer_open_orders (customer_id, amount_minor, currency, as_of) VALUES ($1, $2, $3, $4)
       ON CONFLICT (customer_id) DO UPDATE SET amount_minor = EXCLUDED.amount_minor, currency = EXCLUDED.currency,
         as_of = EXCLUDED.as_of, updated_at = now()
       WHERE customer_open_orders.as_of <= EXCLUDED.as_of`,
      [customer.id, amountMinor.toString(), dto.currency, asOf],
    );
    await this.evaluateExposureSafely(customer.id);
    const stored = await this.dataSource.manager.findOneByOrFail(CustomerOpenOrders, { customerId: customer.id });
    return {
      customerExternalId: externalId, amount: formatAmount(stored.amountMinor, stored.currency), currency: stored.currency,
      asOf: stored.asOf.toISOString(),
    };
  }

  /** A limit set directly (ERP or credit manager): a `manual` row in the limits' history. */
  async setCreditLimit(entityCode: string | undefined, externalId: string, dto: { amount: string; currency: string }) {
    const errors: FieldError[] = [];
    const amountMinor = nonNegativeAmount('amount', dto.amount, dto.currency, errors);
    if (errors.length > 0) throw new FieldValidationError(errors);
    const entity = await this.entityByCode(entityCode);
    const customer = await this.customerByExternalId(entity, externalId);
    await this.dataSource.transaction(async (manager) => {
      await manager.findOne(Customer, { where: { id: customer.id }, lock: { mode: 'pessimistic_write' } });
      const previous = await manager.findOne(CustomerCreditLimit, { where: { customerId: customer.id }, order: { seq: 'DESC' } });
      if (previous && previous.amountMinor === amountMinor && previous.currency === dto.currency) return; // a retry
      await manager.insert(CustomerCreditLimit, {
        customerId: customer.id, amountMinor, currency: dto.currency, kind: 'manual', validUntil: null, requestId: null,
        previousAmountMinor: previous?.amountMinor ?? null, previousCurrency: previous?.amountMinor == null ? null : previous.currency,
      });
    });
    await this.evaluateExposureSafely(customer.id);
    return { customerExternalId: externalId, amount: formatAmount(amountMinor, dto.currency), currency: dto.currency };
  }

  // ---- Exposure alerts -----------------------------------------------------

  /** For hooks after a commit (intake, payments, limit changes): never throws, logs instead. */
  async evaluateExposureSafely(customerId: string): Promise<void> {
    try {
      await this.evaluateExposure(customerId);
    } catch (err) {
      this.logger.error(`Exposure check of customer ${customerId} failed: ${(err as Error).message}`);
    }
  }

  /**
   * Compares exposure (receivables + open orders) with the limit and the
   * policy's alert share; raises an alert (mail to credit managers + a
   * collector task) on an upward transition only, and re-arms when exposure
   * falls back. Returns the level now in force.
   */
  async evaluateExposure(customerId: string): Promise<{ level: ExposureAlertLevel; raised: boolean }> {
    const s = await this.situationById(customerId);
    const policy = await this.policies.policyFor(s.entityId);
    const exposure = s.receivablesMinor + (s.ordersCurrency === s.limitCurrency ? s.ordersMinor : 0n);
    let level: ExposureAlertLevel = 'none';
    if (s.limitMinor !== null) {
      if (exposure > s.limitMinor) level = 'over_limit';
      else if (s.limitMinor > 0n && exposure * 100n >= BigInt(policy.exposureAlertSharePercent) * s.limitMinor) level = 'warning';
    }
    if (level === 'none') {
      // Nothing to raise: only re-arm a customer that was at a higher level (no row written otherwise).
      await this.dataSource.query(
        `UPDATE customer_exposure_alerts SET level = 'none', updated_at = now() WHERE customer_id = $1 AND level <> 'none'`, [customerId],
      );
      return { level, raised: false };
    }
    const currency = s.limitCurrency!;
    const fmt = (m: bigint) => `${formatAmount(m, currency)} ${currency}`;
    const what = level === 'over_limit'
      ? `is over its credit limit: exposure ${fmt(exposure)} for a limit of ${fmt(s.limitMinor!)}`
      : `reached ${policy.exposureAlertSharePercent} % of its credit limit: exposure ${fmt(exposure)} for a limit of ${fmt(s.limitMinor!)}`;
    const subject = `Credit alert: ${s.name} ${level === 'over_limit' ? 'over its credit limit' : 'near its credit limit'}`;
    const body = `Customer ${s.name} (${s.externalId}) ${what} ` +
      `(open receivables ${fmt(s.receivablesMinor)}, open orders ${fmt(s.ordersMinor)}).`;
    const data = { level, exposure: formatAmount(exposure, currency), limit: formatAmount(s.limitMinor!, currency), currency };
    // The level and the collector task commit together: a crash cannot record the crossing and lose its alert.
    const key = await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO customer_exposure_alerts (customer_id, level, crossings) VALUES ($1, 'none', 0) ON CONFLICT DO NOTHING`, [customerId],
      );
      const current = await manager.findOneOrFail(CustomerExposureAlert, { where: { customerId }, lock: { mode: 'pessimistic_write' } });
      if (current.level === level) return null;
      const upward = LEVEL_RANK[level] > LEVEL_RANK[current.level];
      const crossings = upward ? current.crossings + 1 : current.crossings;
      await manager.update(CustomerExposureAlert, { customerId }, { level, crossings });
      if (!upward) return null;
      const alertKey = `credit_alert:${customerId}:${crossings}:${level}`;
      await this.insertAlertTask(manager, s.customerId, alertKey, 'credit_alert', subject, data);
      return alertKey;
    });
    if (!key) return { level, raised: false };
    await this.mailCreditManagers(s.customerId, key, 'credit.exposure_alert', subject, body);
    return { level, raised: true };
  }

  /** Mail to every credit manager and one collector task, both idempotent on `key`. */
  private async alert(
    customerId: string, key: string, kind: 'credit_alert' | 'class_degraded', topic: string, subject: string, body: string,
    data: Record<string, unknown>,
  ): Promise<void> {
    await this.insertAlertTask(this.dataSource.manager, customerId, key, kind, subject, data);
    await this.mailCreditManagers(customerId, key, topic, subject, body);
  }

  private async insertAlertTask(
    manager: EntityManager, customerId: string, key: string, kind: 'credit_alert' | 'class_degraded', subject: string,
    data: Record<string, unknown>,
  ): Promise<void> {
    await manager.createQueryBuilder().insert().into(CollectorTask).values({
      idempotencyKey: key, kind, status: 'open', invoiceId: null, customerId, step: kind, title: subject.slice(0, 300),
      dueAt: this.clock.now(), data,
    } as QueryDeepPartialEntity<CollectorTask>).orIgnore().updateEntity(false).execute();
  }

  private async mailCreditManagers(customerId: string, key: string, topic: string, subject: string, body: string): Promise<void> {
    const managers = await this.users.usersWithRole('credit_manager');
    for (const user of managers) {
      await this.mail.send({ idempotencyKey: `${key}:${user.id}`, customerId, topic, to: user.email, subject, body });
    }
  }

  // ---- Scoring -------------------------------------------------------------

  /** Rescores customers (ids in one page); persists changed scores, copies the class to the customer, alerts degradations. */
  async rescore(customerIds: readonly string[]): Promise<RescoreOutcome> {
    if (customerIds.length === 0) return { scored: 0, written: 0, degraded: 0 };
    const ids = [...customerIds];
    const [customers, settled, open, external, previous] = await Promise.all([
      this.dataSource.query(
        `SELECT c.id, c.name, c.external_id AS "externalId", c.risk_class AS "riskClass", e.time_zone AS "timeZone"
           FROM customers c JOIN legal_entities e ON e.id = c.entity_id WHERE c.id = ANY($1::uuid[])`, [ids],
      ) as Promise<{ id: string; name: string; externalId: string; riskClass: string | null; timeZone: string }[]>,
      this.dataSource.query(
        `SELECT i.id, i.customer_id AS "customerId", i.amount_minor::text AS amount, i.currency,
                to_char(i.issue_date, 'YYYY-MM-DD') AS "issueDate", to_char(i.due_date, 'YYYY-MM-DD') AS "dueDate",
                to_char((MAX(p.received_at) AT TIME ZONE e.time_zone)::date, 'YYYY-MM-DD') AS "paidDate"
           FROM invoices i
           JOIN legal_entities e ON e.id = i.entity_id
           JOIN payment_allocations a ON a.invoice_id = i.id
           JOIN payments p ON p.id = a.payment_id
          WHERE i.customer_id = ANY($1::uuid[]) AND i.status = 'paid'
          GROUP BY i.id, e.time_zone
         HAVING MAX(p.received_at) > $2::timestamptz - interval '13 months'`, [ids, this.clock.now()],
      ) as Promise<{ id: string; customerId: string; amount: string; currency: string; issueDate: string; dueDate: string; paidDate: string }[]>,
      this.dataSource.query(
        `SELECT id, customer_id AS "customerId", open_amount_minor::text AS amount, currency, to_char(due_date, 'YYYY-MM-DD') AS "dueDate"
           FROM invoices WHERE customer_id = ANY($1::uuid[]) AND status = 'open'`, [ids],
      ) as Promise<{ id: string; customerId: string; amount: string; currency: string; dueDate: string }[]>,
      this.dataSource.query(
        `SELECT DISTINCT ON (customer_id) customer_id AS "customerId", provider, score, rating, to_char(assessed_on, 'YYYY-MM-DD') AS "assessedOn"
           FROM customer_external_scores WHERE customer_id = ANY($1::uuid[]) ORDER BY customer_id, seq DESC`, [ids],
      ) as Promise<{ customerId: string; provider: string; score: number | null; rating: RiskClass | null; assessedOn: string }[]>,
      this.dataSource.query(
        `SELECT DISTINCT ON (customer_id) customer_id AS "customerId", class, behaviour_class AS "behaviourClass", figures, reasons
           FROM customer_scores WHERE customer_id = ANY($1::uuid[]) ORDER BY customer_id, seq DESC`, [ids],
      ) as Promise<{ customerId: string; class: RiskClass; behaviourClass: string; figures: unknown; reasons: unknown }[]>,
    ]);
    const disputes = await this.disputeFigures(ids, null);
    const group = <T extends { customerId: string }>(rows: T[]) => {
      const m = new Map<string, T[]>();
      for (const r of rows) (m.get(r.customerId) ?? m.set(r.customerId, []).get(r.customerId)!).push(r);
      return m;
    };
    const settledBy = group(settled);
    const openBy = group(open);
    const externalBy = new Map(external.map((e) => [e.customerId, e]));
    const previousBy = new Map(previous.map((p) => [p.customerId, p]));

    const inserts: Partial<CustomerScore>[] = [];
    const degradations: { customer: (typeof customers)[number]; from: RiskClass; score: PaymentBehaviourScore }[] = [];
    for (const c of customers) {
      const disputed = disputes.get(c.id)?.disputedInvoiceIds ?? NO_DISPUTES.disputedInvoiceIds;
      const ext = externalBy.get(c.id);
      const externalScore: ExternalScore | undefined = ext
        ? { provider: ext.provider, assessedOn: ext.assessedOn, ...(ext.rating ? { class: ext.rating } : { score: ext.score! }) }
        : undefined;
      const asOf = dateInZone(this.clock.nowMs(), c.timeZone);
      const score = scorePaymentBehaviour({
        asOf,
        settled: (settledBy.get(c.id) ?? []).map((r): SettledInvoiceHistory => ({
          amountMinor: BigInt(r.amount), currency: r.currency, issueDate: r.issueDate, dueDate: r.dueDate, paidDate: r.paidDate,
          disputed: disputed.has(r.id),
        })).filter((r) => r.paidDate <= asOf),
        open: (openBy.get(c.id) ?? []).map((r): OpenInvoiceHistory => ({
          amountMinor: BigInt(r.amount), currency: r.currency, dueDate: r.dueDate, disputed: disputed.has(r.id),
        })),
        ...(externalScore ? { external: externalScore } : {}),
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
    const changedClass = customers.filter((c) => {
      const last = inserts.find((i) => i.customerId === c.id)?.class ?? previousBy.get(c.id)?.class;
      return last !== undefined && last !== c.riskClass;
    });
    // The history row and the customer's class change together.
    const inserted = await this.dataSource.transaction(async (manager) => {
      const result = inserts.length > 0 ? await manager.insert(CustomerScore, inserts as QueryDeepPartialEntity<CustomerScore>[]) : null;
      if (changedClass.length > 0) {
        const classOf = new Map(inserts.map((i) => [i.customerId!, i.class!]));
        await manager.query(
          `UPDATE customers c SET risk_class = v.cls, updated_at = now()
             FROM unnest($1::uuid[], $2::text[]) AS v(id, cls) WHERE c.id = v.id AND c.risk_class IS DISTINCT FROM v.cls`,
          [changedClass.map((c) => c.id), changedClass.map((c) => classOf.get(c.id) ?? previousBy.get(c.id)!.class)],
        );
      }
      return result;
    });
    for (const d of degradations) {
      const idx = inserts.findIndex((i) => i.customerId === d.customer.id);
      const scoreId = String(inserted?.identifiers[idx]?.id ?? d.score.class);
      const subject = `Risk class degraded: ${d.customer.name} from ${d.from} to ${d.score.class}`;
      const body = `Customer ${d.customer.name} (${d.customer.externalId}) moved from class ${d.from} to ${d.score.class}.\n` +
        d.score.reasons.map((r) => `- ${r.message}`).join('\n');
      await this.alert(d.customer.id, `class_degraded:${d.customer.id}:${scoreId}`, 'class_degraded', 'credit.class_degraded', subject, body, {
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
    for (const id of new Set(customerIds)) await this.evaluateExposureSafely(id);
  }

  /** One page of the portfolio in id order, for the nightly rescoring. */
  async rescorePage(afterId: string | null, limit: number): Promise<RescoreOutcome & { lastId: string | null }> {
    const rows = (await this.dataSource.query(
      `SELECT id FROM customers WHERE ($1::uuid IS NULL OR id > $1::uuid) ORDER BY id LIMIT $2`, [afterId, limit],
    )) as { id: string }[];
    const ids = rows.map((r) => r.id);
    const outcome = await this.rescore(ids);
    // Catches what no event re-checked (a limit set by an approved request, a temporary limit's end).
    await this.reconcileExposureLevels(ids);
    return { ...outcome, lastId: rows.length < limit ? null : rows[rows.length - 1]!.id };
  }

  /** Re-evaluates (and alerts) only the customers whose stored alert level no longer matches their exposure. */
  async reconcileExposureLevels(customerIds: readonly string[]): Promise<number> {
    if (customerIds.length === 0) return 0;
    const rows = (await this.dataSource.query(
      `SELECT c.id, c.entity_id AS "entityId", l.amount_minor::text AS "limitMinor", l.currency AS "limitCurrency",
              o.amount_minor::text AS "ordersMinor", o.currency AS "ordersCurrency", COALESCE(a.level, 'none') AS level,
              (SELECT COALESCE(SUM(open_amount_minor), 0) FROM invoices
                WHERE customer_id = c.id AND status = 'open' AND currency = l.currency)::text AS receivables
         FROM customers c
         LEFT JOIN LATERAL (SELECT amount_minor, currency FROM customer_credit_limits
                             WHERE customer_id = c.id ORDER BY seq DESC LIMIT 1) l ON true
         LEFT JOIN customer_open_orders o ON o.customer_id = c.id
         LEFT JOIN customer_exposure_alerts a ON a.customer_id = c.id
        WHERE c.id = ANY($1::uuid[])`, [customerIds],
    )) as { id: string; entityId: string; limitMinor: string | null; limitCurrency: string | null; ordersMinor: string | null;
      ordersCurrency: string | null; level: ExposureAlertLevel; receivables: string }[];
    let changed = 0;
    for (const r of rows) {
      let level: ExposureAlertLevel = 'none';
      if (r.limitMinor !== null) {
        const limit = BigInt(r.limitMinor);
        const exposure = BigInt(r.receivables) + (r.ordersMinor !== null && r.ordersCurrency === r.limitCurrency ? BigInt(r.ordersMinor) : 0n);
        const share = BigInt((await this.policies.policyFor(r.entityId)).exposureAlertSharePercent);
        if (exposure > limit) level = 'over_limit';
        else if (limit > 0n && exposure * 100n >= share * limit) level = 'warning';
      }
      if (level !== r.level) {
        changed++;
        await this.evaluateExposureSafely(r.id);
      }
    }
    return changed;
  }

  async postExternalScore(
    entityCode: string | undefined, externalId: string,
    dto: { provider: string; score?: number; rating?: string; asOf: string },
  ) {
    const errors: FieldError[] = [];
    if ((dto.score === undefined) === (dto.rating === undefined)) {
      errors.push({ field: 'score', messages: ['give exactly one of score (0–100) and rating (A–E)'] });
    }
    // Tomorrow in UTC: the latest "today" anywhere on Earth.
    if (dto.asOf > addOneDay(dateInZone(this.clock.nowMs(), 'UTC'))) {
      errors.push({ field: 'asOf', messages: ['asOf must not be in the future'] });
    }
    if (errors.length > 0) throw new FieldValidationError(errors);
    const entity = await this.entityByCode(entityCode);
    const customer = await this.customerByExternalId(entity, externalId);
    await this.dataSource.manager.insert(CustomerExternalScore, {
      customerId: customer.id, provider: dto.provider, score: dto.score ?? null, rating: dto.rating ?? null, assessedOn: dto.asOf,
    });
    await this.rescore([customer.id]);
    return this.risk(entityCode, externalId);
  }

  // ---- Risk view -------------------------------------------------------------

  async risk(entityCode: string | undefined, externalId: string, predictedReceipts: readonly PredictedReceipt[] = []) {
    const entity = await this.entityByCode(entityCode);
    let s = await this.situation(entity, externalId);
    // Every customer has a class with its reasons: one never scored yet (new since the last night) is scored now.
    if (!(await this.dataSource.manager.existsBy(CustomerScore, { customerId: s.customerId }))) {
      await this.rescore([s.customerId]);
      s = await this.situation(entity, externalId);
    }
    const [policy, limits, score, external, alert] = await Promise.all([
      this.policies.policyFor(entity.id),
      this.dataSource.manager.find(CustomerCreditLimit, { where: { customerId: s.customerId }, order: { seq: 'DESC' }, take: 20 }),
      this.dataSource.manager.findOne(CustomerScore, { where: { customerId: s.customerId }, order: { seq: 'DESC' } }),
      this.dataSource.manager.findOne(CustomerExternalScore, { where: { customerId: s.customerId }, order: { seq: 'DESC' } }),
      this.dataSource.manager.findOneBy(CustomerExposureAlert, { customerId: s.customerId }),
    ]);
    const disputes = (await this.disputeFigures([s.customerId], s.limitCurrency ?? entityCurrency(entity))).get(s.customerId) ?? NO_DISPUTES;
    return buildCustomerRiskView({
      situation: s, currency: s.limitCurrency ?? entityCurrency(entity), exposureAlertSharePercent: policy.exposureAlertSharePercent,
      limits, score, external, alertLevel: alert?.level ?? 'none', disputes,
    }, predictedReceipts);
  }
}

function entityCurrency(_entity: LegalEntity): string {
  return 'EUR';
}

function abs(v: bigint): bigint {
  return v < 0n ? -v : v;
}

function addOneDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}


