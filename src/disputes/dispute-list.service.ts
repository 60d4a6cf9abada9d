import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import { localDayRange, minorBounds, unknownFilterValue } from '../common/lists/filters.js';
import { keysetPage, type PageRequest, type SortKeys } from '../common/lists/keyset.js';
import type { CsvColumn, ListSource } from '../common/lists/list-response.js';
import { CustomersService } from '../customers/customers.service.js';
import { LegalEntitiesService } from '../organization/legal-entities.service.js';
import { DISPUTE_STATUSES, isActive } from '../../workflows/domain/dispute-rules.js';
import { formatAmount } from '../../workflows/domain/money.js';
import type { DisputeListQuery } from './dispute-list.query.js';
import { Dispute } from './dispute.entity.js';

const SORTS: SortKeys<Dispute> = {
  openedAt: { sql: 'd.created_at', type: 'timestamptz', value: (d) => d.createdAt.toISOString() },
  amount: { sql: 'd.amount_minor', type: 'bigint', value: (d) => d.amountMinor.toString() },
};

export interface DisputeListItem {
  id: string;
  entity: string;
  status: string;
  reasonCode: string;
  type: string;
  currency: string;
  amount: string;
  acceptedAmount: string | null;
  customer: { externalId: string; name: string } | null;
  invoiceIds: string[];
  validatorGroup: string;
  openedBy: string;
  openedAt: string;
  resolvedAt: string | null;
  closedAt: string | null;
}

export const DISPUTE_CSV_COLUMNS: readonly CsvColumn<DisputeListItem>[] = [
  { header: 'id', value: (d) => d.id },
  { header: 'entity', value: (d) => d.entity },
  { header: 'status', value: (d) => d.status },
  { header: 'reasonCode', value: (d) => d.reasonCode },
  { header: 'type', value: (d) => d.type },
  { header: 'customerExternalId', value: (d) => d.customer?.externalId ?? null, text: true },
  { header: 'customerName', value: (d) => d.customer?.name ?? null, text: true },
  { header: 'currency', value: (d) => d.currency },
  { header: 'amount', value: (d) => d.amount },
  { header: 'acceptedAmount', value: (d) => d.acceptedAmount },
  { header: 'validatorGroup', value: (d) => d.validatorGroup, text: true },
  { header: 'openedBy', value: (d) => d.openedBy, text: true },
  { header: 'openedAt', value: (d) => d.openedAt },
  { header: 'resolvedAt', value: (d) => d.resolvedAt },
];

/**
 * The dispute list. `assignedTo`: a validator or finance manager without a receivables role sees the
 * disputes assigned to them only (as `isAssignedTo` decides for one dispute), read from the snapshot.
 */
@Injectable()
export class DisputeListService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CustomersService) private readonly customers: CustomersService,
    @Inject(LegalEntitiesService) private readonly entities: LegalEntitiesService,
  ) {}

  async source(query: DisputeListQuery, assignedTo: Principal | null): Promise<ListSource<DisputeListItem>> {
    const entities = await this.entities.list();
    const base = this.dataSource.manager.createQueryBuilder(Dispute, 'd');
    let entityId: string | undefined;
    if (query.entity !== undefined) {
      entityId = entities.find((e) => e.code === query.entity)?.id;
      if (!entityId) throw unknownFilterValue('entity', query.entity);
      base.andWhere('d.entity_id = :entityId', { entityId });
    }
    if (assignedTo) {
      base.andWhere(`(d.snapshot->>'validatorGroup' = ANY(CAST(:groups AS text[]))
        OR (CAST(:userId AS text) IS NOT NULL AND (d.snapshot->'level1UserIds' ? :userId OR d.snapshot->>'managerUserId' = :userId
          OR (d.snapshot->>'secondLevelFromMinor' IS NOT NULL AND d.snapshot->'level2UserIds' ? :userId))))`,
      { groups: [...assignedTo.groups], userId: assignedTo.userId });
    }
    if (query.status === 'active') base.andWhere('d.status = ANY(:statuses)', { statuses: DISPUTE_STATUSES.filter(isActive) });
    else if (query.status) base.andWhere('d.status = :status', { status: query.status });
    if (query.reasonCode) base.andWhere('d.reason_code = :reasonCode', { reasonCode: query.reasonCode });
    if (query.type) base.andWhere('d.type = :type', { type: query.type });
    if (query.validatorGroup) base.andWhere("d.snapshot->>'validatorGroup' = :group", { group: query.validatorGroup });
    if (query.customer) {
      const customerIds = await this.customers.idsMatching({ externalId: query.customer, ...(entityId && { entityId }) });
      base.andWhere('d.customer_id = ANY(:customerIds)', { customerIds });
    }
    if (query.currency) base.andWhere('d.currency = :currency', { currency: query.currency });
    for (const [field, minor] of minorBounds(query as DisputeListQuery & Record<string, unknown>, ['amountMin', 'amountMax'])) {
      base.andWhere(`d.amount_minor ${field === 'amountMin' ? '>=' : '<='} :${field}`, { [field]: minor.toString() });
    }
    localDayRange(base, 'd.created_at', 'd.entity_id', entities, { from: query.openedFrom, to: query.openedTo });
    const codes = new Map(entities.map((e) => [e.id, e.code]));
    return {
      csv: { filename: 'disputes.csv', columns: DISPUTE_CSV_COLUMNS },
      page: async (request: PageRequest, withTotal: boolean) => {
        const page = await keysetPage(base, SORTS, request, { defaultSort: '-openedAt', idSql: 'd.id', withTotal });
        const customers = await this.customers.summaries(page.rows.map((d) => d.customerId));
        const items = page.rows.map((d): DisputeListItem => {
          const c = customers.get(d.customerId);
          return {
            id: d.id, entity: codes.get(d.entityId) ?? '', status: d.status, reasonCode: d.reasonCode, type: d.type, currency: d.currency,
            amount: formatAmount(d.amountMinor, d.currency),
            acceptedAmount: d.acceptedAmountMinor === null ? null : formatAmount(d.acceptedAmountMinor, d.currency),
            customer: c ? { externalId: c.externalId, name: c.name } : null, invoiceIds: d.invoices.map((i) => i.invoiceId),
            validatorGroup: d.snapshot.validatorGroup, openedBy: d.openedByName, openedAt: d.createdAt.toISOString(),
            resolvedAt: d.resolvedAt?.toISOString() ?? null, closedAt: d.closedAt?.toISOString() ?? null,
          };
        });
        return { items, total: page.total, nextCursor: page.nextCursor };
      },
    };
  }
}
