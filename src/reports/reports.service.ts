import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { salespersonScope } from '../auth/need-to-know.js';
import type { Principal, Role } from '../auth/principal.js';
import { UnappliedCashService } from '../cash/unapplied-cash.service.js';
import type { OpenCustomerCredit } from '../common/customer-credit.js';
import { Clock } from '../clock/clock.js';
import { FieldValidationError } from '../common/validation.js';
import { CustomersService, type CustomerReportLabel } from '../customers/customers.service.js';
import { LedgerQueries, type AgedCustomerRow, type AgedPageRequest, type AgingBasis, type BucketSums, type LedgerScope } from '../ledger/ledger-queries.js';
import { LegalEntitiesService } from '../organization/legal-entities.service.js';
import { dateInZone } from '../../workflows/domain/calendar.js';
import { formatAmount, minorUnitDigits } from '../../workflows/domain/money.js';
import { addBuckets, BUCKETS, bucketsTotal, compareDecimalText, formatMinorText, toBucketAmounts, type BucketAmounts } from './aged-balance.js';
import { addDays, computeKpis, inclusiveDays, monthsEndingWith, type KpiFigures } from './kpi-formulas.js';
import { KpiMonthSnapshot } from './kpi-month-snapshot.entity.js';
import type { AgedBalanceQuery, GroupBy, KpiQuery, KpiTrendQuery } from './reports.dto.js';

/** Roles that read every receivable in reports; `sales` reads its own customers only. */
export const REPORT_FULL_ROLES = ['credit_manager', 'collector', 'finance_manager', 'finance_director', 'cfo'] as const satisfies readonly Role[];
/** The zone "today" is taken in when a report is asked without a date. */
const REPORT_TIME_ZONE = 'Europe/Paris';
/** How far back count-back DSO walks. */
const COUNTBACK_MONTHS = 36;
/** Months read first for count-back DSO (enough unless AR exceeds their sales). */
const COUNTBACK_FIRST_READ = 6;
/** Groups in one answer of the aged balance unless `limit` says otherwise. */
export const DEFAULT_GROUP_LIMIT = 100;
/** How long a period may be. */
const MAX_PERIOD_DAYS = 3 * 366;

export interface AgedBalanceGroup extends BucketAmounts {
  /** Unapplied cash of the group's customers in the report's currency (not aged into the buckets); net = total − unapplied. */
  unapplied: string;
  net: string;
  key: string | null;
  label: string;
  /** The legal entity of a customer group. */
  entity?: string;
}

export interface KpiReport extends KpiFigures {
  from: string; to: string; days: number; currency: string; entity: string | null;
  creditSales: string; arBegin: string; arEnd: string; arEndCurrent: string;
  overdueAmount: string; overdueCount: number;
}

@Injectable()
export class ReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(LedgerQueries) private readonly ledger: LedgerQueries,
    @Inject(CustomersService) private readonly customers: CustomersService,
    @Inject(LegalEntitiesService) private readonly entities: LegalEntitiesService,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(UnappliedCashService) private readonly unapplied: UnappliedCashService,
  ) {}

  today(): string {
    return dateInZone(this.clock.nowMs(), REPORT_TIME_ZONE);
  }

  async agedBalance(query: AgedBalanceQuery, principal: Principal) {
    const asOf = query.asOf ?? this.today();
    const basis = query.basis ?? 'due';
    const groupBy: GroupBy = query.groupBy ?? 'customer';
    const limit = query.limit ?? DEFAULT_GROUP_LIMIT;
    const offset = query.offset ?? 0;
    const currency = query.currency;
    const scope = await this.scope(currency, query.entity, principal);
    const today = this.today();
    // Unapplied cash of the report's currency as it stood at the end of asOf: a separate column, not in the buckets.
    const credits = this.unapplied.openCredits({ entityId: scope.entityId ?? null, currency, asOf, ...(scope.customerIds ? { customerIds: scope.customerIds } : {}) });
    const { totals, groupCount, groups } = groupBy === 'customer'
      ? await this.customerGroups(scope, asOf, basis, today, credits, limit, offset)
      : await this.mergedGroups(groupBy, scope, asOf, basis, today, await credits, limit, offset);
    const unapplied = (await credits).reduce((sum, c) => sum + c.remainingMinor, 0n);
    const money = (v: bigint) => formatAmount(v, currency);
    return {
      asOf, currency, basis, groupBy, entity: query.entity ?? null, buckets: BUCKETS,
      total: { ...toBucketAmounts(totals, currency), unapplied: money(unapplied), net: money(bucketsTotal(totals) - unapplied) },
      groupCount, limit, offset, groups,
    };
  }

  /**
   * One page of customer groups, chosen and sorted by the database (largest total first, then by
   * customer id): only the page's customers are labelled and built, whatever the number of customers.
   */
  private async customerGroups(
    scope: LedgerScope, asOf: string, basis: AgingBasis, today: string, credits: Promise<OpenCustomerCredit[]>, limit: number, offset: number,
  ): Promise<{ totals: BucketSums; groupCount: number; groups: AgedBalanceGroup[] }> {
    // The page is read while the credits are: read again only if some customer has unapplied cash (they are groups even at zero).
    const pageOf = (extra: AgedPageRequest['extra']) => this.ledger.agedCustomerPage(scope, asOf, basis, today, { limit, offset, extra });
    const [first, open] = await Promise.all([pageOf([]), credits]);
    const unappliedOf = new Map<string, { customerId: string; entityId: string; amount: bigint }>();
    for (const c of open) {
      const id = `${c.customerId}\u0000${c.entityId}`;
      const found = unappliedOf.get(id);
      if (found) found.amount += c.remainingMinor;
      else unappliedOf.set(id, { customerId: c.customerId, entityId: c.entityId, amount: c.remainingMinor });
    }
    const page = unappliedOf.size === 0 ? first : await pageOf([...unappliedOf.values()]);
    const [labels, entities] = await Promise.all([
      this.customers.reportLabels([...new Set(page.rows.map((r) => r.customerId))]),
      this.entitiesOf(page.rows.map((r) => r.entityId)),
    ]);
    const digits = minorUnitDigits(scope.currency);
    const f = (minor: string) => formatMinorText(minor, digits);
    const groups = page.rows.map((r): AgedBalanceGroup => {
      const label = groupOf('customer', r, labels.get(r.customerId), entities.get(r.entityId));
      const credit = unappliedOf.get(`${r.customerId}\u0000${r.entityId}`)?.amount ?? 0n;
      return {
        key: label.key, label: label.label, entity: label.entity!,
        current: f(r.b0), '1-30': f(r.b1), '31-60': f(r.b2), '61-90': f(r.b3), '91-120': f(r.b4), '120+': f(r.b5), total: f(r.total),
        unapplied: f(credit.toString()), net: credit === 0n ? f(r.total) : f((BigInt(r.total) - credit).toString()),
      };
    });
    // Equal totals by label within the page (pages are cut in customer-id order among equal totals, so none is shown twice).
    groups.sort(byTotalThenLabel);
    return { totals: page.totals, groupCount: page.groupCount, groups };
  }

  /**
   * Groups other than customers (entities, segments, salespeople, risk classes: a few): customers'
   * rows added up (entities by the database), unapplied cash added to its group, largest total
   * first then by label, then the page.
   */
  private async mergedGroups(
    groupBy: Exclude<GroupBy, 'customer'>, scope: LedgerScope, asOf: string, basis: AgingBasis, today: string,
    credits: readonly OpenCustomerCredit[], limit: number, offset: number,
  ): Promise<{ totals: BucketSums; groupCount: number; groups: AgedBalanceGroup[] }> {
    const [aged, labels] = await Promise.all([
      groupBy === 'entity' ? this.ledger.agedByEntity(scope, asOf, basis, today) : this.ledger.agedCustomerRows(scope, asOf, basis, today),
      groupBy === 'entity' ? new Map<string, CustomerReportLabel>() : this.customers.reportLabels(scope.customerIds ?? { entityId: scope.entityId ?? null }),
    ]);
    const entities = await this.entitiesOf([...new Set(aged.rows.map((r) => r.entityId)), ...credits.map((c) => c.entityId)]);
    const groupFor = (row: { customerId: string; entityId: string }) => groupOf(groupBy, row, labels.get(row.customerId), entities.get(row.entityId));
    const digits = minorUnitDigits(scope.currency);
    const f = (minor: string) => formatMinorText(minor, digits);
    const money = (v: bigint) => formatAmount(v, scope.currency);
    const sourced = mergedRows(aged.rows, groupFor);
    const groups = sourced.map(({ label, sums }): AgedBalanceGroup => {
      const total = f(sums.total);
      return {
        key: label.key, label: label.label, ...(label.entity !== undefined ? { entity: label.entity } : {}),
        current: f(sums.b0), '1-30': f(sums.b1), '31-60': f(sums.b2), '61-90': f(sums.b3), '91-120': f(sums.b4), '120+': f(sums.b5), total,
        unapplied: f('0'), net: total,
      };
    });
    if (credits.length > 0) {
      const index = new Map(sourced.map((s, i) => [groupId(s.label), i]));
      const unappliedOf = new Map<number, bigint>();
      for (const credit of credits) {
        const label = groupFor(credit);
        let i = index.get(groupId(label));
        if (i === undefined) {
          index.set(groupId(label), (i = sourced.push({ label, sums: { ...ZERO_TEXT, total: '0' } }) - 1));
          const zero = f('0');
          groups.push({
            key: label.key, label: label.label, ...(label.entity !== undefined ? { entity: label.entity } : {}),
            current: zero, '1-30': zero, '31-60': zero, '61-90': zero, '91-120': zero, '120+': zero, total: zero, unapplied: zero, net: zero,
          });
        }
        unappliedOf.set(i, (unappliedOf.get(i) ?? 0n) + credit.remainingMinor);
      }
      for (const [i, amount] of unappliedOf) {
        groups[i]!.unapplied = money(amount);
        groups[i]!.net = money(BigInt(sourced[i]!.sums.total) - amount);
      }
    }
    groups.sort(byTotalThenLabel);
    return { totals: aged.totals, groupCount: groups.length, groups: groups.slice(offset, offset + limit) };
  }

  async kpis(query: KpiQuery, principal: Principal): Promise<KpiReport> {
    const problems = periodProblems(query.from, query.to);
    if (problems.length > 0) throw new FieldValidationError(problems);
    const scope = await this.scope(query.currency, query.entity, principal);
    return this.computeKpis(scope, query.from, query.to, query.entity ?? null);
  }

  /**
   * KPIs of each of the last `months` complete calendar months, oldest first:
   * month-end snapshots where they exist; missing months are rebuilt from the
   * ledger and kept (except for a salesperson's narrowed view).
   */
  async trend(query: KpiTrendQuery, principal: Principal) {
    const count = query.months ?? 12;
    const scope = await this.scope(query.currency, query.entity, principal);
    const key = scope.entityId ?? 'all';
    const months = monthsEndingWith(addDays(firstOfMonth(this.today()), -1), count).reverse();
    const stored = scope.customerIds ? [] : await this.dataSource.manager.find(KpiMonthSnapshot, {
      where: months.map((m) => ({ currency: query.currency, scope: key, month: m.start })),
    });
    const points = [];
    for (const m of months) {
      const found = stored.find((s) => s.month === m.start);
      if (found) {
        // A snapshot keeps the KpiReport computeKpis answered (keepSnapshot).
        points.push({ month: m.start.slice(0, 7), origin: found.origin, ...(found.kpis as unknown as KpiReport) });
        continue;
      }
      const kpis = await this.computeKpis(scope, m.start, m.end, query.entity ?? null);
      if (!scope.customerIds) await this.keepSnapshot(query.currency, key, m.start, kpis, 'rebuilt');
      points.push({ month: m.start.slice(0, 7), origin: 'rebuilt', ...kpis });
    }
    return { currency: query.currency, entity: query.entity ?? null, months: points };
  }

  /**
   * The month-end step of the schedule: for every currency, the month just
   * ended (origin `schedule`) and every earlier month of the ledger without a
   * snapshot (origin `rebuilt`), portfolio-wide. Idempotent.
   */
  async takeMonthEndSnapshots(): Promise<{ taken: number }> {
    const lastMonthEnd = addDays(firstOfMonth(this.today()), -1);
    let taken = 0;
    for (const currency of await this.ledger.currencies()) {
      const first = await this.ledger.firstDate(currency);
      if (!first || first > lastMonthEnd) continue;
      const existing = new Set((await this.dataSource.manager.find(KpiMonthSnapshot, { where: { currency, scope: 'all' } })).map((s) => s.month));
      for (let start = firstOfMonth(first); start <= lastMonthEnd; start = addDays(monthEnd(start), 1)) {
        if (existing.has(start)) continue;
        const kpis = await this.computeKpis({ currency }, start, monthEnd(start), null);
        taken += await this.keepSnapshot(currency, 'all', start, kpis, monthEnd(start) === lastMonthEnd ? 'schedule' : 'rebuilt');
      }
    }
    return { taken };
  }

  private async keepSnapshot(currency: string, scope: string, month: string, kpis: KpiReport, origin: string): Promise<number> {
    const inserted: unknown[] = await this.dataSource.query(
      `INSERT INTO kpi_month_snapshots (currency, scope, month, kpis, origin, taken_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (currency, scope, month) DO NOTHING RETURNING id`,
      [currency, scope, month, JSON.stringify(kpis), origin, this.clock.now()],
    );
    return inserted.length;
  }

  private async computeKpis(scope: LedgerScope, from: string, to: string, entityCode: string | null): Promise<KpiReport> {
    const today = this.today();
    const months = monthsEndingWith(to, COUNTBACK_MONTHS);
    const [begin, end, flows, settled, overdueCount, recent] = await Promise.all([
      this.ledger.agedTotals(scope, addDays(from, -1), 'due', today),
      this.ledger.agedTotals(scope, to, 'due', today),
      this.ledger.flows(scope, from, to),
      this.ledger.settledInPeriod(scope, from, to),
      this.ledger.overdueCount(scope, to, today),
      this.ledger.monthlySales(scope, months[COUNTBACK_FIRST_READ - 1]!.start, to),
    ]);
    // Count-back usually stops within a few months: read further back only when their sales do not cover AR.
    const recentSales = [...recent.values()].reduce((a, b) => a + b, 0n);
    const monthly = recentSales > bucketsTotal(end) ? recent : await this.ledger.monthlySales(scope, months[months.length - 1]!.start, to);
    const creditSales = flows.invoiced + flows.adjustments + flows.cancellations + flows.creditNotes;
    const arBegin = bucketsTotal(begin);
    const arEnd = bucketsTotal(end);
    const days = inclusiveDays(from, to);
    const figures = computeKpis({
      days, creditSalesMinor: creditSales, arBeginMinor: arBegin, arEndMinor: arEnd, arEndCurrentMinor: end.b0,
      arEndOver90Minor: end.b4 + end.b5, writeOffsMinor: flows.writeOffs,
      settledAmountMinor: settled.amountMinor, settledWeightedDays: settled.weightedDays,
      monthsBack: months.map((m) => ({ days: m.days, salesMinor: monthly.get(m.start) ?? 0n })),
    });
    const c = scope.currency;
    return {
      from, to, days, currency: c, entity: entityCode,
      creditSales: formatAmount(creditSales, c), arBegin: formatAmount(arBegin, c), arEnd: formatAmount(arEnd, c),
      arEndCurrent: formatAmount(end.b0, c), ...figures,
      overdueAmount: formatAmount(arEnd - end.b0, c), overdueCount,
    };
  }

  private async scope(currency: string, entityCode: string | undefined, principal: Principal): Promise<LedgerScope> {
    let entityId: string | null = null;
    if (entityCode !== undefined) {
      const entity = await this.entities.findByCode(entityCode);
      if (!entity) throw new FieldValidationError([{ field: 'entity', messages: [`unknown entity "${entityCode}"`] }]);
      entityId = entity.id;
    }
    const salesperson = salespersonScope(principal, REPORT_FULL_ROLES);
    const customerIds = salesperson === null ? undefined : await this.customers.idsSoldBy(salesperson);
    return { currency, entityId, ...(customerIds ? { customerIds } : {}) };
  }

  /** Code and name of each legal entity, one lookup per entity (not per row). */
  private async entitiesOf(ids: readonly string[]): Promise<Map<string, { code: string; name: string }>> {
    const found = new Map<string, { code: string; name: string }>();
    for (const id of new Set(ids)) {
      const entity = await this.entities.findById(id);
      found.set(id, { code: entity?.code ?? id, name: entity?.name ?? id });
    }
    return found;
  }
}

interface GroupLabel {
  key: string | null;
  label: string;
  entity?: string;
}

type TextSums = Record<'b0' | 'b1' | 'b2' | 'b3' | 'b4' | 'b5' | 'total', string>;

const ZERO_TEXT = Object.freeze({ b0: '0', b1: '0', b2: '0', b3: '0', b4: '0', b5: '0' });

/** Largest total first, then by label. Totals are decimal text with the currency's digits, compared without parsing. */
const byTotalThenLabel = (a: AgedBalanceGroup, b: AgedBalanceGroup) =>
  compareDecimalText(b.total, a.total) || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);

const groupId = (g: GroupLabel) => `${g.entity ?? ''}\u0000${g.key ?? ''}`;

/** Groupings other than by customer add customers' rows up (a few groups); those at zero are left out. */
function mergedRows(rows: readonly AgedCustomerRow[], groupFor: (row: AgedCustomerRow) => GroupLabel): { label: GroupLabel; sums: TextSums }[] {
  const groups = new Map<string, { label: GroupLabel; sums: BucketSums }>();
  for (const r of rows) {
    const label = groupFor(r);
    const id = groupId(label);
    const group = groups.get(id);
    const sums = { b0: BigInt(r.b0), b1: BigInt(r.b1), b2: BigInt(r.b2), b3: BigInt(r.b3), b4: BigInt(r.b4), b5: BigInt(r.b5) };
    if (group) group.sums = addBuckets(group.sums, sums);
    else groups.set(id, { label, sums });
  }
  return [...groups.values()]
    .filter(({ sums: { b0, b1, b2, b3, b4, b5 } }) => b0 !== 0n || b1 !== 0n || b2 !== 0n || b3 !== 0n || b4 !== 0n || b5 !== 0n)
    .map(({ label, sums }) => ({
      label,
      sums: {
        b0: sums.b0.toString(), b1: sums.b1.toString(), b2: sums.b2.toString(), b3: sums.b3.toString(), b4: sums.b4.toString(), b5: sums.b5.toString(),
        total: bucketsTotal(sums).toString(),
      },
    }));
}

function groupOf(
  groupBy: GroupBy, row: { customerId: string; entityId: string }, label: CustomerReportLabel | undefined, entity: { code: string; name: string } | undefined,
): GroupLabel {
  switch (groupBy) {
    case 'customer':
      return { key: label?.externalId ?? row.customerId, label: label?.name ?? row.customerId, entity: entity?.code ?? row.entityId };
    case 'entity':
      return { key: entity?.code ?? row.entityId, label: entity?.name ?? row.entityId };
    case 'segment':
      return { key: label?.segment ?? null, label: label?.segment ?? 'No segment' };
    case 'salesperson':
      return { key: label?.salespersonEmail ?? null, label: label?.salespersonEmail ?? 'No salesperson' };
    case 'riskClass':
      return { key: label?.riskClass ?? null, label: label?.riskClass ? `Class ${label.riskClass}` : 'Not scored' };
  }
}

function periodProblems(from: string, to: string) {
  if (to < from) return [{ field: 'to', messages: ['to must not be before from'] }];
  if (inclusiveDays(from, to) > MAX_PERIOD_DAYS) return [{ field: 'to', messages: [`a period covers at most ${MAX_PERIOD_DAYS} days`] }];
  return [];
}

function firstOfMonth(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

function monthEnd(start: string): string {
  const [y, m] = start.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}
