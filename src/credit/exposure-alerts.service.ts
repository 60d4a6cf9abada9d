import { Inject, Injectable, Logger } from '@nestjs/common';
import { taskTitle } from '../../activities/task-titles.js';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource } from 'typeorm';
import { formatAmount } from '../../workflows/domain/money.js';
import { CreditLimitHistory } from '../credit-limit-requests/credit-limit-history.js';
import { CustomerDirectory } from '../customers/customer-directory.js';
import { ReceivablesReader } from '../invoices/receivables.reader.js';
import { CreditAlertNotifier } from './credit-alerts.js';
import { CreditPolicyService } from './credit-policy.service.js';
import { CustomerExposureAlert, CustomerOpenOrders, type ExposureAlertLevel } from './credit.entities.js';
import { CustomerSituationService } from './customer-situation.service.js';

const LEVEL_RANK: Readonly<Record<ExposureAlertLevel, number>> = { none: 0, warning: 1, over_limit: 2 };

/** The level exposure (receivables + open orders) stands at against the limit and the policy's alert share. */
function exposureLevel(limitMinor: bigint | null, exposureMinor: bigint, alertSharePercent: number): ExposureAlertLevel {
  if (limitMinor === null) return 'none';
  if (exposureMinor > limitMinor) return 'over_limit';
  if (limitMinor > 0n && exposureMinor * 100n >= BigInt(alertSharePercent) * limitMinor) return 'warning';
  return 'none';
}

/**
 * Exposure alerts: a mail to credit managers and a collector task when a
 * customer's exposure crosses the policy's share of its limit or the limit
 * itself, once per crossing, re-armed when exposure falls back.
 */
@Injectable()
export class ExposureAlertsService {
  private readonly logger = new Logger(ExposureAlertsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CustomerSituationService) private readonly situations: CustomerSituationService,
    @Inject(CreditPolicyService) private readonly policies: CreditPolicyService,
    @Inject(CreditAlertNotifier) private readonly notifier: CreditAlertNotifier,
    @Inject(CustomerDirectory) private readonly customers: CustomerDirectory,
    @Inject(CreditLimitHistory) private readonly limits: CreditLimitHistory,
    @Inject(ReceivablesReader) private readonly receivables: ReceivablesReader,
  ) {}

  /** Customers whose exposure alert is in force (warning: past the policy's share of the limit; over_limit), for metrics. */
  async openAlertCounts(): Promise<Record<Exclude<ExposureAlertLevel, 'none'>, number>> {
    const rows = await this.dataSource.query<{ level: ExposureAlertLevel; count: string }[]>(
      `SELECT level, count(*) AS count FROM customer_exposure_alerts WHERE level <> 'none' GROUP BY level`,
    );
    const counts = { warning: 0, over_limit: 0 };
    for (const row of rows) if (row.level !== 'none') counts[row.level] = Number(row.count);
    return counts;
  }

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
    // Most customers have no limit: their level is 'none' whatever they owe, so their situation
    // (customer, entity, receivables, orders, policy: five round trips on every intake) is not read.
    const limit = (await this.limits.latestFor([customerId])).get(customerId);
    if (!limit || limit.amountMinor === null) return this.rearm(customerId);
    const s = await this.situations.situationById(customerId);
    const policy = await this.policies.policyFor(s.entityId);
    const exposure = s.receivablesMinor + (s.ordersCurrency === s.limitCurrency ? s.ordersMinor : 0n);
    const level = exposureLevel(s.limitMinor, exposure, policy.exposureAlertSharePercent);
    if (level === 'none') return this.rearm(customerId);
    const currency = s.limitCurrency!;
    const fmt = (m: bigint) => `${formatAmount(m, currency)} ${currency}`;
    const what = level === 'over_limit'
      ? `is over its credit limit: exposure ${fmt(exposure)} for a limit of ${fmt(s.limitMinor!)}`
      : `reached ${policy.exposureAlertSharePercent} % of its credit limit: exposure ${fmt(exposure)} for a limit of ${fmt(s.limitMinor!)}`;
    const title = taskTitle('EXPOSURE_ALERT', { customer: s.name, level });
    const subject = title.title;
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
      await this.notifier.openTask(s.customerId, alertKey, 'credit_alert', title, data, manager);
      return alertKey;
    });
    if (!key) return { level, raised: false };
    await this.notifier.mailCreditManagers(s.customerId, key, 'credit.exposure_alert', subject, body);
    return { level, raised: true };
  }

  /** Re-evaluates (and alerts) only the customers whose stored alert level no longer matches their exposure. */
  async reconcileExposureLevels(customerIds: readonly string[]): Promise<number> {
    if (customerIds.length === 0) return 0;
    const ids = [...customerIds];
    const [customers, limits, orders, alerts, totals] = await Promise.all([
      this.customers.findMany(ids),
      this.limits.latestFor(ids),
      this.dataSource.manager.findBy(CustomerOpenOrders, { customerId: In(ids) }),
      this.dataSource.manager.findBy(CustomerExposureAlert, { customerId: In(ids) }),
      this.receivables.openTotals(ids),
    ]);
    const ordersBy = new Map(orders.map((o) => [o.customerId, o]));
    const levelBy = new Map(alerts.map((a) => [a.customerId, a.level]));
    const receivablesBy = new Map(totals.map((t) => [`${t.customerId}:${t.currency}`, t.openAmountMinor]));
    let changed = 0;
    for (const c of customers.values()) {
      const limit = limits.get(c.id);
      let level: ExposureAlertLevel = 'none';
      if (limit && limit.amountMinor !== null) {
        const o = ordersBy.get(c.id);
        const receivables = receivablesBy.get(`${c.id}:${limit.currency}`) ?? 0n;
        const exposure = receivables + (o && o.currency === limit.currency ? o.amountMinor : 0n);
        level = exposureLevel(limit.amountMinor, exposure, (await this.policies.policyFor(c.entityId)).exposureAlertSharePercent);
      }
      if (level !== (levelBy.get(c.id) ?? 'none')) {
        changed++;
        await this.evaluateExposureSafely(c.id);
      }
    }
    return changed;
  }

  /** Nothing to raise: only re-arm a customer that was at a higher level (no row written otherwise). */
  private async rearm(customerId: string): Promise<{ level: ExposureAlertLevel; raised: boolean }> {
    await this.dataSource.query(
      `UPDATE customer_exposure_alerts SET level = 'none', updated_at = now() WHERE customer_id = $1 AND level <> 'none'`, [customerId],
    );
    return { level: 'none', raised: false };
  }
}
