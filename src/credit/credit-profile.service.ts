import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner } from 'typeorm';
import { CreditLimitHistory, type CreditLimitRecord } from '../credit-limit-requests/credit-limit-history.js';
import { CustomerDirectory } from '../customers/customer-directory.js';
import { ExposureAlertsService } from './exposure-alerts.service.js';

export interface CreditLimitAmount {
  amountMinor: bigint;
  currency: string;
}

export interface CreditLimitSetting extends CreditLimitAmount {
  /** Who set it: `credit-limit-request:<request id>` (recorded with the request) or anything else (`erp`, `api`…: a manual change). */
  source: string;
  /** For a request's change: a temporary limit (with its last day) instead of a permanent one. */
  kind?: 'permanent' | 'temporary';
  validUntil?: string | null;
}

const REQUEST_SOURCE = /^credit-limit-request:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/**
 * A customer's credit limit for other capabilities (credit-limit requests,
 * the ERP): the latest row of the limit history (credit-limit requests own it) is in force. Setting a
 * limit inside the caller's transaction re-evaluates the customer's exposure
 * alert once that transaction commits (nothing if it rolls back), so a lower
 * limit alerts at once and a higher one re-arms.
 */
@Injectable()
export class CreditProfileService implements OnModuleInit {
  /** Customers whose limit changed inside a still-open transaction, by query runner. */
  private readonly pending = new WeakMap<QueryRunner, Set<string>>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ExposureAlertsService) private readonly alerts: ExposureAlertsService,
    @Inject(CreditLimitHistory) private readonly history: CreditLimitHistory,
    @Inject(CustomerDirectory) private readonly customers: CustomerDirectory,
  ) {}

  onModuleInit(): void {
    const subscriber: EntitySubscriberInterface = {
      afterTransactionCommit: ({ queryRunner }) => {
        if (queryRunner.isTransactionActive) return undefined; // a savepoint: wait for the outer commit
        const ids = this.pending.get(queryRunner);
        if (!ids) return undefined;
        this.pending.delete(queryRunner);
        return this.reevaluate(ids);
      },
      afterTransactionRollback: ({ queryRunner }) => {
        if (!queryRunner.isTransactionActive) this.pending.delete(queryRunner);
      },
    };
    this.dataSource.subscribers.push(subscriber);
  }

  /** The limit in force, or null (none ever set, or reverted to none). */
  async currentLimit(customerId: string): Promise<CreditLimitAmount | null> {
    return this.latest(this.dataSource.manager, customerId);
  }

  /** The limits in force of these customers (those without one are absent). */
  async currentLimits(customerIds: readonly string[]): Promise<Map<string, CreditLimitAmount>> {
    const rows = await this.history.latestFor(customerIds);
    return new Map([...rows].filter(([, r]) => r.amountMinor !== null).map(([id, r]) => [id, { amountMinor: r.amountMinor!, currency: r.currency }]));
  }

  /** Every change of the customer's limit, oldest first: the account's timeline. */
  async limitHistory(customerId: string): Promise<Omit<CreditLimitRecord, 'customerId'>[]> {
    const rows = await this.history.all(customerId);
    return rows.map(({ amountMinor, currency, kind, validUntil, requestId, previousAmountMinor, previousCurrency, createdAt }) => ({
      amountMinor, currency, kind, validUntil, requestId, previousAmountMinor, previousCurrency, createdAt,
    }));
  }

  /**
   * Records a new limit within `manager`'s transaction (locking the customer's
   * row, so concurrent changes serialise) and answers the one it replaced.
   */
  async setLimit(manager: EntityManager, customerId: string, setting: CreditLimitSetting): Promise<{ previous: CreditLimitAmount | null }> {
    if (manager.queryRunner?.isTransactionActive) await this.customers.lockForUpdate(manager, customerId);
    const previous = await this.latest(manager, customerId);
    const requestId = REQUEST_SOURCE.exec(setting.source)?.[1] ?? null;
    await this.history.append(manager, {
      customerId, amountMinor: setting.amountMinor, currency: setting.currency,
      kind: requestId ? (setting.kind ?? 'permanent') : 'manual',
      validUntil: requestId && setting.kind === 'temporary' ? (setting.validUntil ?? null) : null,
      requestId, previousAmountMinor: previous?.amountMinor ?? null, previousCurrency: previous?.currency ?? null,
    });
    await this.limitChanged(manager, customerId);
    return { previous };
  }

  /**
   * For a limit written by other means (e.g. the credit-limit ledger's own
   * rows): re-evaluates the customer's exposure alert once `manager`'s
   * transaction commits, or at once outside a transaction.
   */
  async limitChanged(manager: EntityManager, customerId: string): Promise<void> {
    const runner = manager.queryRunner;
    if (runner?.isTransactionActive) {
      const ids = this.pending.get(runner) ?? new Set<string>();
      ids.add(customerId);
      this.pending.set(runner, ids);
    } else {
      await this.alerts.evaluateExposureSafely(customerId);
    }
  }

  private async latest(manager: EntityManager, customerId: string): Promise<CreditLimitAmount | null> {
    const row = await this.history.latest(customerId, manager);
    return row && row.amountMinor !== null ? { amountMinor: row.amountMinor, currency: row.currency } : null;
  }

  private async reevaluate(customerIds: ReadonlySet<string>): Promise<void> {
    for (const id of customerIds) await this.alerts.evaluateExposureSafely(id);
  }
}
