import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { localDayRange, minorBounds, unknownFilterValue } from '../common/lists/filters.js';
import { keysetPage, type PageRequest, type SortKeys } from '../common/lists/keyset.js';
import type { CsvColumn, ListSource } from '../common/lists/list-response.js';
import { containsPattern } from '../customers/customer-filter.js';
import { CustomersService } from '../customers/customers.service.js';
import { CustomerBalancesService } from '../invoices/customer-balances.service.js';
import { LegalEntitiesService } from '../organization/legal-entities.service.js';
import { formatAmount } from '../../workflows/domain/money.js';
import { PaymentAllocation } from './payment-allocation.entity.js';
import { Payment } from './payment.entity.js';
import type { PaymentListQuery } from './payment-list.query.js';

const SORTS: SortKeys<Payment> = {
  receivedAt: { sql: 'p.received_at', type: 'timestamptz', value: (p) => p.receivedAt.toISOString() },
  amount: { sql: 'p.amount_minor', type: 'bigint', value: (p) => p.amountMinor.toString() },
  createdAt: { sql: 'p.created_at', type: 'timestamptz', value: (p) => p.createdAt.toISOString() },
};

export interface PaymentListItem {
  id: string;
  externalId: string;
  entity: string;
  currency: string;
  amount: string;
  applied: string;
  unapplied: string;
  receivedAt: string;
  allocations: { invoiceId: string; invoiceExternalId: string | null; invoiceNumber: string | null; customerExternalId: string | null; amount: string }[];
  createdAt: string;
}

export const PAYMENT_CSV_COLUMNS: readonly CsvColumn<PaymentListItem>[] = [
  { header: 'id', value: (p) => p.id },
  { header: 'externalId', value: (p) => p.externalId, text: true },
  { header: 'entity', value: (p) => p.entity },
  { header: 'receivedAt', value: (p) => p.receivedAt },
  { header: 'currency', value: (p) => p.currency },
  { header: 'amount', value: (p) => p.amount },
  { header: 'applied', value: (p) => p.applied },
  { header: 'unapplied', value: (p) => p.unapplied },
  { header: 'allocations', value: (p) => p.allocations.map((a) => `${a.invoiceNumber ?? a.invoiceId} ${a.amount}`).join('; '), text: true },
  { header: 'customerExternalIds', value: (p) => [...new Set(p.allocations.map((a) => a.customerExternalId))].join('; '), text: true },
];

/** The payment list: payments and their allocations are this module's; invoices and customers are named by their owners. */
@Injectable()
export class PaymentListService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CustomersService) private readonly customers: CustomersService,
    @Inject(CustomerBalancesService) private readonly invoices: CustomerBalancesService,
    @Inject(LegalEntitiesService) private readonly entities: LegalEntitiesService,
  ) {}

  async source(query: PaymentListQuery): Promise<ListSource<PaymentListItem>> {
    const entities = await this.entities.list();
    const base = this.dataSource.manager.createQueryBuilder(Payment, 'p');
    let entityId: string | undefined;
    if (query.entity !== undefined) {
      entityId = entities.find((e) => e.code === query.entity)?.id;
      if (!entityId) throw unknownFilterValue('entity', query.entity);
      base.andWhere('p.entity_id = :entityId', { entityId });
    }
    const applied = 'COALESCE((SELECT SUM(a.amount_minor) FROM payment_allocations a WHERE a.payment_id = p.id), 0)';
    if (query.customer) {
      const customerIds = await this.customers.idsMatching({ externalId: query.customer, ...(entityId && { entityId }) });
      const invoiceIds = await this.invoices.invoiceIdsOf(customerIds);
      base.andWhere('EXISTS (SELECT 1 FROM payment_allocations a WHERE a.payment_id = p.id AND a.invoice_id = ANY(:invoiceIds))', { invoiceIds });
    }
    if (query.currency) base.andWhere('p.currency = :currency', { currency: query.currency });
    for (const [field, minor] of minorBounds(query as PaymentListQuery & Record<string, unknown>, ['amountMin', 'amountMax'])) {
      base.andWhere(`p.amount_minor ${field === 'amountMin' ? '>=' : '<='} :${field}`, { [field]: minor.toString() });
    }
    localDayRange(base, 'p.received_at', 'p.entity_id', entities, { from: query.receivedFrom, to: query.receivedTo });
    if (query.unapplied !== undefined) base.andWhere(`p.amount_minor ${query.unapplied ? '>' : '<='} ${applied}`);
    if (query.q) base.andWhere("p.external_id ILIKE :q ESCAPE '\\'", { q: containsPattern(query.q) });
    const codes = new Map(entities.map((e) => [e.id, e.code]));
    return {
      csv: { filename: 'payments.csv', columns: PAYMENT_CSV_COLUMNS },
      page: async (request: PageRequest, withTotal: boolean) => {
        const page = await keysetPage(base, SORTS, request, { defaultSort: '-receivedAt', idSql: 'p.id', withTotal });
        return { items: await this.items(page.rows, codes), total: page.total, nextCursor: page.nextCursor };
      },
    };
  }

  private async items(rows: Payment[], codes: ReadonlyMap<string, string>): Promise<PaymentListItem[]> {
    const allocations = rows.length === 0 ? [] : await this.dataSource.manager.createQueryBuilder(PaymentAllocation, 'a')
      .where('a.payment_id = ANY(:ids)', { ids: rows.map((r) => r.id) }).orderBy('a.invoice_id').getMany();
    const refs = await this.invoices.references(allocations.map((a) => a.invoiceId));
    const customers = await this.customers.summaries([...refs.values()].map((r) => r.customerId));
    return rows.map((p) => {
      const own = allocations.filter((a) => a.paymentId === p.id);
      const appliedMinor = own.reduce((s, a) => s + a.amountMinor, 0n);
      return {
        id: p.id, externalId: p.externalId, entity: codes.get(p.entityId) ?? '', currency: p.currency,
        amount: formatAmount(p.amountMinor, p.currency), applied: formatAmount(appliedMinor, p.currency),
        unapplied: formatAmount(p.amountMinor - appliedMinor, p.currency), receivedAt: p.receivedAt.toISOString(),
        allocations: own.map((a) => {
          const ref = refs.get(a.invoiceId);
          return {
            invoiceId: a.invoiceId, invoiceExternalId: ref?.externalId ?? null, invoiceNumber: ref?.number ?? null,
            customerExternalId: ref ? (customers.get(ref.customerId)?.externalId ?? null) : null, amount: formatAmount(a.amountMinor, p.currency),
          };
        }),
        createdAt: p.createdAt.toISOString(),
      };
    });
  }
}
