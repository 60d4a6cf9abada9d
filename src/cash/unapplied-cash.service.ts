import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { formatAmount } from '../../workflows/domain/money.js';
import { CustomerCredit } from './customer-credit.entity.js';

export interface UnappliedCashTotal {
  customerId: string;
  currency: string;
  amount: string;
  amountMinor: bigint;
  /** Oldest credit still unapplied (for ageing). */
  oldestReceivedOn: string;
  credits: number;
}

export interface UnappliedCashItem {
  id: string;
  bankLineId: string;
  paymentId: string;
  currency: string;
  amount: string;
  receivedOn: string;
}

/**
 * Cash on customers' accounts that no invoice took (over-payments, payments
 * on account): for the customer account and the aged balance. Exported read
 * side of cash_customer_credits.
 */
@Injectable()
export class UnappliedCashService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One total per customer and currency; `customerIds` narrows (all of the entity's otherwise). */
  async totals(entityId: string, customerIds?: readonly string[]): Promise<UnappliedCashTotal[]> {
    const q = this.dataSource.manager.createQueryBuilder(CustomerCredit, 'c')
      .select('c.customer_id', 'customerId').addSelect('c.currency', 'currency')
      .addSelect('SUM(c.amount_minor)::text', 'amountMinor').addSelect('MIN(c.received_on)::text', 'oldestReceivedOn')
      .addSelect('COUNT(*)::int', 'credits')
      .where('c.entity_id = :entityId', { entityId })
      .groupBy('c.customer_id').addGroupBy('c.currency').orderBy('c.customer_id').addOrderBy('c.currency');
    if (customerIds) {
      if (customerIds.length === 0) return [];
      q.andWhere('c.customer_id IN (:...customerIds)', { customerIds });
    }
    const rows = await q.getRawMany<{ customerId: string; currency: string; amountMinor: string; oldestReceivedOn: string; credits: number }>();
    return rows.map((r) => ({ ...r, amountMinor: BigInt(r.amountMinor), amount: formatAmount(BigInt(r.amountMinor), r.currency) }));
  }

  async ofCustomer(customerId: string): Promise<UnappliedCashItem[]> {
    const rows = await this.dataSource.manager.find(CustomerCredit, { where: { customerId }, order: { receivedOn: 'ASC', createdAt: 'ASC' } });
    return rows.map((r) => ({
      id: r.id, bankLineId: r.bankLineId, paymentId: r.paymentId, currency: r.currency, amount: formatAmount(r.amountMinor, r.currency), receivedOn: r.receivedOn,
    }));
  }
}
