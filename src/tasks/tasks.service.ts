import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import type { Principal } from '../auth/principal.js';
import { storedTitle, taskTitle, type TaskTitleCode, type TaskTitleParams } from '../../activities/task-titles.js';
import { Clock, systemClock } from '../clock/clock.js';
import { ConflictError, NotFoundError } from '../common/errors.js';
import { unknownFilterValue } from '../common/lists/filters.js';
import { keysetPage, type PageRequest, type SortKeys } from '../common/lists/keyset.js';
import type { CsvColumn, ListSource } from '../common/lists/list-response.js';
import { isUuid } from '../common/uuid.js';
import { FieldValidationError } from '../common/validation.js';
import { CustomerDirectory, type CustomerRecord } from '../customers/customer-directory.js';
import { InvoiceDirectory } from '../invoices/invoice-directory.js';
import { InvoiceLedgerReader } from '../invoices/invoice-ledger.reader.js';
import { InvoiceWorkflowGateway } from '../invoices/invoice-workflow.gateway.js';
import { LegalEntitiesService } from '../organization/legal-entities.service.js';
import { resolveCollectorParam, seesAllPortfolios } from '../portfolios/collector-scope.js';
import { PortfolioService } from '../portfolios/portfolio.service.js';
import { UsersService } from '../users/users.service.js';
import { dateInZone, zonedDateHourToEpoch } from '../../workflows/domain/calendar.js';
import { CALL_PROMISES, type CallPromises } from './call-promise.port.js';
import type { CheckpointDecisionDto, CheckpointDecisionView } from './checkpoint-decision.dto.js';
import { CollectorTask } from './collector-task.entity.js';
import type { AssignTaskDto, CallPromiseDto, CompleteTaskDto, LogCallDto, SnoozeTaskDto, TaskListQuery } from './task.dto.js';
import { closedStatus, completionProblems, effectiveDueAt, isOverdue, isSnoozed, snoozeProblem, type TaskKind } from './task-rules.js';

/** The effective due instant in SQL: the snooze's end when later than the due date. */
const EFFECTIVE_DUE_SQL = 'GREATEST(t.due_at, COALESCE(t.snoozed_until, t.due_at))';
/** A call-back task is due at this hour of the day, in the entity's zone. */
const CALL_BACK_HOUR = 9;

/** Sort keys (keysetPage compares timestamps at the millisecond a cursor carries). */
const SORTS: SortKeys<CollectorTask> = {
  dueAt: { sql: EFFECTIVE_DUE_SQL, type: 'timestamptz', value: (t) => effectiveDueAt(t).toISOString() },
  createdAt: { sql: 't.created_at', type: 'timestamptz', value: (t) => t.createdAt.toISOString() },
};

export interface TaskView {
  id: string;
  kind: string;
  status: string;
  /** In English: integrators' fallback, and all a task stored before titles had codes has. */
  title: string;
  /** null on a task stored before titles had codes. */
  titleCode: TaskTitleCode | null;
  titleParams: TaskTitleParams | null;
  step: string;
  dueAt: string;
  snoozedUntil: string | null;
  /** The snooze's end when later than dueAt, else dueAt. */
  effectiveDueAt: string;
  overdue: boolean;
  snoozed: boolean;
  /** The task's own assignee, else the holder of the customer's portfolio (`assigneeSource`). */
  assignee: { id: string; name: string | null; email: string | null } | null;
  assigneeSource: 'task' | 'portfolio' | null;
  invoiceId: string | null;
  invoiceNumber: string | null;
  invoiceExternalId: string | null;
  customerId: string;
  customerExternalId: string | null;
  customerName: string | null;
  outcome: string | null;
  note: string | null;
  closedAt: string | null;
  closedBy: string | null;
  createdAt: string;
  data: Record<string, unknown>;
}

export const TASK_CSV_COLUMNS: readonly CsvColumn<TaskView>[] = [
  { header: 'id', value: (t) => t.id },
  { header: 'kind', value: (t) => t.kind },
  { header: 'status', value: (t) => t.status },
  { header: 'title', value: (t) => t.title, text: true },
  { header: 'dueAt', value: (t) => t.dueAt },
  { header: 'effectiveDueAt', value: (t) => t.effectiveDueAt },
  { header: 'overdue', value: (t) => t.overdue },
  { header: 'assigneeEmail', value: (t) => t.assignee?.email ?? null, text: true },
  { header: 'customerExternalId', value: (t) => t.customerExternalId, text: true },
  { header: 'customerName', value: (t) => t.customerName, text: true },
  { header: 'invoiceNumber', value: (t) => t.invoiceNumber, text: true },
  { header: 'outcome', value: (t) => t.outcome },
  { header: 'note', value: (t) => t.note, text: true },
  { header: 'closedAt', value: (t) => t.closedAt },
  { header: 'closedBy', value: (t) => t.closedBy, text: true },
];

@Injectable()
export class TasksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(InvoiceWorkflowGateway) private readonly workflows: InvoiceWorkflowGateway,
    @Inject(InvoiceDirectory) private readonly invoices: InvoiceDirectory,
    @Inject(InvoiceLedgerReader) private readonly invoiceLookup: InvoiceLedgerReader,
    @Inject(CustomerDirectory) private readonly customers: CustomerDirectory,
    @Inject(LegalEntitiesService) private readonly entities: LegalEntitiesService,
    @Inject(PortfolioService) private readonly portfolios: PortfolioService,
    @Inject(UsersService) private readonly users: UsersService,
    @Optional() @Inject(Clock) private readonly clock: Clock = systemClock,
    @Optional() @Inject(CALL_PROMISES) private readonly promises: CallPromises | null = null,
  ) {}

  /**
   * The collectors' work, filtered and paged (list conventions). A collector who does not see every
   * portfolio sees the tasks assigned to them and the unassigned tasks of their portfolio and of
   * customers no collector holds.
   */
  async source(query: TaskListQuery, principal: Principal): Promise<ListSource<TaskView>> {
    const now = this.clock.now();
    const base = this.dataSource.manager.createQueryBuilder(CollectorTask, 't');
    if (!seesAllPortfolios(principal)) {
      const visible = await this.portfolios.visibleCustomerIds(principal.userId ?? '');
      base.andWhere('(t.assignee_user_id = CAST(:me AS uuid) OR (t.assignee_user_id IS NULL AND t.customer_id = ANY(CAST(:visible AS uuid[]))))', {
        me: principal.userId, visible: [...visible.mine, ...visible.unassigned],
      });
    }
    if (query.assignee === 'unassigned') {
      const { unassigned } = await this.portfolios.visibleCustomerIds('');
      base.andWhere('t.assignee_user_id IS NULL AND t.customer_id = ANY(CAST(:unassigned AS uuid[]))', { unassigned });
    } else if (query.assignee !== undefined) {
      const who = resolveCollectorParam(principal, query.assignee, 'assignee')!;
      const portfolio = await this.portfolios.customersOf(who);
      base.andWhere('(t.assignee_user_id = CAST(:who AS uuid) OR (t.assignee_user_id IS NULL AND t.customer_id = ANY(CAST(:portfolio AS uuid[]))))', { who, portfolio });
    }
    if (query.status) base.andWhere('t.status = :status', { status: query.status });
    if (query.kind) base.andWhere('t.kind = :kind', { kind: query.kind });
    if (query.overdue !== undefined) {
      base.andWhere(query.overdue ? `(t.status = 'open' AND ${EFFECTIVE_DUE_SQL} < :now)` : `NOT (t.status = 'open' AND ${EFFECTIVE_DUE_SQL} < :now)`, { now });
    }
    if (query.dueBefore) base.andWhere(`${EFFECTIVE_DUE_SQL} < CAST(:dueBefore AS timestamptz)`, { dueBefore: query.dueBefore });
    if (query.dueFrom) base.andWhere(`${EFFECTIVE_DUE_SQL} >= CAST(:dueFrom AS timestamptz)`, { dueFrom: query.dueFrom });
    if (query.customer !== undefined) {
      const entity = await this.entities.findByCode(query.entity);
      if (!entity) throw unknownFilterValue('entity', query.entity ?? '');
      const customer = await this.customers.findByExternalId(entity.id, query.customer);
      base.andWhere('t.customer_id = CAST(:customerId AS uuid)', { customerId: customer?.id ?? '00000000-0000-0000-0000-000000000000' });
    }
    if (query.invoiceId) base.andWhere('t.invoice_id = CAST(:invoiceId AS uuid)', { invoiceId: query.invoiceId.toLowerCase() });
    return {
      csv: { filename: 'tasks.csv', columns: TASK_CSV_COLUMNS },
      page: async (request: PageRequest, withTotal: boolean) => {
        const page = await keysetPage(base, SORTS, request, { defaultSort: 'dueAt', idSql: 't.id', withTotal });
        return { items: await this.views(page.rows, now.getTime()), total: page.total, nextCursor: page.nextCursor };
      },
    };
  }

  async get(id: string, principal: Principal): Promise<TaskView> {
    const task = await this.visibleTask(id, principal);
    return (await this.views([task], this.clock.nowMs()))[0]!;
  }

  /** Assigns (or reassigns) an open task; null gives it back to the holder of the customer's portfolio. */
  async assign(id: string, dto: AssignTaskDto, principal: Principal): Promise<TaskView> {
    const task = await this.visibleTask(id, principal);
    if (task.status !== 'open') throw new ConflictError('TASK_CLOSED', `Task ${id} is ${task.status}: only an open task is assigned`);
    let assignee: string | null = null;
    if (dto.assignee !== null) {
      assignee = dto.assignee === 'me' ? principal.userId : isUuid(dto.assignee) ? dto.assignee.toLowerCase() : null;
      if (!assignee) throw new FieldValidationError([{ field: 'assignee', messages: ['assignee must be "me", a user id, or null'] }]);
      await this.portfolios.requireHolder(assignee, 'assignee');
    }
    await this.dataSource.manager.update(CollectorTask, { id: task.id, status: 'open' }, { assigneeUserId: assignee });
    // Handed to someone else, it may leave the caller's sight: answered as it now stands all the same.
    return (await this.views([await this.dataSource.manager.findOneByOrFail(CollectorTask, { id: task.id })], this.clock.nowMs()))[0]!;
  }

  /** Hides an open task until `until` (it is not overdue meanwhile). */
  async snooze(id: string, dto: SnoozeTaskDto, principal: Principal): Promise<TaskView> {
    const task = await this.visibleTask(id, principal);
    const until = new Date(dto.until);
    const problem = snoozeProblem(task, until, this.clock.nowMs());
    if (problem && task.status !== 'open') throw new ConflictError('TASK_CLOSED', problem);
    if (problem) throw new FieldValidationError([{ field: 'until', messages: [problem] }]);
    await this.dataSource.manager.update(CollectorTask, { id: task.id, status: 'open' }, { snoozedUntil: until });
    return this.get(id, principal);
  }

  /**
   * Completes an open task with an outcome its kind allows and a note. A checkpoint's outcome is the
   * decision sent to the invoice's workflow; `call_back_on` opens the next call; `promise` opens the promise.
   */
  async complete(id: string, dto: CompleteTaskDto, principal: Principal) {
    const task = await this.visibleTask(id, principal);
    if (task.status !== 'open') throw new ConflictError('TASK_CLOSED', `Task ${id} is already ${task.status} (${task.outcome ?? 'no outcome'})`);
    const customer = (await this.customers.find(task.customerId))!;
    const zone = await this.zoneOf(customer);
    const problems = completionProblems(task.kind as TaskKind, dto, dateInZone(this.clock.nowMs(), zone));
    if (problems.length) throw new FieldValidationError(problems);
    if (task.kind === 'checkpoint') {
      const invoice = task.invoiceId ? await this.invoices.find(task.invoiceId) : null;
      if (!invoice) throw new ConflictError('CHECKPOINT_WITHOUT_INVOICE', `Task ${id} has no invoice to decide on`);
      await this.workflows.decideCheckpoint(invoice.workflowId, {
        stepKey: task.step, decision: dto.outcome === 'approved' ? 'approve' : 'reject', by: principal.name, ...(dto.note && { comment: dto.note }),
      });
    }
    const invoiceExternalIds = task.invoiceId ? [(await this.invoices.find(task.invoiceId))?.externalId].filter((x): x is string => !!x) : [];
    const promise = dto.outcome === 'promise'
      ? await this.openPromise(customer, dto.promise!, invoiceExternalIds, dto.note ?? null, `call:${task.id}`, principal)
      : null;
    const now = this.clock.now();
    // The workflow may already have closed a checkpoint it was told about: the note and author are kept either way.
    await this.dataSource.manager.update(CollectorTask, { id: task.id }, {
      status: closedStatus(dto.outcome), outcome: dto.outcome, note: dto.note ?? null, closedAt: now, closedBy: principal.name,
      data: { ...task.data, ...this.outcomeData(dto, promise) } as QueryDeepPartialEntity<CollectorTask>['data'],
    });
    const followUp = dto.outcome === 'call_back_on'
      ? await this.openCallBack(task.id, customer, task.invoiceId, dto.callBackOn!, zone, task.assigneeUserId ?? principal.userId)
      : null;
    return { task: await this.get(id, principal), followUpTaskId: followUp, promiseId: promise?.id ?? null };
  }

  /** A call made to the customer, recorded as a completed call task (its outcome and note); see `complete` for the outcomes' effects. */
  async logCall(entityCode: string | undefined, externalId: string, dto: LogCallDto, principal: Principal) {
    const entity = await this.entities.findByCode(entityCode);
    if (!entity) throw new FieldValidationError([{ field: 'entity', messages: [`unknown entity "${entityCode}"`] }]);
    const customer = await this.customers.findByExternalId(entity.id, externalId);
    if (!customer || !(await this.portfolios.canSee(principal, customer.id))) throw new NotFoundError('Customer', externalId);
    const now = this.clock.now();
    const calledAt = dto.calledAt ? new Date(dto.calledAt) : now;
    const errors = completionProblems('call', dto, dateInZone(now.getTime(), entity.timeZone));
    if (calledAt.getTime() > now.getTime() + 60_000) errors.push({ field: 'calledAt', messages: ['calledAt must not be in the future'] });
    const wanted = [...new Set(dto.invoiceExternalIds ?? [])];
    const invoices = (await this.invoiceLookup.byExternalIds(entity.id, wanted)).filter((i) => i.customerId === customer.id);
    const missing = wanted.filter((x) => !invoices.some((i) => i.externalId === x));
    if (missing.length) errors.push({ field: 'invoiceExternalIds', messages: [`not invoices of customer ${externalId}: ${missing.join(', ')}`] });
    if (errors.length) throw new FieldValidationError(errors);
    const id = randomUUID();
    const promise = dto.outcome === 'promise' ? await this.openPromise(customer, dto.promise!, wanted, dto.note ?? null, `call:${id}`, principal) : null;
    await this.dataSource.manager.insert(CollectorTask, {
      id, idempotencyKey: `call:${id}`, kind: 'call', status: closedStatus(dto.outcome), invoiceId: invoices[0]?.id ?? null, customerId: customer.id,
      step: 'call_logged', ...taskTitle('CALL_LOGGED', { customer: customer.name }), dueAt: calledAt, closedAt: calledAt, outcome: dto.outcome,
      note: dto.note ?? null, closedBy: principal.name, assigneeUserId: principal.userId,
      data: { invoiceIds: invoices.map((i) => i.id), ...this.outcomeData(dto, promise) },
    } as QueryDeepPartialEntity<CollectorTask>);
    const followUp = dto.outcome === 'call_back_on'
      ? await this.openCallBack(id, customer, invoices[0]?.id ?? null, dto.callBackOn!, entity.timeZone, principal.userId)
      : null;
    return { task: await this.get(id, principal), followUpTaskId: followUp, promiseId: promise?.id ?? null };
  }

  async decideCheckpoint(invoiceId: string, stepKey: string, dto: CheckpointDecisionDto): Promise<CheckpointDecisionView> {
    if (!isUuid(invoiceId)) throw new NotFoundError('Invoice', invoiceId);
    const invoice = await this.invoices.find(invoiceId);
    if (!invoice) throw new NotFoundError('Invoice', invoiceId);
    await this.workflows.decideCheckpoint(invoice.workflowId, { stepKey, decision: dto.decision, by: dto.by, comment: dto.comment });
    return { invoiceId, stepKey, decision: dto.decision };
  }

  private outcomeData(dto: { outcome: string; callBackOn?: string; promise?: CallPromiseDto }, promise: { id: string } | null): Record<string, unknown> {
    return {
      ...(dto.callBackOn && { callBackOn: dto.callBackOn }),
      ...(dto.promise && { promiseTerms: { ...dto.promise }, promiseId: promise?.id ?? null }),
    };
  }

  /**
   * Opens the promise (call-promise.port.ts). Its invoices: those the promise names, else the call's,
   * else the customer's open invoices in the promise's currency. The promises capability's field
   * errors come back under `promise.` (nothing is written then).
   */
  private async openPromise(
    customer: CustomerRecord, p: CallPromiseDto, callInvoices: string[], note: string | null, sourceKey: string, principal: Principal,
  ): Promise<{ id: string; status: string } | null> {
    if (!this.promises) return null;
    const entity = (await this.entities.findById(customer.entityId))!;
    let invoiceExternalIds = p.invoiceExternalIds ?? callInvoices;
    if (invoiceExternalIds.length === 0) {
      invoiceExternalIds = (await this.invoices.openOfCustomer(customer.id))
        .filter((i) => i.currency === p.currency && i.openAmountMinor > 0n).map((i) => i.externalId);
    }
    try {
      return await this.promises.create({
        entity: entity.code, customerExternalId: customer.externalId, invoiceExternalIds,
        amount: p.amount, currency: p.currency, promisedFor: p.promisedFor, channel: 'phone', note, sourceKey,
      }, principal);
    } catch (err) {
      if (!(err instanceof FieldValidationError)) throw err;
      throw new FieldValidationError(err.errors.map((e) => ({ ...e, field: `promise.${e.field}` })));
    }
  }

  private async openCallBack(fromTaskId: string, customer: CustomerRecord, invoiceId: string | null, day: string, zone: string, assignee: string | null): Promise<string> {
    await this.dataSource.createQueryBuilder().insert().into(CollectorTask).values({
      idempotencyKey: `call_back:${fromTaskId}`, kind: 'call', status: 'open', invoiceId, customerId: customer.id, step: 'call_back',
      ...taskTitle('CALL_BACK', { customer: customer.name }), dueAt: new Date(zonedDateHourToEpoch(day, CALL_BACK_HOUR, zone)),
      assigneeUserId: assignee, data: { previousTaskId: fromTaskId },
    } as QueryDeepPartialEntity<CollectorTask>).orIgnore().updateEntity(false).execute();
    return (await this.dataSource.manager.findOneByOrFail(CollectorTask, { idempotencyKey: `call_back:${fromTaskId}` })).id;
  }

  private async zoneOf(customer: CustomerRecord): Promise<string> {
    return customer.timeZone ?? (await this.entities.findById(customer.entityId))?.timeZone ?? 'UTC';
  }

  /** The task, if the caller may see it (404 otherwise, as if absent). */
  private async visibleTask(id: string, principal: Principal): Promise<CollectorTask> {
    const task = isUuid(id) ? await this.dataSource.manager.findOneBy(CollectorTask, { id }) : null;
    if (!task) throw new NotFoundError('Task', id);
    if (seesAllPortfolios(principal) || task.assigneeUserId === principal.userId) return task;
    if (task.assigneeUserId === null && (await this.portfolios.canSee(principal, task.customerId))) return task;
    throw new NotFoundError('Task', id);
  }

  private async views(tasks: readonly CollectorTask[], nowMs: number): Promise<TaskView[]> {
    const customerIds = [...new Set(tasks.map((t) => t.customerId))];
    const [invoices, customers, portfolio] = await Promise.all([
      this.invoices.findMany(tasks.flatMap((t) => (t.invoiceId ? [t.invoiceId] : []))),
      this.customers.findMany(customerIds),
      this.portfolios.assignments(customerIds),
    ]);
    const userIds = new Set<string>();
    for (const t of tasks) {
      const who = t.assigneeUserId ?? portfolio.get(t.customerId)?.collectorUserId;
      if (who) userIds.add(who);
    }
    const users = new Map((await this.users.findByIds([...userIds])).map((u) => [u.id, u]));
    return tasks.map((t) => {
      const invoice = t.invoiceId ? invoices.get(t.invoiceId) : undefined;
      const customer = customers.get(t.customerId);
      const assigneeId = t.assigneeUserId ?? portfolio.get(t.customerId)?.collectorUserId ?? null;
      const user = assigneeId ? users.get(assigneeId) : undefined;
      return {
        id: t.id, kind: t.kind, status: t.status, title: t.title, ...storedTitle(t), step: t.step, dueAt: t.dueAt.toISOString(),
        snoozedUntil: t.snoozedUntil?.toISOString() ?? null, effectiveDueAt: effectiveDueAt(t).toISOString(),
        overdue: isOverdue(t, nowMs), snoozed: isSnoozed(t, nowMs),
        assignee: assigneeId ? { id: assigneeId, name: user?.name ?? null, email: user?.email ?? null } : null,
        assigneeSource: t.assigneeUserId ? 'task' : assigneeId ? 'portfolio' : null,
        invoiceId: t.invoiceId, invoiceNumber: invoice?.number ?? null, invoiceExternalId: invoice?.externalId ?? null,
        customerId: t.customerId, customerExternalId: customer?.externalId ?? null, customerName: customer?.name ?? null,
        outcome: t.outcome, note: t.note, closedAt: t.closedAt?.toISOString() ?? null, closedBy: t.closedBy,
        createdAt: t.createdAt.toISOString(), data: t.data,
      };
    });
  }
}
