import { Inject, Injectable, Optional } from '@nestjs/common';
import { Clock, systemClock } from '../clock/clock.js';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  Client, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, WorkflowUpdateFailedError,
} from '@temporalio/client';
import { ApplicationFailure, WorkflowIdReusePolicy } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import type { disputeApprovalWorkflow } from '../../workflows/dispute-approval.workflow.js';
import {
  answerDisputeInfoUpdate, decideDisputeUpdate, disputeStateQuery, disputeWorkflowId,
  type DisputeActor, type DisputeApprovalInput, type DisputeApprovalState, type DisputeDecisionCommand,
} from '../../workflows/dispute.definitions.js';
import {
  allocate, DISPUTE_REFUSAL_STATUS, matchRule, type DisputeRefusalCode, type ReasonCode, type RoutingRule,
} from '../../workflows/domain/dispute-rules.js';
import { positiveAmount } from '../common/amount-input.js';
import { formatAmount } from '../../workflows/domain/money.js';
import { RECEIVABLES_ROLES } from '../auth/need-to-know.js';
import { hasAnyRole, type Principal } from '../auth/principal.js';
import { AppError, ConflictError, NotFoundError } from '../common/errors.js';
import { isUuid } from '../common/uuid.js';
import { FieldValidationError, type FieldError } from '../common/validation.js';
import { AppConfig } from '../config/app-config.js';
import { InvoiceBalances } from '../invoices/invoice-balances.js';
import { UsersService } from '../users/users.service.js';
import { isAssignedTo } from './dispute-access.js';
import { DisputeEvent } from './dispute-event.entity.js';
import { DisputeRule } from './dispute-rule.entity.js';
import { Dispute } from './dispute.entity.js';

/** Used when no routing rule matches (configure a default rule to change it). */
export const FALLBACK_ROUTE = { validatorGroup: 'disputes', resolutionHours: 120, secondLevelFromMinor: null } as const;

function money(minor: bigint | string, currency: string): { amount: string; currency: string };
function money(minor: bigint | string | null, currency: string): { amount: string; currency: string } | null;
function money(minor: bigint | string | null, currency: string) {
  return minor === null ? null : { amount: formatAmount(BigInt(minor), currency), currency };
}

export interface OpenDisputeCommand {
  invoiceIds: string[];
  amountMinor: bigint | null;
  reasonCode: ReasonCode;
  comment: string;
  attachments: string[];
  type: 'dispute' | 'deduction';
  sourceKey: string | null;
  openedBy: DisputeActor;
}

/** Refusals of the workflow's updates, as HTTP statuses. */
export function refusalStatus(type: string): number {
  return DISPUTE_REFUSAL_STATUS[type as DisputeRefusalCode] ?? 409;
}

/**
 * Disputes: recorded here, run by workflow `dispute-<id>`. Decisions and
 * information answers are Temporal updates whose validators refuse what the
 * dispute's state does not allow (nothing is recorded then).
 */
@Injectable()
export class DisputesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(Client) private readonly client: Client,
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(UsersService) private readonly users: UsersService,
    @Inject(InvoiceBalances) private readonly invoices: InvoiceBalances,
    @Optional() @Inject(Clock) private readonly clock: Clock = systemClock,
  ) {}

  parseAmountField(field: string, value: string | undefined | null, currency: string): bigint | null {
    if (value === undefined || value === null) return null;
    const errors: FieldError[] = [];
    const minor = positiveAmount(field, value, currency, errors);
    if (errors.length > 0) throw new FieldValidationError(errors);
    return minor;
  }

  async openFromApi(
    dto: { invoiceIds: string[]; amount?: string; reasonCode: ReasonCode; comment: string; attachments?: string[]; externalId?: string },
    principal: Principal,
  ) {
    const ids = [...new Set(dto.invoiceIds)];
    const invoices = await this.invoices.byIds(ids);
    const currency = invoices[0]?.currency ?? 'EUR';
    return this.open({
      invoiceIds: ids, amountMinor: this.parseAmountField('amount', dto.amount, currency), reasonCode: dto.reasonCode,
      comment: dto.comment, attachments: dto.attachments ?? [], type: dto.reasonCode === 'deduction' ? 'deduction' : 'dispute',
      // ERP retries: the caller's id makes the open idempotent (one dispute per external id).
      sourceKey: dto.externalId ? `external:${dto.externalId}` : null, openedBy: { userId: principal.userId, name: principal.name },
    });
  }

  /** Opens a dispute and starts its workflow; with a sourceKey, opening twice returns the first. */
  async open(cmd: OpenDisputeCommand): Promise<{ id: string; status: string; created: boolean }> {
    if (cmd.sourceKey) {
      const existing = await this.dataSource.manager.findOneBy(Dispute, { sourceKey: cmd.sourceKey });
      if (existing) return { id: existing.id, status: existing.status, created: false };
    }
    const invoices = await this.invoices.byIds(cmd.invoiceIds);
    const byId = new Map(invoices.map((i) => [i.id, i]));
    const missing = cmd.invoiceIds.filter((id) => !byId.has(id));
    if (missing.length) throw new FieldValidationError([{ field: 'invoiceIds', messages: [`unknown invoice(s): ${missing.join(', ')}`] }]);
    const ordered = cmd.invoiceIds.map((id) => byId.get(id)!);
    const first = ordered[0]!;
    if (ordered.some((i) => i.customerId !== first.customerId || i.currency !== first.currency)) {
      throw new FieldValidationError([{ field: 'invoiceIds', messages: ['the invoices must belong to one customer and share one currency'] }]);
    }
    const notOpen = ordered.filter((i) => i.status !== 'open' || i.openAmountMinor === 0n);
    if (notOpen.length) throw new ConflictError('INVOICE_NOT_OPEN', `Invoice(s) not open: ${notOpen.map((i) => i.externalId).join(', ')}`);
    const shares = allocate(ordered.map((i) => ({ invoiceId: i.id, openAmountMinor: i.openAmountMinor })), cmd.amountMinor);
    if (!shares) {
      throw new FieldValidationError([{ field: 'amount', messages: ['amount must not exceed the open amount of the invoices'] }]);
    }
    const amountMinor = shares.reduce((s, x) => s + BigInt(x.amountMinor), 0n);
    const rules = await this.dataSource.manager.find(DisputeRule, { order: { createdAt: 'ASC' } });
    const rule = matchRule(rules as RoutingRule[], { reasonCode: cmd.reasonCode, entityId: first.entityId, amountMinor, currency: first.currency });
    const route = rule ?? FALLBACK_ROUTE;
    const members = (await this.users.usersInGroup(route.validatorGroup)).filter((u) => u.active);
    const manager = await this.users.groupManager(route.validatorGroup);
    const financeManagers = (await this.users.usersWithRole('finance_manager')).filter((u) => u.active);

    let created = true;
    const dispute = await this.dataSource.transaction(async (m) => {
      const saved = await m.save(m.create(Dispute, {
        entityId: first.entityId, customerId: first.customerId, reasonCode: cmd.reasonCode, type: cmd.type, comment: cmd.comment,
        attachments: cmd.attachments, currency: first.currency, amountMinor, invoices: shares, status: 'open', acceptedAmountMinor: null,
        sourceKey: cmd.sourceKey, openedByUserId: cmd.openedBy.userId, openedByName: cmd.openedBy.name,
        snapshot: {} as DisputeApprovalInput, workflowId: '', resolvedAt: null, closedAt: null,
      }));
      const snapshot: DisputeApprovalInput = {
        disputeId: saved.id, customerId: first.customerId, currency: first.currency, amountMinor: amountMinor.toString(), invoices: shares,
        reasonCode: cmd.reasonCode, comment: cmd.comment, openedBy: cmd.openedBy, ruleId: rule?.id ?? null,
        validatorGroup: route.validatorGroup, resolutionHours: route.resolutionHours,
        secondLevelFromMinor: route.secondLevelFromMinor === null ? null : route.secondLevelFromMinor.toString(),
        level1UserIds: members.map((u) => u.id), managerUserId: manager?.active ? manager.id : null,
        level2UserIds: financeManagers.map((u) => u.id),
      };
      await m.update(Dispute, { id: saved.id }, { snapshot, workflowId: disputeWorkflowId(saved.id) });
      return { ...saved, snapshot, workflowId: disputeWorkflowId(saved.id) };
    }).catch(async (err: unknown) => {
      if ((err as { code?: string }).code === '23505' && cmd.sourceKey) {
        // A concurrent retry won the race: answer with its dispute.
        created = false;
        return this.dataSource.manager.findOneByOrFail(Dispute, { sourceKey: cmd.sourceKey });
      }
      throw err;
    });
    try {
      await this.client.workflow.start<typeof disputeApprovalWorkflow>('disputeApprovalWorkflow', {
        workflowId: dispute.workflowId,
        taskQueue: this.config.TEMPORAL_TASK_QUEUE,
        args: [dispute.snapshot],
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) {
        if (created) await this.dataSource.manager.delete(Dispute, { id: dispute.id });
        throw err;
      }
    }
    return created ? { id: dispute.id, status: 'open', created } : { id: dispute.id, status: dispute.status, created };
  }

  /** Collectors and credit managers read every dispute; anyone else only those assigned to them (others: 404). */
  async getFor(id: string, principal: Principal) {
    const d = await this.require(id);
    if (!hasAnyRole(principal, RECEIVABLES_ROLES) && !isAssignedTo(d.snapshot, principal)) throw new NotFoundError('Dispute', id);
    return this.get(id);
  }

  /**
   * An attachment (e.g. `portal-attachment:<id>`) is visible to whoever may read a dispute that
   * lists it: receivables roles, or a decider assigned to it. Anyone else: 404, as for the dispute.
   */
  async assertAttachmentVisible(ref: string, principal: Principal, notFound: () => Error): Promise<void> {
    const listing = await this.dataSource.manager.createQueryBuilder(Dispute, 'd')
      .where('d.attachments @> CAST(:ref AS jsonb)', { ref: JSON.stringify([ref]) }).getMany();
    if (listing.length === 0) throw notFound();
    if (hasAnyRole(principal, RECEIVABLES_ROLES)) return;
    if (!listing.some((d) => isAssignedTo(d.snapshot, principal))) throw notFound();
  }

  async require(id: string): Promise<Dispute> {
    const d = isUuid(id) ? await this.dataSource.manager.findOneBy(Dispute, { id }) : null;
    if (!d) throw new NotFoundError('Dispute', id);
    return d;
  }

  /** The workflow's live state (null once it has finished or cannot answer). */
  async liveState(d: Dispute): Promise<DisputeApprovalState | null> {
    if (d.status === 'closed') return null;
    try {
      return await this.client.workflow.getHandle(d.workflowId).query(disputeStateQuery);
    } catch {
      return null;
    }
  }

  async get(id: string) {
    const d = await this.require(id);
    const [events, invoices, live] = await Promise.all([
      this.dataSource.manager.find(DisputeEvent, { where: { disputeId: id }, order: { at: 'ASC', eventKey: 'ASC' } }),
      this.invoices.byIds(d.invoices.map((s) => s.invoiceId)),
      this.liveState(d),
    ]);
    const byId = new Map(invoices.map((i) => [i.id, i]));
    const assigneeIds = live?.assignees ?? [];
    const assignees = (await this.users.findByIds(assigneeIds)).map((u) => ({ id: u.id, name: u.name, email: u.email }));
    return {
      id: d.id,
      status: d.status,
      type: d.type,
      reasonCode: d.reasonCode,
      comment: d.comment,
      attachments: d.attachments,
      amount: money(d.amountMinor, d.currency),
      acceptedAmount: money(d.acceptedAmountMinor, d.currency),
      invoices: d.invoices.map((s) => {
        const inv = byId.get(s.invoiceId);
        return {
          invoiceId: s.invoiceId, externalId: inv?.externalId ?? null, number: inv?.number ?? null,
          disputedAmount: money(s.amountMinor, d.currency), openAmount: inv ? money(inv.openAmountMinor, inv.currency) : null,
          invoiceStatus: inv?.status ?? null,
        };
      }),
      validatorGroup: d.snapshot.validatorGroup,
      resolutionHours: d.snapshot.resolutionHours,
      ruleId: d.snapshot.ruleId,
      level: live?.level ?? null,
      escalated: live?.escalated ?? false,
      proposedAmount: live?.proposedAmountMinor ? money(live.proposedAmountMinor, d.currency) : null,
      assignees,
      openedBy: { userId: d.openedByUserId, name: d.openedByName },
      workflowId: d.workflowId,
      createdAt: d.createdAt.toISOString(),
      resolvedAt: d.resolvedAt?.toISOString() ?? null,
      closedAt: d.closedAt?.toISOString() ?? null,
      history: events.map((e) => ({
        event: e.event, from: e.statusFrom, to: e.statusTo, by: { userId: e.actorUserId, name: e.actorName },
        comment: e.comment, at: e.at.toISOString(), ...(e.data ? { data: e.data } : {}),
      })),
    };
  }

  /** Runs a decision on the dispute's workflow; refusals become 403 / 409 / 422 AppErrors. */
  async decide(d: Dispute, command: DisputeDecisionCommand): Promise<DisputeApprovalState> {
    return this.update(d, (h) => h.executeUpdate(decideDisputeUpdate, { args: [command] }));
  }

  async decideFromApi(id: string, dto: { decision: 'accept' | 'reject' | 'request_info'; amount?: string; comment: string }, principal: Principal) {
    const d = await this.require(id);
    if (principal.kind !== 'user' || !principal.userId) {
      throw new AppError('NOT_ASSIGNED', 'Decisions are taken by an assigned validator with a personal token', 403);
    }
    const amount = dto.decision === 'accept' ? this.parseAmountField('amount', dto.amount, d.currency) : null;
    await this.decide(d, {
      decision: dto.decision, amountMinor: amount?.toString() ?? null, comment: dto.comment,
      decider: { userId: principal.userId, name: principal.name },
    });
    return this.get(id);
  }

  async answerInfo(id: string, comment: string, principal: Principal) {
    const d = await this.require(id);
    await this.update(d, (h) => h.executeUpdate(answerDisputeInfoUpdate, {
      args: [{ comment, author: { userId: principal.userId, name: principal.name } }],
    }));
    return this.get(id);
  }

  private async update<T>(d: Dispute, run: (h: ReturnType<Client['workflow']['getHandle']>) => Promise<T>): Promise<T> {
    try {
      return await run(this.client.workflow.getHandle(d.workflowId));
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && err.cause.type) {
        throw new AppError(err.cause.type, err.cause.message, refusalStatus(err.cause.type));
      }
      if (err instanceof WorkflowNotFoundError || (err instanceof Error && /workflow execution already completed/i.test(err.message))) {
        throw new AppError('DISPUTE_NOT_IN_REVIEW', `The dispute is ${d.status}: it takes no more decisions`, 409);
      }
      throw err;
    }
  }

  /** Open disputes by reason, resolution times and acceptance rate over [from, to). */
  async stats(from?: string, to?: string, groupBy?: 'month') {
    const fromAt = from ? new Date(from) : new Date(0);
    const toAt = to ? new Date(to) : new Date('9999-12-31T00:00:00Z');
    if (Number.isNaN(fromAt.getTime()) || Number.isNaN(toAt.getTime()) || fromAt >= toAt) {
      throw new FieldValidationError([{ field: 'from', messages: ['from must be an instant before to'] }]);
    }
    // Past its SLA: still open after the resolution hours its rule gave it at opening (the inbox's dueAt), at the clock's now.
    const open = await this.dataSource.query<{ reason_code: string; currency: string; count: string; amount_minor: string; past_sla: number }[]>(
      `SELECT reason_code, currency, count(*)::int AS count, sum(amount_minor)::text AS amount_minor,
              count(*) FILTER (WHERE created_at + (snapshot->>'resolutionHours')::numeric * interval '1 hour' <= $3)::int AS past_sla
         FROM disputes WHERE status IN ('open', 'in_review', 'info_requested') AND created_at >= $1 AND created_at < $2
        GROUP BY reason_code, currency ORDER BY reason_code, currency`,
      [fromAt, toAt, this.clock.now()],
    );
    const [resolved] = await this.dataSource.query<{ resolved: number; accepted: number; avg_hours: number | null; p90_hours: number | null }[]>(
      `WITH r AS (
         SELECT EXTRACT(EPOCH FROM (resolved_at - created_at)) / 3600.0 AS hours, accepted_amount_minor IS NOT NULL AS accepted
           FROM disputes WHERE resolved_at IS NOT NULL AND resolved_at >= $1 AND resolved_at < $2)
       SELECT count(*)::int AS resolved, count(*) FILTER (WHERE accepted)::int AS accepted,
              avg(hours)::float8 AS avg_hours, percentile_cont(0.9) WITHIN GROUP (ORDER BY hours)::float8 AS p90_hours FROM r`,
      [fromAt, toAt],
    );
    const round = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);
    const rate = (accepted: number, total: number) => (total > 0 ? Math.round((accepted / total) * 10_000) / 10_000 : null);
    let months: {
      month: string; opened: number; resolved: number; accepted: number;
      averageResolutionHours: number | null; p90ResolutionHours: number | null; acceptanceRate: number | null;
    }[] | undefined;
    if (groupBy === 'month') {
      // Opened counts by creation month, resolutions by resolution month (UTC calendar months).
      const rows = await this.dataSource.query<{ month: string; opened: number; resolved: number; accepted: number; avg_hours: number | null; p90_hours: number | null }[]>(
        `WITH o AS (
           SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM') AS month, count(*)::int AS opened
             FROM disputes WHERE created_at >= $1 AND created_at < $2 GROUP BY 1),
         r AS (
           SELECT to_char(resolved_at AT TIME ZONE 'UTC', 'YYYY-MM') AS month, count(*)::int AS resolved,
                  count(*) FILTER (WHERE accepted_amount_minor IS NOT NULL)::int AS accepted,
                  avg(EXTRACT(EPOCH FROM (resolved_at - created_at)) / 3600.0)::float8 AS avg_hours,
                  percentile_cont(0.9) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM (resolved_at - created_at)) / 3600.0)::float8 AS p90_hours
             FROM disputes WHERE resolved_at IS NOT NULL AND resolved_at >= $1 AND resolved_at < $2 GROUP BY 1)
         SELECT coalesce(o.month, r.month) AS month, coalesce(o.opened, 0) AS opened, coalesce(r.resolved, 0) AS resolved,
                coalesce(r.accepted, 0) AS accepted, r.avg_hours, r.p90_hours
           FROM o FULL JOIN r ON r.month = o.month ORDER BY 1`,
        [fromAt, toAt],
      );
      months = rows.map((m) => ({
        month: m.month, opened: m.opened, resolved: m.resolved, accepted: m.accepted,
        averageResolutionHours: round(m.avg_hours), p90ResolutionHours: round(m.p90_hours), acceptanceRate: rate(m.accepted, m.resolved),
      }));
    }
    return {
      from: from ? fromAt.toISOString() : null,
      to: to ? toAt.toISOString() : null,
      openByReason: open.map((r) => ({
        reasonCode: r.reason_code, count: Number(r.count), amount: formatAmount(BigInt(r.amount_minor), r.currency), currency: r.currency,
        pastSla: r.past_sla,
      })),
      resolved: resolved?.resolved ?? 0,
      accepted: resolved?.accepted ?? 0,
      averageResolutionHours: round(resolved?.avg_hours ?? null),
      p90ResolutionHours: round(resolved?.p90_hours ?? null),
      acceptanceRate: resolved ? rate(resolved.accepted, resolved.resolved) : null,
      ...(months ? { months } : {}),
    };
  }
}
