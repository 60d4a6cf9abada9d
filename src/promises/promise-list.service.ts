import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { unknownFilterValue } from '../common/lists/filters.js';
import { keysetPage, type PageRequest, type SortKeys } from '../common/lists/keyset.js';
import type { CsvColumn, ListSource } from '../common/lists/list-response.js';
import { CustomerDirectory } from '../customers/customer-directory.js';
import { LegalEntitiesService } from '../organization/legal-entities.service.js';
import { PaymentPromise } from './payment-promise.entity.js';
import type { PromiseListQuery } from './promise.dto.js';
import { PromisesService, type PromiseView } from './promises.service.js';

const SORTS: SortKeys<PaymentPromise> = {
  createdAt: { sql: 'p.created_at', type: 'timestamptz', value: (p) => p.createdAt.toISOString() },
  promisedFor: { sql: 'p.promised_for', type: 'date', value: (p) => p.promisedFor },
  amount: { sql: 'p.amount_minor', type: 'bigint', value: (p) => p.amountMinor.toString() },
};

export const PROMISE_CSV_COLUMNS: readonly CsvColumn<PromiseView>[] = [
  { header: 'id', value: (p) => p.id },
  { header: 'entity', value: (p) => p.entity },
  { header: 'status', value: (p) => p.status },
  { header: 'customerExternalId', value: (p) => p.customer?.externalId ?? null, text: true },
  { header: 'customerName', value: (p) => p.customer?.name ?? null, text: true },
  { header: 'invoiceExternalIds', value: (p) => p.invoices.map((i) => i.externalId).join(' '), text: true },
  { header: 'currency', value: (p) => p.currency },
  { header: 'amount', value: (p) => p.amount },
  { header: 'received', value: (p) => p.received },
  { header: 'promisedFor', value: (p) => p.promisedFor },
  { header: 'graceEndsOn', value: (p) => p.graceEndsOn },
  { header: 'channel', value: (p) => p.channel },
  { header: 'keptLate', value: (p) => p.keptLate },
  { header: 'escalated', value: (p) => p.escalated },
  { header: 'createdBy', value: (p) => p.createdBy, text: true },
  { header: 'createdAt', value: (p) => p.createdAt },
  { header: 'closedAt', value: (p) => p.closedAt },
];

/** GET /api/v1/promises: filtered, sorted, cursor-paginated, CSV (src/common/lists conventions). */
@Injectable()
export class PromiseListService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(PromisesService) private readonly promises: PromisesService,
    @Inject(CustomerDirectory) private readonly customers: CustomerDirectory,
    @Inject(LegalEntitiesService) private readonly entities: LegalEntitiesService,
  ) {}

  async source(query: PromiseListQuery): Promise<ListSource<PromiseView>> {
    const base = this.dataSource.manager.createQueryBuilder(PaymentPromise, 'p');
    let entityId: string | undefined;
    if (query.entity !== undefined) {
      entityId = (await this.entities.findByCode(query.entity))?.id;
      if (!entityId) throw unknownFilterValue('entity', query.entity);
      base.andWhere('p.entity_id = :entityId', { entityId });
    }
    if (query.status) base.andWhere('p.status = :status', { status: query.status });
    if (query.customer) {
      const customerIds = await this.customers.idsMatching({ externalIds: [query.customer], ...(entityId && { entityId }) });
      base.andWhere('p.customer_id = ANY(:customerIds)', { customerIds });
    }
    if (query.promisedFrom) base.andWhere('p.promised_for >= :from', { from: query.promisedFrom });
    if (query.promisedTo) base.andWhere('p.promised_for <= :to', { to: query.promisedTo });
    return {
      csv: { filename: 'promises.csv', columns: PROMISE_CSV_COLUMNS },
      page: async (request: PageRequest, withTotal: boolean) => {
        const page = await keysetPage(base, SORTS, request, { defaultSort: '-createdAt', idSql: 'p.id', withTotal });
        return { items: await this.promises.views(page.rows), total: page.total, nextCursor: page.nextCursor };
      },
    };
  }
}
