import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type {
  CreditLimitNotice, CreditLimitOutcome, CreditLimitRequestPort, CreditLimitRevertOutcome,
} from '../../activities/credit-limit-ports.js';
import type { CreditLimitDecisionRecord, SalesOpinionInput } from '../../workflows/credit-limit.definitions.js';
import { formatAmount } from '../../workflows/domain/money.js';
import { AppError } from '../common/errors.js';
import { CustomerDirectory } from '../customers/customer-directory.js';
import type { CustomerRecord } from '../customers/customer-directory.js';
import { ErpOutboxService } from '../erp-outbox/erp-outbox.service.js';
import { InternalMailService } from '../messages/internal-mail.service.js';
import { LegalEntitiesService } from '../organization/legal-entities.service.js';
import { UsersService, type UserView } from '../users/users.service.js';
import { CreditLimitDecision } from './credit-limit-decision.entity.js';
import { CREDIT_LIMIT_LEDGER, type CreditLimitLedger } from './credit-limit-ledger.js';
import { CreditLimitRequest, type PreviousCreditLimit } from './credit-limit-request.entity.js';
import { Clock, systemClock } from '../clock/clock.js';

/** The workflow's request is gone: no retry can help (non-retryable in the activity). */
export class CreditLimitRequestNotFoundError extends AppError {
  constructor(id: string) {
    super('CREDIT_LIMIT_REQUEST_NOT_FOUND', `Credit-limit request ${id} not found`, 404);
  }
}

/** ERP event types of credit-limit requests. */
export const CREDIT_LIMIT_CHANGED = 'credit_limit.changed';
export const CREDIT_LIMIT_REQUEST_REJECTED = 'credit_limit.request_rejected';

const money = (amountMinor: bigint | string | null, currency: string | null) =>
  amountMinor === null || currency === null ? null : { amount: formatAmount(BigInt(amountMinor), currency), currency };

/**
 * What the credit-limit approval workflow writes: decisions, reminders and
 * escalations, the sales opinion, the limit change with its ERP event (one
 * transaction), and staff email. Every write is idempotent: activities retry.
 */
@Injectable()
export class CreditLimitRequestStore implements CreditLimitRequestPort {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CREDIT_LIMIT_LEDGER) private readonly ledger: CreditLimitLedger,
    @Inject(ErpOutboxService) private readonly outbox: ErpOutboxService,
    @Inject(InternalMailService) private readonly mail: InternalMailService,
    @Inject(UsersService) private readonly users: UsersService,
    @Inject(CustomerDirectory) private readonly customers: CustomerDirectory,
    @Inject(LegalEntitiesService) private readonly entities: LegalEntitiesService,
    @Optional() @Inject(Clock) private readonly clock: Clock = systemClock,
  ) {}

  async recordDecision(requestId: string, d: CreditLimitDecisionRecord): Promise<void> {
    await this.require(this.dataSource.manager, requestId);
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(CreditLimitDecision)
      .values({
        requestId, level: d.level, role: d.role, userId: d.userId, decision: d.decision,
        amountMinor: d.amountMinor === null ? null : BigInt(d.amountMinor), comment: d.comment, asEscalation: d.asEscalation,
        decidedAt: new Date(d.at),
      })
      .orIgnore()
      .updateEntity(false)
      .execute();
  }

  async recordLevelEvent(requestId: string, level: number, event: 'reminded' | 'escalated', at: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const request = await this.require(m, requestId, true);
      if (request.levelEvents.some((e) => e.level === level && e.event === event)) return;
      await m.update(CreditLimitRequest, { id: requestId }, { levelEvents: [...request.levelEvents, { level, event, at }] });
    });
  }

  async recordSalesOpinion(requestId: string, opinion: SalesOpinionInput & { at: string }): Promise<void> {
    await this.require(this.dataSource.manager, requestId);
    await this.dataSource.manager.update(CreditLimitRequest, { id: requestId }, {
      salesOpinion: opinion.opinion, salesOpinionComment: opinion.comment, salesOpinionUserId: opinion.userId,
      salesOpinionAt: new Date(opinion.at),
    });
  }

  async approve(requestId: string, amountMinor: string): Promise<CreditLimitOutcome> {
    return this.dataSource.transaction(async (m) => {
      const request = await this.require(m, requestId, true);
      const key = `credit-limit:${requestId}:changed`;
      if (request.status !== 'pending') return { outboxId: await this.outboxIdFor(m, key) };
      const current = await this.ledger.currentLimit(m, request.customerId);
      const previous: PreviousCreditLimit = { amountMinor: current?.amountMinor.toString() ?? null, currency: current?.currency ?? null };
      const amount = BigInt(amountMinor);
      await this.ledger.setLimit(m, request.customerId, {
        amountMinor: amount, currency: request.currency, requestId, kind: request.until ? 'temporary' : 'permanent', validUntil: request.until,
      });
      await m.update(CreditLimitRequest, { id: requestId }, {
        status: 'approved', approvedAmountMinor: amount, previousLimit: previous, decidedAt: this.clock.now(),
      });
      const outboxId = await this.outbox.enqueue(m, {
        idempotencyKey: key,
        type: CREDIT_LIMIT_CHANGED,
        data: {
          ...(await this.eventSubject(m, request)),
          change: request.until ? 'temporary' : 'permanent',
          limit: money(amount, request.currency),
          previousLimit: money(previous.amountMinor, previous.currency),
          requestedLimit: money(request.amountMinor, request.currency),
          validUntil: request.until,
          approvals: await this.approvals(m, request),
        },
      });
      return { outboxId };
    });
  }

  async reject(requestId: string): Promise<CreditLimitOutcome> {
    return this.dataSource.transaction(async (m) => {
      const request = await this.require(m, requestId, true);
      const key = `credit-limit:${requestId}:rejected`;
      if (request.status !== 'pending') return { outboxId: await this.outboxIdFor(m, key) };
      await m.update(CreditLimitRequest, { id: requestId }, { status: 'rejected', decidedAt: this.clock.now() });
      const outboxId = await this.outbox.enqueue(m, {
        idempotencyKey: key,
        type: CREDIT_LIMIT_REQUEST_REJECTED,
        data: {
          ...(await this.eventSubject(m, request)),
          requestedLimit: money(request.amountMinor, request.currency),
          decisions: await this.approvals(m, request),
        },
      });
      return { outboxId };
    });
  }

  async revertTemporary(requestId: string): Promise<CreditLimitRevertOutcome> {
    return this.dataSource.transaction(async (m) => {
      const request = await this.require(m, requestId, true);
      const key = `credit-limit:${requestId}:reverted`;
      if (request.status === 'reverted') return { outcome: 'reverted', outboxId: await this.outboxIdFor(m, key) };
      if (request.status === 'superseded') return { outcome: 'superseded', outboxId: null };
      if (request.status !== 'approved' || !request.until || request.approvedAmountMinor === null) {
        throw new AppError('CREDIT_LIMIT_NOT_TEMPORARY', `Request ${requestId} set no temporary limit`, 409);
      }
      const current = await this.ledger.currentLimit(m, request.customerId);
      // The ledger records who set each limit: any later change (another request, a manual one) supersedes ours.
      const stillOurs = current !== null && current.requestId === requestId;
      if (!stillOurs) {
        await m.update(CreditLimitRequest, { id: requestId }, { status: 'superseded', revertedAt: this.clock.now() });
        return { outcome: 'superseded', outboxId: null };
      }
      const previous = request.previousLimit ?? { amountMinor: null, currency: null };
      await this.ledger.setLimit(m, request.customerId, {
        amountMinor: previous.amountMinor === null ? null : BigInt(previous.amountMinor),
        currency: previous.currency ?? request.currency, requestId, kind: 'revert', validUntil: null,
      });
      await m.update(CreditLimitRequest, { id: requestId }, { status: 'reverted', revertedAt: this.clock.now() });
      const outboxId = await this.outbox.enqueue(m, {
        idempotencyKey: key,
        type: CREDIT_LIMIT_CHANGED,
        data: {
          ...(await this.eventSubject(m, request)),
          change: 'temporary_ended',
          limit: money(previous.amountMinor, previous.currency),
          previousLimit: money(request.approvedAmountMinor, request.currency),
          validUntil: null,
          endedTemporaryLimitUntil: request.until,
        },
      });
      return { outcome: 'reverted', outboxId };
    });
  }

  async notify(notice: CreditLimitNotice): Promise<number> {
    const m = this.dataSource.manager;
    const request = await this.require(m, notice.requestId);
    const customer = await this.customer(request, m);
    const requested = `${formatAmount(request.amountMinor, request.currency)} ${request.currency}`;
    const about = `${customer.name} (${customer.externalId})`;
    const base = `credit-limit:${request.id}`;
    let recipients: UserView[];
    let key: (u: UserView) => string;
    let subject: string;
    let body: string;
    switch (notice.kind) {
      case 'approval_requested':
      case 'reminder':
      case 'escalated': {
        const approvers = new Set((await m.findBy(CreditLimitDecision, { requestId: request.id })).map((d) => d.userId));
        // Neither the requester nor someone who already approved a level may decide: no point asking them.
        recipients = (await this.users.usersWithRole(notice.role!)).filter((u) => !approvers.has(u.id) && u.id !== request.requesterUserId);
        key = (u) => `${base}:level:${notice.level}:${notice.kind === 'approval_requested' ? 'requested' : notice.kind}:${u.id}`;
        const what = { approval_requested: 'Approval needed', reminder: 'Reminder: approval needed', escalated: 'Escalated: approval needed' }[notice.kind];
        subject = `${what}: credit limit ${requested} for ${about}`;
        body = [
          `${request.requesterName} asks for a credit limit of ${requested}${request.until ? ` until ${request.until}` : ''} for ${about}.`,
          `Reason: ${request.reason}`,
          `Level ${notice.level} (${notice.role}) is waiting for your decision: POST /api/v1/credit-limit-requests/${request.id}/decisions`,
        ].join('\n');
        break;
      }
      case 'sales_opinion_requested': {
        const salesperson = customer.salespersonEmail ? await this.users.findByEmail(customer.salespersonEmail) : null;
        recipients = salesperson?.active && salesperson.roles.includes('sales') ? [salesperson] : await this.users.usersWithRole('sales');
        key = (u) => `${base}:sales-opinion:${u.id}`;
        subject = `Your opinion: credit limit ${requested} for ${about}`;
        body = [
          `${request.requesterName} asks for a credit limit of ${requested} for ${about}. Reason: ${request.reason}`,
          `Your opinion (favourable or unfavourable) is shown to the approvers: POST /api/v1/credit-limit-requests/${request.id}/sales-opinion`,
        ].join('\n');
        break;
      }
      default: {
        const requester = request.requesterUserId ? await this.users.findById(request.requesterUserId) : null;
        recipients = requester?.active ? [requester] : [];
        key = () => `${base}:${notice.kind}`;
        const approved = request.approvedAmountMinor === null ? requested : `${formatAmount(request.approvedAmountMinor, request.currency)} ${request.currency}`;
        subject = {
          approved: `Credit limit approved for ${about}: ${approved}${request.until ? ` until ${request.until}` : ''}`,
          rejected: `Credit limit request rejected for ${about}`,
          reverted: `Temporary credit limit ended for ${about}`,
          superseded: `Temporary credit limit for ${about} ended; the limit had changed since and was left as it is`,
        }[notice.kind as 'approved' | 'rejected' | 'reverted' | 'superseded'];
        body = `${subject}.\nYou asked for ${requested}. Details: GET /api/v1/credit-limit-requests/${request.id}`;
      }
    }
    for (const user of recipients) {
      await this.mail.send({
        idempotencyKey: key(user), customerId: customer.id, topic: `credit_limit.${notice.kind}`, to: user.email, subject, body,
      });
    }
    return recipients.length;
  }

  private async require(m: EntityManager, requestId: string, lock = false): Promise<CreditLimitRequest> {
    const request = await m.findOne(CreditLimitRequest, {
      where: { id: requestId }, ...(lock && { lock: { mode: 'pessimistic_write' as const } }),
    });
    if (!request) throw new CreditLimitRequestNotFoundError(requestId);
    return request;
  }

  private async customer(request: CreditLimitRequest, m: EntityManager): Promise<CustomerRecord> {
    const customer = await this.customers.find(request.customerId, {}, m);
    if (!customer) throw new AppError('CREDIT_LIMIT_CUSTOMER_MISSING', `Customer ${request.customerId} not found`, 500);
    return customer;
  }

  private async outboxIdFor(m: EntityManager, key: string): Promise<string> {
    const id = await this.outbox.idFor(m, key);
    if (!id) throw new AppError('CREDIT_LIMIT_EVENT_MISSING', `No ERP event ${key}`, 500);
    return id;
  }

  private async eventSubject(m: EntityManager, request: CreditLimitRequest) {
    const customer = await this.customer(request, m);
    const entity = await this.entities.findById(request.entityId);
    if (!entity) throw new AppError('CREDIT_LIMIT_ENTITY_MISSING', `Legal entity ${request.entityId} not found`, 500);
    return {
      requestId: request.id, entity: entity.code, customer: { id: customer.id, externalId: customer.externalId },
      reason: request.reason,
    };
  }

  private async approvals(m: EntityManager, request: CreditLimitRequest) {
    const decisions = await m.find(CreditLimitDecision, { where: { requestId: request.id }, order: { level: 'ASC' } });
    return decisions.map((d) => ({
      level: d.level, role: d.role, userId: d.userId, decision: d.decision, amount: money(d.amountMinor, request.currency),
      asEscalation: d.asEscalation, at: d.decidedAt.toISOString(),
    }));
  }
}
