import { Inject, Injectable } from '@nestjs/common';
import { CreditProfileService, type CreditLimitAmount } from '../credit/credit-profile.service.js';
import type { CustomerFilter, CustomerSummary } from '../customers/customer-filter.js';
import { CustomersService } from '../customers/customers.service.js';
import { minorBounds, unknownFilterValue } from '../common/lists/filters.js';
import type { PageRequest } from '../common/lists/keyset.js';
import type { CsvColumn, ListSource } from '../common/lists/list-response.js';
import { decodeCursor, encodeCursor } from '../common/lists/cursor.js';
import { DEFAULT_PAGE_SIZE } from '../common/lists/list-query.js';
import { FieldValidationError } from '../common/validation.js';
import { LegalEntitiesService } from '../organization/legal-entities.service.js';
import { formatAmount } from '../../workflows/domain/money.js';
import { BALANCE_SORT, type CustomerListQuery } from './customer-list.query.js';
import { limitUsePercent } from './limit-use.js';
import { CustomerNetBalances, formatNetBalance, type NetBalance } from './net-balances.js';

export interface CustomerListItem {
  id: string;
  externalId: string;
  entity: string;
  name: string;
  segment: string | null;
  riskClass: string | null;
  salespersonEmail: string | null;
  /**
   * Per currency with open invoices or unapplied credit (neither: empty): open and overdue invoices,
   * `unapplied` credit (cash and credit notes) and `balance` = open − unapplied, as on the account.
   */
  balances: ReturnType<typeof formatNetBalance>[];
  creditLimit: { amount: string; currency: string } | null;
  /** Open balance in the limit's currency / limit × 100 (null without a limit). */
  limitUsePercent: number | null;
}

const joinBalances = (c: CustomerListItem, pick: 'open' | 'overdue' | 'unapplied' | 'balance') => c.balances.map((b) => `${b.currency} ${b[pick]}`).join('; ');

export const CUSTOMER_CSV_COLUMNS: readonly CsvColumn<CustomerListItem>[] = [
  { header: 'id', value: (c) => c.id },
  { header: 'externalId', value: (c) => c.externalId, text: true },
  { header: 'entity', value: (c) => c.entity },
  { header: 'name', value: (c) => c.name, text: true },
  { header: 'segment', value: (c) => c.segment, text: true },
  { header: 'riskClass', value: (c) => c.riskClass },
  { header: 'salesperson', value: (c) => c.salespersonEmail, text: true },
  { header: 'open', value: (c) => joinBalances(c, 'open') },
  { header: 'overdue', value: (c) => joinBalances(c, 'overdue') },
  { header: 'unapplied', value: (c) => joinBalances(c, 'unapplied') },
  { header: 'balance', value: (c) => joinBalances(c, 'balance') },
  { header: 'creditLimit', value: (c) => c.creditLimit?.amount ?? null },
  { header: 'creditLimitCurrency', value: (c) => c.creditLimit?.currency ?? null },
  { header: 'limitUsePercent', value: (c) => c.limitUsePercent },
];

/** Ids to keep (`only`, intersected) and to drop (`except`, united) from figures owned by other capabilities. */
class Restriction {
  only: Set<string> | null = null;
  readonly except = new Set<string>();

  keep(ids: Iterable<string>): void {
    const next = new Set(ids);
    this.only = this.only === null ? next : new Set([...this.only].filter((id) => next.has(id)));
  }

  drop(ids: Iterable<string>): void {
    for (const id of ids) this.except.add(id);
  }
}

/**
 * The customer list. Customers' rows are paged by their owner (CustomersService); balances come
 * from CustomerNetBalances (invoices, unapplied cash, credit notes) and limits from credit's
 * CreditProfileService. Filters on those figures become id restrictions the owner's query applies,
 * so totals and cursors stay exact. Sorting by balance pages in memory over the matching
 * customers' balances, keyset by (balance, id) (docs/lists-and-accounts.md).
 */
@Injectable()
export class CustomerListService {
  constructor(
    @Inject(CustomersService) private readonly customers: CustomersService,
    @Inject(CustomerNetBalances) private readonly balances: CustomerNetBalances,
    @Inject(CreditProfileService) private readonly credit: CreditProfileService,
    @Inject(LegalEntitiesService) private readonly entities: LegalEntitiesService,
  ) {}

  async source(query: CustomerListQuery, salesperson: string | null): Promise<ListSource<CustomerListItem>> {
    const entities = await this.entities.list();
    let entityId: string | undefined;
    if (query.entity !== undefined) {
      entityId = entities.find((e) => e.code === query.entity)?.id;
      if (!entityId) throw unknownFilterValue('entity', query.entity);
    }
    const conflicting = salesperson !== null && query.salesperson !== undefined && salesperson.toLowerCase() !== query.salesperson.toLowerCase();
    const who = salesperson ?? query.salesperson;
    const filter: CustomerFilter & { q?: string } = {
      ...(entityId && { entityId }),
      ...(query.segment && { segment: query.segment }),
      ...(query.riskClass && { riskClass: query.riskClass }),
      ...(who !== undefined && { salesperson: who }),
      ...(query.q && { q: query.q }),
    };
    const bySort = query.sort === BALANCE_SORT || query.sort === `-${BALANCE_SORT}`;
    if (bySort && !query.currency) throw new FieldValidationError([{ field: 'currency', messages: ['sorting by balance needs the currency balances are compared in'] }]);
    const restriction = await this.restriction(query, filter);
    if (conflicting) restriction.keep([]);
    const codes = new Map(entities.map((e) => [e.id, e.code]));
    const only = restriction.only === null ? undefined : [...restriction.only];
    const except = [...restriction.except];
    const csv = { filename: 'customers.csv', columns: CUSTOMER_CSV_COLUMNS };
    if (bySort) {
      // Computed once per request: a CSV export walks every page of the same order.
      let ordered: Promise<{ id: string; balanceMinor: bigint }[]> | null = null;
      const order = () => (ordered ??= this.byBalance(filter, only, except, query.currency!));
      return {
        csv,
        page: async (request: PageRequest, withTotal: boolean) => {
          const page = balancePage(await order(), request);
          const summaries = await this.customers.summaries(page.ids);
          const rows = page.ids.map((id) => summaries.get(id)).filter((c): c is CustomerSummary => c !== undefined);
          return { items: await this.items(rows, codes), total: withTotal ? page.total : null, nextCursor: page.nextCursor };
        },
      };
    }
    return {
      csv,
      page: async (request: PageRequest, withTotal: boolean) => {
        const page = await this.customers.page(filter, { ...(only && { only }), except }, request, withTotal);
        return { items: await this.items(page.rows, codes), total: page.total, nextCursor: page.nextCursor };
      },
    };
  }

  /** The matching customers with their balance in `currency` (0 when they have none), in no particular order. */
  private async byBalance(filter: CustomerFilter & { q?: string }, only: string[] | undefined, except: readonly string[], currency: string) {
    const [ids, balances] = await Promise.all([this.customers.idsMatching(filter), this.balances.of(null)]);
    const kept = only ? new Set(only) : null;
    const dropped = new Set(except);
    return ids
      .filter((id) => (kept === null || kept.has(id)) && !dropped.has(id))
      .map((id) => ({ id, balanceMinor: balances.get(id)?.find((b) => b.currency === currency)?.balanceMinor ?? 0n }));
  }

  private async restriction(query: CustomerListQuery, filter: CustomerFilter): Promise<Restriction> {
    const restriction = new Restriction();
    const bounds = minorBounds(query as CustomerListQuery & Record<string, unknown>, ['balanceMin', 'balanceMax']);
    const needsBalances = bounds.size > 0 || query.overdue !== undefined || query.limitUseMin !== undefined || query.limitUseMax !== undefined;
    if (!needsBalances) return restriction;
    const all = await this.balances.of(null);
    const inCurrency = (list: readonly NetBalance[] | undefined, currency: string) => list?.find((b) => b.currency === currency);
    if (bounds.size > 0) {
      const min = bounds.get('balanceMin');
      const max = bounds.get('balanceMax');
      const matches = (v: bigint) => (min === undefined || v >= min) && (max === undefined || v <= max);
      const withBalance = [...all].map(([id, list]) => [id, inCurrency(list, query.currency!)?.balanceMinor ?? 0n] as const);
      // Customers with nothing open and no credit count 0: keep the matching ones, or drop the others when 0 matches.
      if (matches(0n)) restriction.drop(withBalance.filter(([, v]) => !matches(v)).map(([id]) => id));
      else restriction.keep(withBalance.filter(([, v]) => matches(v)).map(([id]) => id));
    }
    if (query.overdue !== undefined) {
      const overdue = [...all].filter(([, list]) => list.some((b) => b.overdueMinor > 0n && (!query.currency || b.currency === query.currency))).map(([id]) => id);
      if (query.overdue) restriction.keep(overdue);
      else restriction.drop(overdue);
    }
    if (query.limitUseMin !== undefined || query.limitUseMax !== undefined) {
      const candidates = await this.customers.idsMatching(filter);
      const limits = await this.credit.currentLimits(candidates);
      restriction.keep([...limits].filter(([id, limit]) => {
        const use = limitUsePercent(inCurrency(all.get(id), limit.currency)?.openMinor ?? 0n, limit.amountMinor);
        return use !== null && (query.limitUseMin === undefined || use >= query.limitUseMin) && (query.limitUseMax === undefined || use <= query.limitUseMax);
      }).map(([id]) => id));
    }
    return restriction;
  }

  private async items(rows: CustomerSummary[], codes: ReadonlyMap<string, string>): Promise<CustomerListItem[]> {
    const ids = rows.map((r) => r.id);
    const [balances, limits] = await Promise.all([this.balances.of(ids), this.credit.currentLimits(ids)]);
    return rows.map((c) => {
      const list = balances.get(c.id) ?? [];
      const limit: CreditLimitAmount | undefined = limits.get(c.id);
      return {
        id: c.id, externalId: c.externalId, entity: codes.get(c.entityId) ?? '', name: c.name, segment: c.segment, riskClass: c.riskClass,
        salespersonEmail: c.salespersonEmail,
        balances: list.map(formatNetBalance),
        creditLimit: limit ? { amount: formatAmount(limit.amountMinor, limit.currency), currency: limit.currency } : null,
        limitUsePercent: limit ? limitUsePercent(list.find((b) => b.currency === limit.currency)?.openMinor ?? 0n, limit.amountMinor) : null,
      };
    });
  }
}

/**
 * A page of customers ordered by (balance, id), ascending or descending (`-balance`): the keyset of
 * the other sorts, over balances computed for the request. A cursor holds the last row's balance
 * and id, so customers whose balance changed between two requests move, and none is shown twice on
 * one walk unless its balance moved it past the position reached.
 */
function balancePage(rows: { id: string; balanceMinor: bigint }[], request: PageRequest): { ids: string[]; total: number; nextCursor: string | null } {
  const sort = request.sort ?? BALANCE_SORT;
  const sign = sort.startsWith('-') ? -1 : 1;
  const compare = (a: { id: string; balanceMinor: bigint }, b: { id: string; balanceMinor: bigint }) =>
    sign * (a.balanceMinor !== b.balanceMinor ? (a.balanceMinor < b.balanceMinor ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const sorted = [...rows].sort(compare);
  let start = 0;
  if (request.cursor) {
    const at = decodeCursor(request.cursor, sort, 'bigint');
    const position = { id: at.id, balanceMinor: BigInt(at.value) };
    start = sorted.findIndex((r) => compare(r, position) > 0);
    if (start < 0) start = sorted.length;
  }
  const limit = request.limit ?? DEFAULT_PAGE_SIZE;
  const page = sorted.slice(start, start + limit);
  const last = page.at(-1);
  const more = start + limit < sorted.length;
  return {
    ids: page.map((r) => r.id), total: sorted.length,
    nextCursor: more && last ? encodeCursor({ sort, value: last.balanceMinor.toString(), id: last.id }) : null,
  };
}
