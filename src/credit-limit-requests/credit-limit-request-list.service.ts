import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import { localDayRange, unknownFilterValue } from '../common/lists/filters.js';
import { keysetPage, type PageRequest, type SortKeys } from '../common/lists/keyset.js';
import type { CsvColumn, ListSource } from '../common/lists/list-response.js';
import { CustomersService } from '../customers/customers.service.js';
import { LegalEntitiesService } from '../organization/legal-entities.service.js';
import { formatAmount } from '../../workflows/domain/money.js';
import type { CreditLimitRequestListQuery } from './credit-limit-request-list.query.js';
import { CreditLimitRequest } from './credit-limit-request.entity.js';

const SORTS: SortKeys<CreditLimitRequest> = {
  createdAt: { sql: 'r.created_at', type: 'timestamptz', value: (r) => r.createdAt.toISOString() },
  amount: { sql: 'r.amount_minor', type: 'bigint', value: (r) => r.amountMinor.toString() },
};

export interface CreditLimitRequestListItem {
  id: string;
  entity: string;
  status: string;
  customer: { externalId: string; name: string } | null;
  currency: string;
  amount: string;
  approvedAmount: string | null;
  until: string | null;
  requester: { userId: string | null; name: string };
  salesOpinion: string | null;
  createdAt: string;
  decidedAt: string | null;
}

export const CREDIT_LIMIT_REQUEST_CSV_COLUMNS: readonly CsvColumn<CreditLimitRequestListItem>[] = [
  { header: 'id', value: (r) => r.id },
  { header: 'entity', value: (r) => r.entity },
  { header: 'status', value: (r) => r.status },
  { header: 'customerExternalId', value: (r) => r.customer?.externalId ?? null, text: true },
  { header: 'customerName', value: (r) => r.customer?.name ?? null, text: true },
  { header: 'currency', value: (r) => r.currency },
  { header: 'amount', value: (r) => r.amount },
  { header: 'approvedAmount', value: (r) => r.approvedAmount },
  { header: 'until', value: (r) => r.until },
  { header: 'requester', value: (r) => r.requester.name, text: true },
  { header: 'salesOpinion', value: (r) => r.salesOpinion },
  { header: 'createdAt', value: (r) => r.createdAt },
  { header: 'decidedAt', value: (r) => r.decidedAt },
];

/** The credit-limit request list; a salesperson (`salesperson` set) sees the requests they made and those on their customers. */
@Injectable()
export class CreditLimitRequestListService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CustomersService) private readonly customers: CustomersService,
    @Inject(LegalEntitiesService) private readonly entities: LegalEntitiesService,
  ) {}

  async source(query: CreditLimitRequestListQuery, principal: Principal, salesperson: string | null): Promise<ListSource<CreditLimitRequestListItem>> {
    const entities = await this.entities.list();
    const base = this.dataSource.manager.createQueryBuilder(CreditLimitRequest, 'r');
    let entityId: string | undefined;
    if (query.entity !== undefined) {
      entityId = entities.find((e) => e.code === query.entity)?.id;
      if (!entityId) throw unknownFilterValue('entity', query.entity);
      base.andWhere('r.entity_id = :entityId', { entityId });
    }
    if (salesperson !== null) {
      const theirs = await this.customers.idsMatching({ salesperson });
      base.andWhere('(r.requester_user_id = :me OR r.customer_id = ANY(:theirs))', { me: principal.userId, theirs });
    }
    if (query.mine) base.andWhere('r.requester_user_id = :requester', { requester: principal.userId });
    if (query.status) base.andWhere('r.status = :status', { status: query.status });
    if (query.customer) {
      base.andWhere('r.customer_id = ANY(:customerIds)', { customerIds: await this.customers.idsMatching({ externalId: query.customer, ...(entityId && { entityId }) }) });
    }
    localDayRange(base, 'r.created_at', 'r.entity_id', entities, { from: query.createdFrom, to: query.createdTo });
    const codes = new Map(entities.map((e) => [e.id, e.code]));
    return {
      csv: { filename: 'credit-limit-requests.csv', columns: CREDIT_LIMIT_REQUEST_CSV_COLUMNS },
      page: async (request: PageRequest, withTotal: boolean) => {
        const page = await keysetPage(base, SORTS, request, { defaultSort: '-createdAt', idSql: 'r.id', withTotal });
        const customers = await this.customers.summaries(page.rows.map((r) => r.customerId));
        const items = page.rows.map((r): CreditLimitRequestListItem => {
          const c = customers.get(r.customerId);
          return {
            id: r.id, entity: codes.get(r.entityId) ?? '', status: r.status, customer: c ? { externalId: c.externalId, name: c.name } : null,
            currency: r.currency, amount: formatAmount(r.amountMinor, r.currency),
            approvedAmount: r.approvedAmountMinor === null ? null : formatAmount(r.approvedAmountMinor, r.currency), until: r.until,
            requester: { userId: r.requesterUserId, name: r.requesterName }, salesOpinion: r.salesOpinion,
            createdAt: r.createdAt.toISOString(), decidedAt: r.decidedAt?.toISOString() ?? null,
          };
        });
        return { items, total: page.total, nextCursor: page.nextCursor };
      },
    };
  }
}
