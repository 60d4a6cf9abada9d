import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { Clock, systemClock } from '../clock/clock.js';
import { containsPattern, type CustomerFilter, type CustomerSummary } from '../customers/customer-filter.js';
import { CustomersService } from '../customers/customers.service.js';
import { DisputeFiguresService } from '../disputes/dispute-figures.service.js';
import { minorBounds, todayByEntitySql, unknownFilterValue } from '../common/lists/filters.js';
import { keysetPage, type PageRequest, type SortKeys } from '../common/lists/keyset.js';
import type { CsvColumn, ListSource } from '../common/lists/list-response.js';
import { LegalEntitiesService } from '../organization/legal-entities.service.js';
import { daysBetween, dateInZone } from '../../workflows/domain/calendar.js';
import { formatAmount } from '../../workflows/domain/money.js';
import { Invoice } from './invoice.entity.js';
import type { InvoiceListQuery } from './invoice-list.query.js';

const SORTS: SortKeys<Invoice> = {
  dueDate: { sql: 'i.due_date', type: 'date', value: (i) => i.dueDate },
  issueDate: { sql: 'i.issue_date', type: 'date', value: (i) => i.issueDate },
  amount: { sql: 'i.amount_minor', type: 'bigint', value: (i) => i.amountMinor.toString() },
  openAmount: { sql: 'i.open_amount_minor', type: 'bigint', value: (i) => i.openAmountMinor.toString() },
  number: { sql: 'i.number', type: 'text', value: (i) => i.number },
  createdAt: { sql: 'i.created_at', type: 'timestamptz', value: (i) => i.createdAt.toISOString() },
};

export interface InvoiceListItem {
  id: string;
  externalId: string;
  entity: string;
  number: string;
  status: string;
  currency: string;
  amount: string;
  openAmount: string;
  issueDate: string;
  dueDate: string;
  /** Days past due today in the entity's zone (0 or less: not yet due); null once settled or cancelled. */
  daysOverdue: number | null;
  collectionStage: string;
  scenarioId: string | null;
  disputed: boolean;
  customer: Pick<CustomerSummary, 'id' | 'externalId' | 'name' | 'segment' | 'riskClass' | 'salespersonEmail'>;
  nextAction: { at: string; step: string } | null;
  createdAt: string;
}

export const INVOICE_CSV_COLUMNS: readonly CsvColumn<InvoiceListItem>[] = [
  { header: 'id', value: (i) => i.id },
  { header: 'externalId', value: (i) => i.externalId, text: true },
  { header: 'entity', value: (i) => i.entity },
  { header: 'number', value: (i) => i.number, text: true },
  { header: 'customerExternalId', value: (i) => i.customer.externalId, text: true },
  { header: 'customerName', value: (i) => i.customer.name, text: true },
  { header: 'status', value: (i) => i.status },
  { header: 'currency', value: (i) => i.currency },
  { header: 'amount', value: (i) => i.amount },
  { header: 'openAmount', value: (i) => i.openAmount },
  { header: 'issueDate', value: (i) => i.issueDate },
  { header: 'dueDate', value: (i) => i.dueDate },
  { header: 'daysOverdue', value: (i) => i.daysOverdue },
  { header: 'collectionStage', value: (i) => i.collectionStage },
  { header: 'disputed', value: (i) => i.disputed },
  { header: 'segment', value: (i) => i.customer.segment, text: true },
  { header: 'salesperson', value: (i) => i.customer.salespersonEmail, text: true },
  { header: 'riskClass', value: (i) => i.customer.riskClass },
];

/**
 * The invoice list. Filters on the customer's attributes (segment, salesperson, risk class, name)
 * and on disputes are resolved by their owners (CustomersService, DisputeFiguresService) into ids
 * this query narrows to: the invoices module reads only its own table.
 */
@Injectable()
export class InvoiceListService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CustomersService) private readonly customers: CustomersService,
    @Inject(LegalEntitiesService) private readonly entities: LegalEntitiesService,
    @Inject(DisputeFiguresService) private readonly disputes: DisputeFiguresService,
    @Optional() @Inject(Clock) private readonly clock: Clock = systemClock,
  ) {}

  /** `salesperson`: the caller's email when they may see only their own customers' invoices. */
  async source(query: InvoiceListQuery, salesperson: string | null): Promise<ListSource<InvoiceListItem>> {
    const nowMs = this.clock.nowMs();
    const entities = await this.entities.list();
    const base = this.dataSource.manager.createQueryBuilder(Invoice, 'i');
    let entityId: string | undefined;
    if (query.entity !== undefined) {
      entityId = entities.find((e) => e.code === query.entity)?.id;
      if (!entityId) throw unknownFilterValue('entity', query.entity);
      base.andWhere('i.entity_id = :entityId', { entityId });
    }
    await this.narrowToCustomers(base, query, salesperson, entityId);
    if (query.status) base.andWhere('i.status = :status', { status: query.status });
    if (query.dueFrom) base.andWhere('i.due_date >= :dueFrom', { dueFrom: query.dueFrom });
    if (query.dueTo) base.andWhere('i.due_date <= :dueTo', { dueTo: query.dueTo });
    if (query.issuedFrom) base.andWhere('i.issue_date >= :issuedFrom', { issuedFrom: query.issuedFrom });
    if (query.issuedTo) base.andWhere('i.issue_date <= :issuedTo', { issuedTo: query.issuedTo });
    if (query.collectionStage) base.andWhere('i.collection_stage = :stage', { stage: query.collectionStage });
    if (query.scenario === 'builtin') base.andWhere('i.scenario_id IS NULL');
    else if (query.scenario) base.andWhere('i.scenario_id = :scenarioId', { scenarioId: query.scenario.toLowerCase() });
    const bounds = minorBounds(query as InvoiceListQuery & Record<string, unknown>, ['amountMin', 'amountMax', 'openAmountMin', 'openAmountMax']);
    if (query.currency) base.andWhere('i.currency = :currency', { currency: query.currency });
    const compare = { amountMin: 'i.amount_minor >=', amountMax: 'i.amount_minor <=', openAmountMin: 'i.open_amount_minor >=', openAmountMax: 'i.open_amount_minor <=' };
    for (const [field, minor] of bounds) base.andWhere(`${compare[field as keyof typeof compare]} :${field}`, { [field]: minor.toString() });
    if (query.overdue !== undefined) {
      const today = todayByEntitySql('i.entity_id', entities, nowMs, 'today');
      const overdue = `(i.status = 'open' AND i.open_amount_minor > 0 AND i.due_date < ${today.sql})`;
      base.andWhere(query.overdue ? overdue : `NOT ${overdue}`, today.params);
    }
    if (query.disputed !== undefined) {
      const ids = await this.disputes.openDisputedInvoiceIds(null);
      base.andWhere(query.disputed ? 'i.id = ANY(:disputedIds)' : 'NOT (i.id = ANY(:disputedIds))', { disputedIds: ids });
    }

    const entityById = new Map(entities.map((e) => [e.id, e]));
    const toItems = async (rows: Invoice[]): Promise<InvoiceListItem[]> => {
      const [customers, disputed] = await Promise.all([
        this.customers.summaries(rows.map((r) => r.customerId)),
        this.disputes.openDisputedInvoiceIds(rows.map((r) => r.id)),
      ]);
      const disputedSet = new Set(disputed);
      return rows.map((i) => {
        const entity = entityById.get(i.entityId);
        const c = customers.get(i.customerId);
        const open = i.status === 'open' && i.openAmountMinor > 0n;
        return {
          id: i.id, externalId: i.externalId, entity: entity?.code ?? '', number: i.number, status: i.status, currency: i.currency,
          amount: formatAmount(i.amountMinor, i.currency), openAmount: formatAmount(i.openAmountMinor, i.currency),
          issueDate: i.issueDate, dueDate: i.dueDate,
          daysOverdue: open && entity ? daysBetween(i.dueDate, dateInZone(nowMs, entity.timeZone)) : null,
          collectionStage: i.collectionStage, scenarioId: i.scenarioId, disputed: disputedSet.has(i.id),
          customer: {
            id: i.customerId, externalId: c?.externalId ?? '', name: c?.name ?? '', segment: c?.segment ?? null,
            riskClass: c?.riskClass ?? null, salespersonEmail: c?.salespersonEmail ?? null,
          },
          nextAction: open && i.nextActionAt && i.nextActionStep ? { at: i.nextActionAt.toISOString(), step: i.nextActionStep } : null,
          createdAt: i.createdAt.toISOString(),
        };
      });
    };
    return {
      csv: { filename: 'invoices.csv', columns: INVOICE_CSV_COLUMNS },
      page: async (request: PageRequest, withTotal: boolean) => {
        const page = await keysetPage(base, SORTS, request, { defaultSort: 'dueDate', idSql: 'i.id', withTotal });
        return { items: await toItems(page.rows), total: page.total, nextCursor: page.nextCursor };
      },
    };
  }

  /** Customer attributes and the text search, resolved to customer ids by the customers module. */
  private async narrowToCustomers(base: SelectQueryBuilder<Invoice>, query: InvoiceListQuery, salesperson: string | null, entityId?: string) {
    if (salesperson !== null && query.salesperson !== undefined && salesperson.toLowerCase() !== query.salesperson.toLowerCase()) {
      base.andWhere('false');
      return;
    }
    const filter: CustomerFilter = {
      ...(entityId && { entityId }),
      ...(query.customer && { externalId: query.customer }),
      ...(query.segment && { segment: query.segment }),
      ...(query.riskClass && { riskClass: query.riskClass }),
      ...((salesperson ?? query.salesperson) !== undefined && (salesperson ?? query.salesperson) !== null && { salesperson: (salesperson ?? query.salesperson)! }),
    };
    const { entityId: _entity, ...byCustomer } = filter;
    if (Object.keys(byCustomer).length > 0) {
      base.andWhere('i.customer_id = ANY(:customerIds)', { customerIds: await this.customers.idsMatching(filter) });
    }
    if (query.q) {
      const named = await this.customers.idsMatching({ ...(entityId && { entityId }), nameContains: query.q });
      base.andWhere("(i.number ILIKE :q ESCAPE '\\' OR i.customer_id = ANY(:namedIds))", { q: containsPattern(query.q), namedIds: named });
    }
  }
}
