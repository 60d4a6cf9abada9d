import { Inject, Injectable, Optional } from '@nestjs/common';
import { storedTitle } from '../../activities/task-titles.js';
import type { Principal } from '../auth/principal.js';
import { Clock, systemClock } from '../clock/clock.js';
import { NotFoundError } from '../common/errors.js';
import { CustomerDirectory } from '../customers/customer-directory.js';
import { resolveCollectorParam } from '../portfolios/collector-scope.js';
import { PortfolioService } from '../portfolios/portfolio.service.js';
import type { WorklistQuery } from '../prediction/prediction.dto.js';
import { PredictionService } from '../prediction/prediction.service.js';
import { CollectorTaskRecords } from '../tasks/collector-task.records.js';
import { effectiveDueAt, isOverdue, isSnoozed } from '../tasks/task-rules.js';
import { UsersService } from '../users/users.service.js';
import { dateInZone } from '../../workflows/domain/calendar.js';
import { formatAmount } from '../../workflows/domain/money.js';
import { rankWorklist, type RankedInvoiceInput, type RankedTaskInput, type WorklistCustomerInput } from './worklist-ranking.js';

/**
 * The collector's day: their customers ranked by risk × amount × predicted lateness (worklist-ranking.ts)
 * with their open tasks, and the open invoices ranked by the prediction's priority. Composed from the
 * owners' services: portfolios, predictions, customers, tasks; it owns no table.
 */
@Injectable()
export class WorklistService {
  constructor(
    @Inject(PredictionService) private readonly predictions: PredictionService,
    @Inject(PortfolioService) private readonly portfolios: PortfolioService,
    @Inject(CustomerDirectory) private readonly customers: CustomerDirectory,
    @Inject(CollectorTaskRecords) private readonly tasks: CollectorTaskRecords,
    @Inject(UsersService) private readonly users: UsersService,
    @Optional() @Inject(Clock) private readonly clock: Clock = systemClock,
  ) {}

  async worklist(query: WorklistQuery, principal: Principal) {
    const collectorId = resolveCollectorParam(principal, query.collector);
    const collector = collectorId ? await this.users.findById(collectorId) : null;
    if (collectorId && !collector) throw new NotFoundError('User', collectorId);
    const entity = await this.predictions.entityByCode(query.entity);
    const nowMs = this.clock.nowMs();
    const asOf = query.asOf ?? dateInZone(nowMs, entity.timeZone);
    const limit = query.limit ?? 50;

    const entityCustomers = new Set(await this.customers.idsMatching({ entityId: entity.id }));
    let scope: Set<string>;
    if (collectorId) {
      const assignments = await this.portfolios.assignments([...entityCustomers]);
      scope = new Set([...assignments.values()].filter((a) => a.collectorUserId === collectorId).map((a) => a.customerId));
    } else {
      scope = entityCustomers;
    }
    const [invoiceList, open, taskRows] = await Promise.all([
      this.predictions.worklist({ entity: entity.code, limit, asOf, customerIds: scope }),
      this.predictions.predictOpenInvoices({ entity: entity.code, asOf }),
      this.tasks.openTasks({ customerIds: [...scope], assigneeUserId: collectorId }),
    ]);
    const entityTasks = taskRows.filter((t) => entityCustomers.has(t.customerId));
    const active = entityTasks.filter((t) => !isSnoozed(t, nowMs));

    const byCustomer = new Map<string, WorklistCustomerInput>();
    const records = await this.customers.findMany([...new Set([...open.invoices.filter((i) => scope.has(i.customerId)).map((i) => i.customerId), ...active.map((t) => t.customerId)])]);
    const entry = (customerId: string) => {
      let e = byCustomer.get(customerId);
      if (!e) {
        const c = records.get(customerId)!;
        e = { customerId, externalId: c.externalId, name: c.name, riskClass: c.riskClass, invoices: [], tasks: [] };
        byCustomer.set(customerId, e);
      }
      return e as WorklistCustomerInput & { invoices: RankedInvoiceInput[]; tasks: RankedTaskInput[] };
    };
    for (const i of open.invoices) {
      if (!scope.has(i.customerId)) continue;
      entry(i.customerId).invoices.push({
        invoiceId: i.invoiceId, externalId: i.externalId, number: i.number, currency: i.currency, openAmountMinor: i.openAmountMinor, dueDate: i.dueDate,
        predictedDaysLate: i.prediction.predictedDaysLate, expectedPaymentDate: i.prediction.expectedPaymentDate,
      });
    }
    for (const t of active) {
      entry(t.customerId).tasks.push({ id: t.id, kind: t.kind, title: t.title, ...storedTitle(t), dueAt: effectiveDueAt(t).toISOString(), overdue: isOverdue(t, nowMs) });
    }
    const ranked = rankWorklist([...byCustomer.values()], asOf);
    const invoiceView = (i: RankedInvoiceInput) => ({
      id: i.invoiceId, externalId: i.externalId, number: i.number, currency: i.currency, openAmount: formatAmount(i.openAmountMinor, i.currency), dueDate: i.dueDate,
      predictedDaysLate: i.predictedDaysLate, expectedPaymentDate: i.expectedPaymentDate,
    });
    return {
      entity: entity.code,
      asOf,
      collector: collector ? { id: collector.id, name: collector.name, email: collector.email } : null,
      /** Customers by score, each with the reasons (factors) of its score, its open invoices and tasks. */
      customers: ranked.customers.slice(0, limit).map((c) => ({ ...c, invoices: c.invoices.map(invoiceView) })),
      /** Open tasks (snoozed ones left out) in working order: overdue first, then by the customer's score. */
      tasks: ranked.tasks,
      snoozedTasks: entityTasks.length - active.length,
      /** Open invoices overdue or due within 30 days, by the prediction's priority (reasons given). */
      items: invoiceList.items,
    };
  }
}

