import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { CustomerCreditLimit } from './customer-credit-limit.entity.js';

/** One row of a customer's limit history (the latest one is in force; a null amount: no limit). */
export type CreditLimitRecord = Pick<
  CustomerCreditLimit,
  'customerId' | 'amountMinor' | 'currency' | 'kind' | 'validUntil' | 'requestId' | 'previousAmountMinor' | 'previousCurrency' | 'createdAt'
>;

export type NewCreditLimitRecord = Omit<CreditLimitRecord, 'createdAt'>;

/**
 * Customers' credit-limit history (`customer_credit_limits`, owned here) for
 * the credit capability: the limit in force, the recent history, and new rows
 * written inside the caller's transaction.
 */
@Injectable()
export class CreditLimitHistory {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The latest row for the customer (null when none was ever recorded). */
  async latest(customerId: string, manager: EntityManager = this.dataSource.manager): Promise<CreditLimitRecord | null> {
    return manager.findOne(CustomerCreditLimit, { where: { customerId }, order: { seq: 'DESC' } });
  }

  /** The latest row of each customer that has one, in one query. */
  async latestFor(customerIds: readonly string[]): Promise<Map<string, CreditLimitRecord>> {
    if (customerIds.length === 0) return new Map();
    const rows = (await this.dataSource.query(
      `SELECT DISTINCT ON (customer_id) customer_id AS "customerId", amount_minor::text AS "amountMinor", currency, kind,
              to_char(valid_until, 'YYYY-MM-DD') AS "validUntil", request_id AS "requestId",
              previous_amount_minor::text AS "previousAmountMinor", previous_currency AS "previousCurrency", created_at AS "createdAt"
         FROM customer_credit_limits WHERE customer_id = ANY($1::uuid[]) ORDER BY customer_id, seq DESC`,
      [[...customerIds]],
    )) as (Omit<CreditLimitRecord, 'amountMinor' | 'previousAmountMinor'> & { amountMinor: string | null; previousAmountMinor: string | null })[];
    const big = (v: string | null) => (v === null ? null : BigInt(v));
    return new Map(rows.map((r) => [r.customerId, { ...r, amountMinor: big(r.amountMinor), previousAmountMinor: big(r.previousAmountMinor) }]));
  }

  /** Newest first. */
  async recent(customerId: string, take: number): Promise<CreditLimitRecord[]> {
    return this.dataSource.manager.find(CustomerCreditLimit, { where: { customerId }, order: { seq: 'DESC' }, take });
  }

  /** Every row, oldest first. */
  async all(customerId: string): Promise<CreditLimitRecord[]> {
    return this.dataSource.manager.find(CustomerCreditLimit, { where: { customerId }, order: { seq: 'ASC' } });
  }

  async append(manager: EntityManager, record: NewCreditLimitRecord): Promise<void> {
    await manager.insert(CustomerCreditLimit, record);
  }
}
