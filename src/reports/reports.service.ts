import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { salespersonScope } from '../auth/need-to-know.js';
import type { Principal, Role } from '../auth/principal.js';
import { UnappliedCashService } from '../cash/unapplied-cash.service.js';
import { Clock } from '../clock/clock.js';
import { FieldValidationError } from '../common/validation.js';
import { CustomersService, type CustomerReportLabel } from '../customers/customers.service.js';
import { LedgerQueries, type BucketSums, type LedgerScope } from '../ledger/ledger-queries.js';
import { LegalEntitiesService } from '../organization/legal-entities.service.js';
import { dateInZone } from '../../workflows/domain/calendar.js';
import { formatAmount } from '../../workflows/domain/money.js';
import { addBuckets, BUCKETS, bucketsTotal, NO_BUCKETS, toBucketAmounts, type BucketAmounts } from './aged-balance.js';
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
    const scope = await this.scope(query.currency, query.entity, principal);
    const today = this.today();
    // Today's balance by due date, the most asked for, comes from the day kept per customer.
    // Labels are read at the same time: every customer of the scope (a salesperson's, an entity's, or all).
    const [rows, labels, credits] = await Promise.all([
      basis === 'due' && asOf === today ? this.ledger.agedByCustomerToday(scope, today) : this.ledger.agedByCustomer(scope, asOf, basis, today),
      groupBy === 'entity' ? new Map<string, CustomerReportLabel>() : this.customers.reportLabels(scope.customerIds ?? { entityId: scope.entityId ?? null }),
      // Unapplied cash of the report's currency as it stood at the end of asOf: a separate column, not in the buckets.
      this.unapplied.openCredits({ entityId: scope.entityId ?? null, currency: query.currency, asOf, ...(scope.customerIds ? { customerIds: scope.customerIds } : {}) }),
    ]);
    const entities = await this.entitiesOf([...rows.map((r) => r.entityId), ...credits.map((c) => c.entityId)]);
    const groups = new Map<string, { key: string | null; label: string; entity?: string; sums: BucketSums; total: bigint; unapplied: bigint }>();
    let total = NO_BUCKETS;
    let unapplied = 0n;
    const groupFor = (row: { customerId: string; entityId: string }) => {
      const g = groupOf(groupBy, row, labels.get(row.customerId), entities.get(row.entityId));
      const id = `${g.entity ?? ''}\u0000${g.key ?? ''}`;
      let group = groups.get(id);
      if (!group) groups.set(id, (group = { ...g, sums: NO_BUCKETS, total: 0n, unapplied: 0n }));
      return group;
    };
    for (const row of rows) {
      total = addBuckets(total, row);
      const group = groupFor(row);
      group.sums = addBuckets(group.sums, row);
    }
    for (const credit of credits) {
      unapplied += credit.remainingMinor;
      groupFor(credit).unapplied += credit.remainingMinor;
    }
    const list = [...groups.values()].filter((g) => {
      g.total = bucketsTotal(g.sums);
      const { b0, b1, b2, b3, b4, b5 } = g.sums;
      return b0 !== 0n || b1 !== 0n || b2 !== 0n || b3 !== 0n || b4 !== 0n || b5 !== 0n || g.unapplied !== 0n;
    });
    list.sort((a, b) => (a.total !== b.total ? (b.total > a.total ? 1 : -1) : a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
    const money = (v: bigint) => formatAmount(v, query.currency);
    return {
      asOf, currency: query.currency, basis, groupBy, entity: query.entity ?? null, buckets: BUCKETS,
      total: { ...toBucketAmounts(total, query.currency), unapplied: money(unapplied), net: money(bucketsTotal(total) - unapplied) },
      groups: list.map((g): AgedBalanceGroup => ({
        key: g.key, label: g.label, ...(g.entity !== undefined ? { entity: g.entity } : {}), ...toBucketAmounts(g.sums, query.currency),
        unapplied: money(g.unapplied), net: money(g.total - g.unapplied),
      })),
    };
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

function groupOf(
  groupBy: GroupBy, row: { customerId: string; entityId: string }, label: CustomerReportLabel | undefined, entity: { code: string; name: string } | undefined,
): { key: string | null; label: string; entity?: string } {
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
