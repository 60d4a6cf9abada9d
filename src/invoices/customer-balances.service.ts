import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock, systemClock } from '../clock/clock.js';
import { todayByEntitySql } from '../common/lists/filters.js';
import { LegalEntitiesService } from '../organization/legal-entities.service.js';
import { Invoice } from './invoice.entity.js';
import { InvoiceEvent } from './invoice-event.entity.js';

/** A customer's open receivables in one currency, today. */
export interface CustomerBalance {
  currency: string;
  openMinor: bigint;
  /** Past due today in the invoice's entity zone. */
  overdueMinor: bigint;
  openCount: number;
  overdueCount: number;
}

/** An invoice of a customer as its account and statement show it. */
export interface AccountInvoice {
  id: string;
  externalId: string;
  number: string;
  status: string;
  currency: string;
  amountMinor: bigint;
  openAmountMinor: bigint;
  issueDate: string;
  dueDate: string;
  collectionStage: string;
}

/**
 * What the invoices capability tells others about customers' receivables: balances for the
 * customer list and account, a customer's invoices and their timeline events. Only this module
 * reads the invoices tables.
 */
@Injectable()
export class CustomerBalancesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(LegalEntitiesService) private readonly entities: LegalEntitiesService,
    @Optional() @Inject(Clock) private readonly clock: Clock = systemClock,
  ) {}

  /** Open and overdue balances per customer and currency; `customerIds` null: every customer with open items. */
  async balances(customerIds: readonly string[] | null): Promise<Map<string, CustomerBalance[]>> {
    const result = new Map<string, CustomerBalance[]>();
    if (customerIds !== null && customerIds.length === 0) return result;
    const today = todayByEntitySql('i.entity_id', await this.entities.list(), this.clock.nowMs(), 'today');
    const query = this.dataSource.manager.createQueryBuilder(Invoice, 'i')
      .select('i.customer_id', 'customerId').addSelect('i.currency', 'currency')
      .addSelect('SUM(i.open_amount_minor)::text', 'open')
      .addSelect(`COALESCE(SUM(i.open_amount_minor) FILTER (WHERE i.due_date < ${today.sql}), 0)::text`, 'overdue')
      .addSelect('COUNT(*)::int', 'openCount')
      .addSelect(`(COUNT(*) FILTER (WHERE i.due_date < ${today.sql}))::int`, 'overdueCount')
      .where("i.status = 'open' AND i.open_amount_minor > 0")
      .setParameters(today.params)
      .groupBy('i.customer_id').addGroupBy('i.currency').orderBy('i.currency');
    if (customerIds !== null) query.andWhere('i.customer_id = ANY(:customerIds)', { customerIds });
    const rows = (await query.getRawMany()) as { customerId: string; currency: string; open: string; overdue: string; openCount: number; overdueCount: number }[];
    for (const r of rows) {
      const list = result.get(r.customerId) ?? [];
      list.push({ currency: r.currency, openMinor: BigInt(r.open), overdueMinor: BigInt(r.overdue), openCount: r.openCount, overdueCount: r.overdueCount });
      result.set(r.customerId, list);
    }
    return result;
  }

  /** Every invoice of the customer, oldest due first (cancelled ones included: the account says so). */
  async invoicesOf(customerId: string): Promise<AccountInvoice[]> {
    const rows = await this.dataSource.manager.find(Invoice, { where: { customerId }, order: { dueDate: 'ASC', number: 'ASC', id: 'ASC' } });
    return rows.map((i) => ({
      id: i.id, externalId: i.externalId, number: i.number, status: i.status, currency: i.currency, amountMinor: i.amountMinor,
      openAmountMinor: i.openAmountMinor, issueDate: i.issueDate, dueDate: i.dueDate, collectionStage: i.collectionStage,
    }));
  }

  /** Ids of these customers' invoices (the payment list's customer filter). */
  async invoiceIdsOf(customerIds: readonly string[]): Promise<string[]> {
    if (customerIds.length === 0) return [];
    const rows = await this.dataSource.manager.createQueryBuilder(Invoice, 'i').select('i.id', 'id')
      .where('i.customer_id = ANY(:customerIds)', { customerIds }).getRawMany() as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** Number, externalId and customer of these invoices (lists show them next to payments and disputes). */
  async references(invoiceIds: readonly string[]): Promise<Map<string, { externalId: string; number: string; customerId: string }>> {
    if (invoiceIds.length === 0) return new Map();
    const rows = await this.dataSource.manager.createQueryBuilder(Invoice, 'i')
      .select(['i.id', 'i.externalId', 'i.number', 'i.customerId']).where('i.id = ANY(:ids)', { ids: [...new Set(invoiceIds)] }).getMany();
    return new Map(rows.map((i) => [i.id, { externalId: i.externalId, number: i.number, customerId: i.customerId }]));
  }

  /** Timeline events of these invoices, oldest first. */
  async eventsOf(invoiceIds: readonly string[]): Promise<{ invoiceId: string; type: string; at: Date; data: Record<string, unknown> }[]> {
    if (invoiceIds.length === 0) return [];
    const rows = await this.dataSource.manager.createQueryBuilder(InvoiceEvent, 'e')
      .where('e.invoice_id = ANY(:invoiceIds)', { invoiceIds }).orderBy('e.occurred_at', 'ASC').addOrderBy('e.id', 'ASC').getMany();
    return rows.map((e) => ({ invoiceId: e.invoiceId, type: e.type, at: e.occurredAt, data: e.data }));
  }
}
