import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import { createBusinessCalendar } from '../../workflows/domain/business-calendar.js';
import { dateInZone, daysBetween } from '../../workflows/domain/calendar.js';
import { formatAmount, parseAmount } from '../../workflows/domain/money.js';
import { allocateToInstalments, computeSchedule, percentToBp } from '../../workflows/domain/payment-plan-rules.js';
import {
  decidePaymentPlanUpdate, paymentPlanWorkflowId, type PaymentPlanInput,
} from '../../workflows/payment-plan.definitions.js';
import type { paymentPlanWorkflow } from '../../workflows/payment-plan.workflow.js';
import type { Principal } from '../auth/principal.js';
import { Clock, systemClock } from '../clock/clock.js';
import { amountProblem, toMinor } from '../common/amount-input.js';
import { ConflictError, NotFoundError } from '../common/errors.js';
import { isUuid } from '../common/uuid.js';
import { FieldValidationError, type FieldError } from '../common/validation.js';
import { AppConfig } from '../config/app-config.js';
import { CustomerDirectory } from '../customers/customer-directory.js';
import { InvoiceBalances } from '../invoices/invoice-balances.js';
import { checkCoveredInvoices } from './covered-invoices.js';
import { LegalEntitiesService } from '../organization/legal-entities.service.js';
import { InvoiceSettlementReader } from '../payments/invoice-settlement.reader.js';
import { PaymentPlan, type StoredInstalment } from './payment-plan.entity.js';
import type { CreatePaymentPlanDto, PaymentPlanDecisionDto, PaymentPlanListQuery } from './payment-plan.dto.js';

/** Reminder before each due date, in days. */
export const PLAN_REMINDER_DAYS_BEFORE = 3;

/** The approval amount of an entity (its code, else `default`) from RELANCE_PAYMENT_PLAN_APPROVAL_ABOVE; null: none configured. */
export function approvalThreshold(setting: string, entityCode: string): string | null {
  const pairs = new Map(setting.split(',').map((p) => p.split('=') as [string, string]));
  return pairs.get(entityCode) ?? pairs.get('default') ?? null;
}

/** A plan as the API shows it: terms, schedule with what each instalment received, decision. */
export type PaymentPlanView = {
  id: string; status: string; entity: string; customer: { id: string; externalId: string; name: string } | null;
  invoices: { id: string; externalId: string }[]; currency: string; principal: string; interest: string; fee: string; total: string;
  annualInterestRate: string; paid: string; graceBusinessDays: number; needsApproval: boolean; decidedBy: string | null;
  decisionComment: string | null; brokenSeq: number | null; note: string;
  instalments: { seq: number; dueDate: string; principal: string; interest: string; fee: string; amount: string; paid: string; remaining: string }[];
  createdBy: string; createdAt: string; closedAt: string | null;
};

@Injectable()
export class PaymentPlansService {
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

  /**
   * Proposes a plan over the invoices' whole open amounts and starts its workflow: active at once,
   * or waiting for a credit manager above the entity's approval amount. Bad input: 400 per field, nothing written.
   */
  async create(
    dto: CreatePaymentPlanDto, principal: Pick<Principal, 'userId' | 'name'>, options: { sourceKey?: string | null } = {},
  ): Promise<{ id: string; status: string; created: boolean }> {
    // The caller's externalId, or a key of the caller's own (the portal's per-submission key): creating again returns the first.
    const sourceKey = options.sourceKey ?? (dto.externalId ? `external:${dto.externalId}` : null);
    if (sourceKey) {
      const existing = await this.dataSource.manager.findOneBy(PaymentPlan, { sourceKey });
      if (existing) {
        await this.ensureStarted(existing);
        return { id: existing.id, status: existing.status, created: false };
      }
    }
    const entity = await this.entities.findByCode(dto.entity);
    if (!entity) throw new FieldValidationError([{ field: 'entity', messages: [`unknown entity "${dto.entity}"`] }]);
    const customer = await this.customers.findByExternalId(entity.id, dto.customerExternalId);
    if (!customer) throw new FieldValidationError([{ field: 'customerExternalId', messages: [`unknown customer "${dto.customerExternalId}"`] }]);
    const errors: FieldError[] = [];
    const timeZone = customer.timeZone ?? entity.timeZone;
    const today = dateInZone(this.clock.nowMs(), timeZone);
    if (daysBetween(today, dto.firstDueDate) <= 0) errors.push({ field: 'firstDueDate', messages: [`firstDueDate must be after today (${today})`] });
    else if (daysBetween(today, dto.firstDueDate) > 366) errors.push({ field: 'firstDueDate', messages: ['firstDueDate must be within 366 days'] });
    let feeMinor = 0n;
    if (dto.fee !== undefined) {
      const problem = amountProblem('fee', dto.fee, dto.currency);
      if (problem) errors.push({ field: 'fee', messages: [problem] });
      else feeMinor = toMinor(dto.fee, dto.currency);
    }
    const annualInterestBp = dto.annualInterestRate === undefined ? 0 : percentToBp(dto.annualInterestRate);
    const seen = new Set<string>();
    dto.invoiceExternalIds.forEach((id, i) => {
      if (seen.has(id)) errors.push({ field: `invoiceExternalIds[${i}]`, messages: ['each invoice may appear once'] });
      seen.add(id);
    });
    const graceBusinessDays = dto.graceBusinessDays ?? this.config.RELANCE_PROMISE_GRACE_BUSINESS_DAYS;
    const calendar = createBusinessCalendar(entity.businessCalendar);
    const threshold = approvalThreshold(this.config.RELANCE_PAYMENT_PLAN_APPROVAL_ABOVE, entity.code);

    const saved = await this.dataSource.transaction(async (m) => {
      const locked = await this.invoices.lockByExternalIds(m, entity.id, [...seen]);
      const byExternalId = new Map(locked.map((i) => [i.externalId, i]));
      const held = locked.length === 0 ? [] : (await m.query(
        `SELECT id, invoice_ids AS "invoiceIds" FROM payment_plans WHERE status IN ('pending_approval', 'active') AND invoice_ids && $1::uuid[]`,
        [locked.map((i) => i.id)],
      )) as { id: string; invoiceIds: string[] }[];
      const covered = checkCoveredInvoices({
        externalIds: dto.invoiceExternalIds, found: byExternalId, customer: { id: customer.id, externalId: dto.customerExternalId },
        currency: dto.currency, holders: held, what: { noun: 'plan', holder: 'payment plan', verb: 'schedule' },
      });
      errors.push(...covered.errors);
      const principalMinor = covered.openTotalMinor;
      if (errors.length === 0 && principalMinor < BigInt(dto.instalments)) {
        errors.push({ field: 'instalments', messages: ['more instalments than minor units to pay'] });
      }
      if (errors.length > 0) throw new FieldValidationError(errors);
      const schedule = computeSchedule({
        principalMinor, startDate: today, firstDueDate: dto.firstDueDate, count: dto.instalments,
        intervalMonths: dto.intervalMonths ?? 1, annualInterestBp, feeMinor,
      });
      const interestMinor = schedule.reduce((s, i) => s + i.interestMinor, 0n);
      const totalMinor = schedule.reduce((s, i) => s + i.amountMinor, 0n);
      const needsApproval = threshold !== null && totalMinor > parseAmount(threshold, dto.currency);
      const instalments: StoredInstalment[] = schedule.map((i) => ({
        seq: i.seq, dueDate: i.dueDate, principalMinor: i.principalMinor.toString(), interestMinor: i.interestMinor.toString(),
        feeMinor: i.feeMinor.toString(), amountMinor: i.amountMinor.toString(),
      }));
      const row = await m.save(m.create(PaymentPlan, {
        entityId: entity.id, customerId: customer.id, invoiceIds: dto.invoiceExternalIds.map((x) => byExternalId.get(x)!.id),
        currency: dto.currency, principalMinor, interestMinor, feeMinor, totalMinor, annualInterestBp, instalments, graceBusinessDays,
        status: needsApproval ? 'pending_approval' : 'active', needsApproval, decidedBy: null, decisionComment: null, paidMinor: null,
        brokenSeq: null, note: dto.note ?? '', sourceKey, createdByUserId: principal.userId, createdByName: principal.name,
        snapshot: {} as PaymentPlanInput, workflowId: '', createdAt: this.clock.now(), closedAt: null,
      }));
      const snapshot: PaymentPlanInput = {
        planId: row.id, customerId: customer.id, currency: dto.currency,
        instalments: instalments.map((i) => ({ seq: i.seq, dueDate: i.dueDate, amountMinor: i.amountMinor })),
        needsApproval, graceBusinessDays, reminderDaysBefore: PLAN_REMINDER_DAYS_BEFORE, sendHour: this.config.RELANCE_SEND_HOUR,
        calendar, timeZone,
      };
      await m.update(PaymentPlan, { id: row.id }, { snapshot, workflowId: paymentPlanWorkflowId(row.id) });
      return { plan: await m.findOneByOrFail(PaymentPlan, { id: row.id }), created: true };
    }).catch(async (err: unknown) => {
      if ((err as { code?: string }).code !== '23505' || !sourceKey) throw err;
      return { plan: await this.dataSource.manager.findOneByOrFail(PaymentPlan, { sourceKey }), created: false };
    });
    await this.ensureStarted(saved.plan);
    return { id: saved.plan.id, status: saved.plan.status, created: saved.created };
  }

  private async ensureStarted(p: PaymentPlan): Promise<void> {
    if (p.status !== 'active' && p.status !== 'pending_approval') return;
    try {
      await this.client.workflow.start<typeof paymentPlanWorkflow>('paymentPlanWorkflow', {
        workflowId: p.workflowId, taskQueue: this.config.TEMPORAL_TASK_QUEUE, args: [p.snapshot],
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
  }

  /** A credit manager's decision on a plan waiting for approval; refused (409) when none is pending. */
  async decide(id: string, dto: PaymentPlanDecisionDto, principal: Principal) {
    const plan = await this.find(id);
    try {
      await this.client.workflow.getHandle(plan.workflowId).executeUpdate(decidePaymentPlanUpdate, {
        args: [{ decision: dto.decision, comment: dto.comment, decider: { userId: principal.userId, name: principal.name } }],
      });
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError || err instanceof WorkflowNotFoundError) {
        throw new ConflictError('PLAN_NOT_PENDING', `Payment plan ${id} is not waiting for a decision`);
      }
      throw err;
    }
    return this.get(id);
  }

  private async find(id: string): Promise<PaymentPlan> {
    const p = isUuid(id) ? await this.dataSource.manager.findOneBy(PaymentPlan, { id }) : null;
    if (!p) throw new NotFoundError('Payment plan', id);
    return p;
  }

  async get(id: string): Promise<PaymentPlanView> {
    return this.view(await this.find(id));
  }

  /** Plans by status, oldest first (at most `limit`, default 50). */
  async list(query: PaymentPlanListQuery): Promise<{ items: PaymentPlanView[] }> {
    const rows = await this.dataSource.manager.find(PaymentPlan, {
      where: query.status ? { status: query.status } : {}, order: { createdAt: 'ASC', id: 'ASC' }, take: query.limit ?? 50,
    });
    return { items: await Promise.all(rows.map((p) => this.view(p))) };
  }

  private async view(p: PaymentPlan): Promise<PaymentPlanView> {
    const [customer, externalIds, entity] = await Promise.all([
      this.customers.find(p.customerId), this.invoices.externalIds(p.invoiceIds), this.entities.findById(p.entityId),
    ]);
    const live = p.status === 'active' || p.status === 'pending_approval';
    const paidMinor = live ? await this.settlements.receivedSince(p.invoiceIds, p.createdAt) : (p.paidMinor ?? 0n);
    const money = (minor: bigint | string) => formatAmount(BigInt(minor), p.currency);
    const standing = allocateToInstalments(p.instalments.map((i) => ({ seq: i.seq, dueDate: i.dueDate, amountMinor: BigInt(i.amountMinor) })), paidMinor);
    return {
      id: p.id, status: p.status, entity: entity?.code ?? '',
      customer: customer ? { id: customer.id, externalId: customer.externalId, name: customer.name } : null,
      invoices: p.invoiceIds.map((id) => ({ id, externalId: externalIds.get(id) ?? '' })),
      currency: p.currency, principal: money(p.principalMinor), interest: money(p.interestMinor), fee: money(p.feeMinor), total: money(p.totalMinor),
      annualInterestRate: `${Math.floor(p.annualInterestBp / 100)}.${String(p.annualInterestBp % 100).padStart(2, '0')}`,
      paid: money(paidMinor), graceBusinessDays: p.graceBusinessDays, needsApproval: p.needsApproval,
      decidedBy: p.decidedBy, decisionComment: p.decisionComment, brokenSeq: p.brokenSeq, note: p.note,
      instalments: p.instalments.map((i, idx) => ({
        seq: i.seq, dueDate: i.dueDate, principal: money(i.principalMinor), interest: money(i.interestMinor), fee: money(i.feeMinor),
        amount: money(i.amountMinor), paid: money(standing[idx]!.paidMinor), remaining: money(standing[idx]!.remainingMinor),
      })),
      createdBy: p.createdByName, createdAt: p.createdAt.toISOString(), closedAt: p.closedAt?.toISOString() ?? null,
    };
  }
}
