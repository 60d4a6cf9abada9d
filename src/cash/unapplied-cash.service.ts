import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { CustomerCreditQuery, CustomerCreditReader, OpenCustomerCredit } from '../common/customer-credit.js';
import { formatAmount } from '../../workflows/domain/money.js';
import { CreditAllocation } from './credit-allocation.entity.js';
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
  source: 'bank_line';
  bankLineId: string;
  paymentId: string;
  currency: string;
  /** As received; `unapplied` is what is left after the allocations below. */
  amount: string;
  unapplied: string;
  receivedOn: string;
  allocations: { invoiceExternalId: string; invoiceNumber: string; amount: string; allocatedOn: string; allocatedBy: string }[];
}

interface CreditRow {
  id: string; entity_id: string; customer_id: string; bank_line_id: string; currency: string; amount_minor: string; remaining_minor: string; received_on: string; reference: string | null;
}

/**
 * Cash on customers' accounts that no invoice took (over-payments, payments
 * on account): for the customer account and the aged balance. Exported read
 * side of cash_customer_credits and cash_credit_allocations (the customer
 * credit reader of source `bank_line`).
 */
@Injectable()
export class UnappliedCashService implements CustomerCreditReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Credits with something unapplied as of `asOf` (default now), oldest first. */
  async openCredits(query: CustomerCreditQuery): Promise<OpenCustomerCredit[]> {
    if (query.customerIds && query.customerIds.length === 0) return [];
    const params: unknown[] = [];
    const where: string[] = [];
    const param = (v: unknown) => `$${params.push(v)}`;
    if (query.entityId) where.push(`c.entity_id = ${param(query.entityId)}`);
    if (query.customerIds) where.push(`c.customer_id = ANY(${param(query.customerIds)}::uuid[])`);
    if (query.currency) where.push(`c.currency = ${param(query.currency)}`);
    let remaining = 'c.amount_minor - c.allocated_minor';
    if (query.asOf) {
      const day = param(query.asOf);
      where.push(`c.received_on <= ${day}::date`);
      remaining = `c.amount_minor - COALESCE((SELECT SUM(a.amount_minor) FROM cash_credit_allocations a WHERE a.credit_id = c.id AND a.allocated_on <= ${day}::date), 0)`;
    }
    const rows: CreditRow[] = await this.dataSource.query(
      `SELECT * FROM (
         SELECT c.id, c.entity_id, c.customer_id, c.bank_line_id, c.currency, c.amount_minor::text, (${remaining})::text AS remaining_minor, c.received_on::text,
                COALESCE(l.end_to_end_id, l.bank_reference, l.payer_name) AS reference
         FROM cash_customer_credits c JOIN bank_lines l ON l.id = c.bank_line_id ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ) x WHERE x.remaining_minor::bigint > 0 ORDER BY x.received_on, x.id`,
      params,
    );
    return rows.map((r) => ({
      id: r.id, source: 'bank_line', sourceId: r.bank_line_id, reference: r.reference, entityId: r.entity_id, customerId: r.customer_id, currency: r.currency,
      amountMinor: BigInt(r.amount_minor), remainingMinor: BigInt(r.remaining_minor), date: r.received_on,
    }));
  }

  /** One total per customer and currency; `customerIds` narrows (all of the entity's otherwise). */
  async totals(entityId: string, customerIds?: readonly string[]): Promise<UnappliedCashTotal[]> {
    const totals = new Map<string, UnappliedCashTotal>();
    for (const c of await this.openCredits({ entityId, ...(customerIds ? { customerIds } : {}) })) {
      const key = `${c.customerId}\u0000${c.currency}`;
      const t = totals.get(key) ?? { customerId: c.customerId, currency: c.currency, amount: '', amountMinor: 0n, oldestReceivedOn: c.date, credits: 0 };
      t.amountMinor += c.remainingMinor;
      t.credits++;
      if (c.date < t.oldestReceivedOn) t.oldestReceivedOn = c.date;
      totals.set(key, t);
    }
    return [...totals.values()]
      .map((t) => ({ ...t, amount: formatAmount(t.amountMinor, t.currency) }))
      .sort((a, b) => (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0));
  }

  /** A customer's credits with something left (`all`: also those allocated in full), and what was allocated from them. */
  async ofCustomer(customerId: string, options: { all?: boolean } = {}): Promise<UnappliedCashItem[]> {
    const rows = await this.dataSource.manager.find(CustomerCredit, { where: { customerId }, order: { receivedOn: 'ASC', createdAt: 'ASC' } });
    const open = options.all ? rows : rows.filter((r) => r.amountMinor > r.allocatedMinor);
    const allocations = open.length === 0 ? [] : await this.dataSource.manager.createQueryBuilder(CreditAllocation, 'a')
      .where('a.credit_id IN (:...ids)', { ids: open.map((r) => r.id) }).orderBy('a.created_at', 'ASC').getMany();
    return open.map((r) => ({
      id: r.id, source: 'bank_line', bankLineId: r.bankLineId, paymentId: r.paymentId, currency: r.currency,
      amount: formatAmount(r.amountMinor, r.currency), unapplied: formatAmount(r.amountMinor - r.allocatedMinor, r.currency), receivedOn: r.receivedOn,
      allocations: allocations.filter((a) => a.creditId === r.id).map((a) => ({
        invoiceExternalId: a.invoiceExternalId, invoiceNumber: a.invoiceNumber, amount: formatAmount(a.amountMinor, r.currency),
        allocatedOn: a.allocatedOn, allocatedBy: a.allocatedBy,
      })),
    }));
  }
}
