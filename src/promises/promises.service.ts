import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import { createBusinessCalendar } from '../../workflows/domain/business-calendar.js';
import { addDays, dateInZone, daysBetween } from '../../workflows/domain/calendar.js';
import { formatAmount } from '../../workflows/domain/money.js';
import { promiseDeadline } from '../../workflows/domain/promise-rules.js';
import { promiseWorkflowId, type PromiseToPayInput } from '../../workflows/promise.definitions.js';
import type { promiseToPayWorkflow } from '../../workflows/promise-to-pay.workflow.js';
import type { Principal } from '../auth/principal.js';
import { Clock, systemClock } from '../clock/clock.js';
import { amountProblem, toMinor } from '../common/amount-input.js';
import { NotFoundError } from '../common/errors.js';
import { FieldValidationError, type FieldError } from '../common/validation.js';
import { isUuid } from '../common/uuid.js';
import { AppConfig } from '../config/app-config.js';
import { CustomerDirectory } from '../customers/customer-directory.js';
import { InvoiceBalances } from '../invoices/invoice-balances.js';
import { checkCoveredInvoices } from './covered-invoices.js';
import { LegalEntitiesService } from '../organization/legal-entities.service.js';
import { InvoiceSettlementReader } from '../payments/invoice-settlement.reader.js';
import { PaymentPromise, type PromiseChannel } from './payment-promise.entity.js';

/** The furthest a promised date may be. */
export const MAX_PROMISE_DAYS_AHEAD = 366;

/** What makes a promise (the API, a collector's logged call with outcome `promise`). */
export interface CreatePromiseCommand {
  /** Legal entity code; default: the default entity. */
  entity?: string;
  customerExternalId: string;
  invoiceExternalIds: string[];
  /** Decimal string, e.g. "1250.00". */
  amount: string;
  currency: string;
  /** YYYY-MM-DD in the customer's zone. */
  promisedFor: string;
  channel: PromiseChannel;
  note?: string;
  /** Default: RELANCE_PROMISE_GRACE_BUSINESS_DAYS. */
  graceBusinessDays?: number;
  /** Idempotency: a second create with this key returns the first promise (e.g. `call:<taskId>`). */
  sourceKey?: string | null;
}

export interface PromiseActor {
  userId: string | null;
  name: string;
}

export interface PromiseView {
  id: string;
  status: string;
  entity: string;
  customer: { id: string; externalId: string; name: string } | null;
  invoices: { id: string; externalId: string }[];
  currency: string;
  amount: string;
  /** Received toward it: live while open, as judged once closed. */
  received: string;
  promisedFor: string;
  graceBusinessDays: number;
  graceEndsOn: string;
  channel: string;
  note: string;
  keptLate: boolean | null;
  escalated: boolean;
  createdBy: string;
  createdAt: string;
  closedAt: string | null;
}

@Injectable()
export class PromisesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(Client) private readonly client: Client,
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(LegalEntitiesService) private readonly entities: LegalEntitiesService,
    @Inject(CustomerDirectory) private readonly customers: CustomerDirectory,
    @Inject(InvoiceBalances) private readonly invoices: InvoiceBalances,
    @Inject(InvoiceSettlementReader) private readonly settlements: InvoiceSettlementReader,
    @Optional() @Inject(Clock) private readonly clock: Clock = systemClock,
  ) {}

  createFromApi(dto: Omit<CreatePromiseCommand, 'sourceKey'> & { externalId?: string }, principal: Principal) {
    const { externalId, ...cmd } = dto;
    return this.create({ ...cmd, sourceKey: externalId ? `external:${externalId}` : null }, { userId: principal.userId, name: principal.name });
  }

  /**
   * Records a promise and starts its workflow (which holds the invoices' dunning at once).
   * Bad input: FieldValidationError (400) with one message per field, nothing written.
   * With a sourceKey, creating twice returns the first promise (`created: false`).
   */
  async create(cmd: CreatePromiseCommand, actor: PromiseActor): Promise<{ id: string; status: string; created: boolean }> {
    if (cmd.sourceKey) {
      const existing = await this.dataSource.manager.findOneBy(PaymentPromise, { sourceKey: cmd.sourceKey });
      if (existing) {
        await this.ensureStarted(existing);
        return { id: existing.id, status: existing.status, created: false };
      }
    }
    const errors: FieldError[] = [];
    const entity = await this.entities.findByCode(cmd.entity);
    if (!entity) throw new FieldValidationError([{ field: 'entity', messages: [`unknown entity "${cmd.entity}"`] }]);
    const customer = await this.customers.findByExternalId(entity.id, cmd.customerExternalId);
    if (!customer) throw new FieldValidationError([{ field: 'customerExternalId', messages: [`unknown customer "${cmd.customerExternalId}"`] }]);
    const amountIssue = amountProblem('amount', cmd.amount, cmd.currency);
    if (amountIssue) errors.push({ field: 'amount', messages: [amountIssue] });
    const amountMinor = amountIssue ? 0n : toMinor(cmd.amount, cmd.currency);
    if (!amountIssue && amountMinor <= 0n) errors.push({ field: 'amount', messages: ['amount must be greater than 0'] });
    const timeZone = customer.timeZone ?? entity.timeZone;
    const today = dateInZone(this.clock.nowMs(), timeZone);
    const ahead = daysBetween(today, cmd.promisedFor);
    if (ahead < 0) errors.push({ field: 'promisedFor', messages: [`promisedFor must be today (${today}) or later`] });
    else if (ahead > MAX_PROMISE_DAYS_AHEAD) {
      errors.push({ field: 'promisedFor', messages: [`promisedFor must be at most ${MAX_PROMISE_DAYS_AHEAD} days ahead (${addDays(today, MAX_PROMISE_DAYS_AHEAD)})`] });
    }
    const seen = new Set<string>();
    cmd.invoiceExternalIds.forEach((id, i) => {
      if (seen.has(id)) errors.push({ field: `invoiceExternalIds[${i}]`, messages: ['each invoice may appear once'] });
      seen.add(id);
    });
    const graceBusinessDays = cmd.graceBusinessDays ?? this.config.RELANCE_PROMISE_GRACE_BUSINESS_DAYS;
    const calendar = createBusinessCalendar(entity.businessCalendar);

    const saved = await this.dataSource.transaction(async (m) => {
      const locked = await this.invoices.lockByExternalIds(m, entity.id, [...seen]);
      const byExternalId = new Map(locked.map((i) => [i.externalId, i]));
      const open = locked.length === 0 ? [] : (await m.query(
        `SELECT id, invoice_ids AS "invoiceIds" FROM payment_promises WHERE status = 'open' AND invoice_ids && $1::uuid[]`, [locked.map((i) => i.id)],
      )) as { id: string; invoiceIds: string[] }[];
      const covered = checkCoveredInvoices({
        externalIds: cmd.invoiceExternalIds, found: byExternalId, customer: { id: customer.id, externalId: cmd.customerExternalId },
        currency: cmd.currency, holders: open, what: { noun: 'promise', holder: 'open promise', verb: 'promise' },
      });
      errors.push(...covered.errors);
      const openTotal = covered.openTotalMinor;
      if (errors.length === 0 && amountMinor > openTotal) {
        errors.push({ field: 'amount', messages: [`exceeds the open amount of the invoices, ${formatAmount(openTotal, cmd.currency)}`] });
      }
      if (errors.length > 0) throw new FieldValidationError(errors);
      const { graceEndsOn } = promiseDeadline(cmd.promisedFor, graceBusinessDays, calendar, timeZone);
      const invoiceIds = cmd.invoiceExternalIds.map((x) => byExternalId.get(x)!.id);
      const row = await m.save(m.create(PaymentPromise, {
        entityId: entity.id, customerId: customer.id, invoiceIds, currency: cmd.currency, amountMinor, receivedMinor: null,
        promisedFor: cmd.promisedFor, graceBusinessDays, graceEndsOn, channel: cmd.channel, note: cmd.note ?? '', status: 'open',
        keptLate: null, escalated: false, sourceKey: cmd.sourceKey ?? null, createdByUserId: actor.userId, createdByName: actor.name,
        snapshot: {} as PromiseToPayInput, workflowId: '', createdAt: this.clock.now(), closedAt: null, closedOn: null,
      }));
      const snapshot: PromiseToPayInput = {
        promiseId: row.id, customerId: customer.id, currency: cmd.currency, amountMinor: amountMinor.toString(),
        promisedFor: cmd.promisedFor, graceBusinessDays, calendar, timeZone,
      };
      await m.update(PaymentPromise, { id: row.id }, { snapshot, workflowId: promiseWorkflowId(row.id) });
      return { promise: await m.findOneByOrFail(PaymentPromise, { id: row.id }), created: true };
    }).catch(async (err: unknown) => {
      // Two creates with one sourceKey raced: the loser answers with the winner's promise.
      if ((err as { code?: string }).code !== '23505' || !cmd.sourceKey) throw err;
      return { promise: await this.dataSource.manager.findOneByOrFail(PaymentPromise, { sourceKey: cmd.sourceKey }), created: false };
    });
    await this.ensureStarted(saved.promise);
    return { id: saved.promise.id, status: saved.promise.status, created: saved.created };
  }

  /** Starts the promise's workflow once (a retry finds it started, even closed). */
  private async ensureStarted(p: PaymentPromise): Promise<void> {
    if (p.status !== 'open') return;
    try {
      await this.client.workflow.start<typeof promiseToPayWorkflow>('promiseToPayWorkflow', {
        workflowId: p.workflowId, taskQueue: this.config.TEMPORAL_TASK_QUEUE, args: [p.snapshot],
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
  }

  async get(id: string): Promise<PromiseView> {
    const p = isUuid(id) ? await this.dataSource.manager.findOneBy(PaymentPromise, { id }) : null;
    if (!p) throw new NotFoundError('Promise', id);
    return (await this.views([p]))[0]!;
  }

  /** Views of promise rows (one query per kind of lookup, whatever their number). */
  async views(rows: readonly PaymentPromise[]): Promise<PromiseView[]> {
    const [customers, externalIds, entities] = await Promise.all([
      this.customers.findMany([...new Set(rows.map((r) => r.customerId))]),
      this.invoices.externalIds([...new Set(rows.flatMap((r) => r.invoiceIds))]),
      this.entities.list(),
    ]);
    const codes = new Map(entities.map((e) => [e.id, e.code]));
    return Promise.all(rows.map(async (p): Promise<PromiseView> => {
      const c = customers.get(p.customerId);
      const received = p.status === 'open' ? await this.settlements.receivedSince(p.invoiceIds, p.createdAt) : (p.receivedMinor ?? 0n);
      return {
        id: p.id, status: p.status, entity: codes.get(p.entityId) ?? '',
        customer: c ? { id: c.id, externalId: c.externalId, name: c.name } : null,
        invoices: p.invoiceIds.map((id) => ({ id, externalId: externalIds.get(id) ?? '' })),
        currency: p.currency, amount: formatAmount(p.amountMinor, p.currency), received: formatAmount(received, p.currency),
        promisedFor: p.promisedFor, graceBusinessDays: p.graceBusinessDays, graceEndsOn: p.graceEndsOn, channel: p.channel, note: p.note,
        keptLate: p.keptLate, escalated: p.escalated, createdBy: p.createdByName, createdAt: p.createdAt.toISOString(),
        closedAt: p.closedAt?.toISOString() ?? null,
      };
    }));
  }
}
