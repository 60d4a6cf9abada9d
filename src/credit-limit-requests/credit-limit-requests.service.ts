import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  Client, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, WorkflowUpdateFailedError,
} from '@temporalio/client';
import { ApplicationFailure, WorkflowIdReusePolicy } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import type { creditLimitApprovalWorkflow } from '../../workflows/credit-limit-approval.workflow.js';
import {
  creditLimitWorkflowId, decideCreditLimitUpdate, giveSalesOpinionUpdate,
  type CreditLimitApprovalInput, type CreditLimitLevelState, type CreditLimitRefusalType,
} from '../../workflows/credit-limit.definitions.js';
import { dateInZone } from '../../workflows/domain/calendar.js';
import type { ApproverRole } from '../../workflows/domain/credit-approval-policy.js';
import { approvalChain, DECISION_REFUSAL_STATUS, type DecisionRefusalCode } from '../../workflows/domain/credit-limit-chain.js';
import { formatAmount } from '../../workflows/domain/money.js';
import type { Principal } from '../auth/principal.js';
import { positiveAmount } from '../common/amount-input.js';
import { AppError, NotFoundError } from '../common/errors.js';
import { isUuid } from '../common/uuid.js';
import { FieldValidationError, type FieldError } from '../common/validation.js';
import { AppConfig } from '../config/app-config.js';
import { CustomerDirectory } from '../customers/customer-directory.js';
import { LegalEntitiesService } from '../organization/legal-entities.service.js';
import { UsersService } from '../users/users.service.js';
import { CreditLimitDecision } from './credit-limit-decision.entity.js';
import { CREDIT_LIMIT_LEDGER, type CreditLimitLedger } from './credit-limit-ledger.js';
import type { CreateCreditLimitRequestDto, CreditLimitDecisionDto, SalesOpinionDto } from './credit-limit-request.dto.js';
import { CreditLimitRequest } from './credit-limit-request.entity.js';
import { Clock, systemClock } from '../clock/clock.js';

function money(amountMinor: bigint | string, currency: string): { amount: string; currency: string };
function money(amountMinor: bigint | string | null, currency: string | null): { amount: string; currency: string } | null;
function money(amountMinor: bigint | string | null, currency: string | null) {
  return amountMinor === null || currency === null ? null : { amount: formatAmount(BigInt(amountMinor), currency), currency };
}

/** Refusals of the sales-opinion update, next to the decision ones. */
const SALES_REFUSAL_STATUS: Readonly<Record<string, number>> = { SALES_OPINION_GIVEN: 409, SALES_OPINION_NOT_REQUESTED: 409 };

/**
 * Credit-limit requests: recorded here, run by one workflow each
 * (`credit-limit-request-<id>`). Decisions and the sales opinion are Temporal
 * updates: the workflow's validator refuses what the chain does not allow,
 * and its answer comes once the workflow has acted on the decision.
 */
@Injectable()
export class CreditLimitRequestsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(Client) private readonly client: Client,
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(LegalEntitiesService) private readonly entities: LegalEntitiesService,
    @Inject(UsersService) private readonly users: UsersService,
    @Inject(CREDIT_LIMIT_LEDGER) private readonly ledger: CreditLimitLedger,
    @Inject(CustomerDirectory) private readonly customers: CustomerDirectory,
    @Optional() @Inject(Clock) private readonly clock: Clock = systemClock,
  ) {}

  async create(dto: CreateCreditLimitRequestDto, principal: Principal) {
    const errors: FieldError[] = [];
    const amountMinor = positiveAmount('amount', dto.amount, dto.currency, errors);
    const entity = await this.entities.findByCode(dto.entity);
    if (!entity) throw new NotFoundError('Legal entity', dto.entity ?? 'default');
    const customer = await this.customers.findByExternalId(entity.id, dto.customerExternalId);
    if (!customer) throw new NotFoundError('Customer', dto.customerExternalId);
    const timeZone = customer.timeZone ?? entity.timeZone;
    if (dto.until !== undefined && dto.until < dateInZone(this.clock.nowMs(), timeZone)) {
      errors.push({ field: 'until', messages: ['until must be today or later (the customer\'s time zone)'] });
    }
    if (errors.length) throw new FieldValidationError(errors);

    const policy = await this.ledger.approvalPolicyFor(entity.id);
    const requester = {
      userId: principal.userId, name: principal.name, email: principal.email,
    };
    const request = await this.dataSource.transaction(async (m) => {
      const row = m.create(CreditLimitRequest, {
        entityId: entity.id, customerId: customer.id, amountMinor, currency: dto.currency, reason: dto.reason,
        until: dto.until ?? null, requesterUserId: principal.userId, requesterName: principal.name, status: 'pending',
        approvedAmountMinor: null, previousLimit: null, chain: {} as CreditLimitApprovalInput, levelEvents: [], workflowId: '',
      });
      const saved = await m.save(row);
      const chain: CreditLimitApprovalInput = {
        requestId: saved.id, customerId: customer.id, amountMinor: amountMinor.toString(), currency: dto.currency,
        until: dto.until ?? null, timeZone, levels: approvalChain(policy, amountMinor, dto.currency),
        reminderAfterHours: policy.reminderAfterHours, escalateAfterHours: policy.escalateAfterHours,
        escalationRole: policy.escalationRole, salesOpinion: policy.salesOpinion, requester,
      };
      await m.update(CreditLimitRequest, { id: saved.id }, { chain, workflowId: creditLimitWorkflowId(saved.id) });
      return { ...saved, chain, workflowId: creditLimitWorkflowId(saved.id) };
    });
    try {
      await this.client.workflow.start<typeof creditLimitApprovalWorkflow>('creditLimitApprovalWorkflow', {
        workflowId: request.workflowId,
        taskQueue: this.config.TEMPORAL_TASK_QUEUE,
        args: [request.chain],
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) {
        // Without its workflow the request could never be decided: it does not stay.
        await this.dataSource.manager.delete(CreditLimitRequest, { id: request.id });
        throw err;
      }
    }
    return this.get(request.id);
  }

  async get(id: string) {
    const request = isUuid(id) ? await this.dataSource.manager.findOneBy(CreditLimitRequest, { id }) : null;
    if (!request) throw new NotFoundError('Credit-limit request', id);
    const customer = await this.customers.find(request.customerId);
    if (!customer) throw new NotFoundError('Customer', request.customerId);
    const decisions = await this.dataSource.manager.find(CreditLimitDecision, { where: { requestId: id }, order: { level: 'ASC' } });
    const chain = request.chain;
    const pendingLevel = request.status === 'pending'
      ? chain.levels.find((l) => !decisions.some((d) => d.level === l.level))?.level ?? null
      : null;
    const rejectedAt = decisions.find((d) => d.decision === 'reject')?.level ?? null;
    const event = (level: number, kind: 'reminded' | 'escalated') =>
      request.levelEvents.find((e) => e.level === level && e.event === kind)?.at ?? null;
    const levels = chain.levels.map((l) => {
      const decision = decisions.find((d) => d.level === l.level);
      const state: CreditLimitLevelState = decision
        ? (decision.decision === 'approve' ? 'approved' : 'rejected')
        : l.level === pendingLevel ? 'pending' : rejectedAt !== null && l.level > rejectedAt ? 'skipped' : 'waiting';
      return { level: l.level, role: l.role, state, remindedAt: event(l.level, 'reminded'), escalatedAt: event(l.level, 'escalated') };
    });
    const pending = levels.find((l) => l.level === pendingLevel);
    const pendingRoles: ApproverRole[] = pending
      ? [...new Set([pending.role, ...(pending.escalatedAt ? [chain.escalationRole] : [])])]
      : [];
    const approvers = new Set(decisions.filter((d) => d.decision === 'approve').map((d) => d.userId));
    const pendingApprovers = (await Promise.all(pendingRoles.map((r) => this.users.usersWithRole(r))))
      .flat()
      .filter((u, i, all) => !approvers.has(u.id) && u.id !== request.requesterUserId && all.findIndex((x) => x.id === u.id) === i)
      .map((u) => ({ id: u.id, name: u.name, email: u.email }));
    const lastApproved = [...decisions].reverse().find((d) => d.decision === 'approve')?.amountMinor ?? null;
    const current = await this.ledger.currentLimit(this.dataSource.manager, request.customerId);
    return {
      id: request.id,
      status: request.status,
      customer: { id: customer.id, externalId: customer.externalId, name: customer.name },
      requested: money(request.amountMinor, request.currency),
      reason: request.reason,
      until: request.until,
      requester: { userId: request.requesterUserId, name: request.requesterName },
      workflowId: request.workflowId,
      levels,
      pendingLevel,
      pendingRoles,
      pendingApprovers,
      /** The amount the pending level decides on (the last counter-offer, else the requested amount). */
      amountUnderDecision: request.status === 'pending' ? money(lastApproved ?? request.amountMinor, request.currency) : null,
      decisions: decisions.map((d) => ({
        level: d.level, role: d.role, userId: d.userId, decision: d.decision, amount: money(d.amountMinor, request.currency),
        comment: d.comment, asEscalation: d.asEscalation, at: d.decidedAt.toISOString(),
      })),
      salesOpinion: request.salesOpinion
        ? { opinion: request.salesOpinion, comment: request.salesOpinionComment, userId: request.salesOpinionUserId, at: request.salesOpinionAt?.toISOString() ?? null }
        : null,
      salesOpinionRequested: chain.salesOpinion,
      /** The limit this request set (for a temporary one, until the end of `until`). */
      approvedLimit: money(request.approvedAmountMinor, request.currency),
      previousLimit: request.previousLimit ? money(request.previousLimit.amountMinor, request.previousLimit.currency) : null,
      customerLimit: current ? { ...money(current.amountMinor, current.currency)!, setByRequestId: current.requestId } : null,
      createdAt: request.createdAt.toISOString(),
      decidedAt: request.decidedAt?.toISOString() ?? null,
      revertedAt: request.revertedAt?.toISOString() ?? null,
    };
  }

  async decide(id: string, dto: CreditLimitDecisionDto, principal: Principal) {
    const request = await this.require(id);
    let amountMinor: string | null = null;
    if (dto.amount !== undefined && dto.decision === 'approve') {
      const errors: FieldError[] = [];
      amountMinor = positiveAmount('amount', dto.amount, request.currency, errors).toString();
      if (errors.length > 0) throw new FieldValidationError(errors);
    }
    await this.update(request, (h) => h.executeUpdate(decideCreditLimitUpdate, {
      args: [{
        decision: dto.decision, amountMinor, comment: dto.comment,
        // Integrations hold only `erp`, which no approval level accepts: the workflow refuses them as it refuses the operator key.
        decider: { kind: principal.kind === 'user' ? 'user' : 'system', userId: principal.userId, roles: principal.roles },
      }],
    }));
    return this.get(id);
  }

  async giveSalesOpinion(id: string, dto: SalesOpinionDto, principal: Principal) {
    const request = await this.require(id);
    if (principal.kind !== 'user' || !principal.userId) {
      throw new AppError('NOT_A_USER', 'Only a user with a personal token may give the sales opinion', 403);
    }
    // Admins pass the route's role check; the opinion is still a salesperson's.
    if (!principal.roles.includes('sales')) throw new AppError('NOT_SALES', 'The sales opinion is given by a user with the sales role', 403);
    await this.update(request, (h) => h.executeUpdate(giveSalesOpinionUpdate, {
      args: [{ userId: principal.userId!, opinion: dto.opinion, comment: dto.comment }],
    }));
    return this.get(id);
  }

  private async require(id: string): Promise<CreditLimitRequest> {
    const request = isUuid(id) ? await this.dataSource.manager.findOneBy(CreditLimitRequest, { id }) : null;
    if (!request) throw new NotFoundError('Credit-limit request', id);
    return request;
  }

  /** Runs an update on the request's workflow, turning the validator's refusals into 403 / 409 / 422. */
  private async update(
    request: CreditLimitRequest,
    run: (handle: ReturnType<Client['workflow']['getHandle']>) => Promise<unknown>,
  ): Promise<void> {
    try {
      await run(this.client.workflow.getHandle(request.workflowId));
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && err.cause.type) {
        const type = err.cause.type as CreditLimitRefusalType;
        const status = DECISION_REFUSAL_STATUS[type as DecisionRefusalCode] ?? SALES_REFUSAL_STATUS[type] ?? 409;
        throw new AppError(type, err.cause.message, status);
      }
      if (err instanceof WorkflowNotFoundError || (err instanceof Error && /workflow execution already completed/i.test(err.message))) {
        throw new AppError('REQUEST_NOT_PENDING', `The request is ${request.status}: it takes no more decisions`, 409);
      }
      throw err;
    }
  }
}
