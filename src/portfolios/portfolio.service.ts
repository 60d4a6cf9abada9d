import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import { Clock, systemClock } from '../clock/clock.js';
import { nonNegativeAmount } from '../common/amount-input.js';
import { NotFoundError } from '../common/errors.js';
import { isUuid } from '../common/uuid.js';
import { FieldValidationError, type FieldError } from '../common/validation.js';
import { CustomerDirectory, type CustomerRecord } from '../customers/customer-directory.js';
import { ReceivablesReader } from '../invoices/receivables.reader.js';
import { LegalEntitiesService } from '../organization/legal-entities.service.js';
import { CollectorTaskRecords } from '../tasks/collector-task.records.js';
import { UsersService, type UserView } from '../users/users.service.js';
import { formatAmount } from '../../workflows/domain/money.js';
import { seesAllPortfolios } from './collector-scope.js';
import { assignCollector, describeCollectorRule, isFallback, type CollectorAssignment } from './collector-rules.js';
import type { CollectorRuleDto } from './portfolio.dto.js';
import { CollectorRule, CustomerCollector } from './portfolio.entities.js';

const amount = (minor: bigint, currency: string) => formatAmount(minor, currency);
/** Roles a portfolio's holder must have. */
const HOLDER_ROLES = ['collector', 'credit_manager', 'admin'] as const;

export interface CustomerAssignment extends CollectorAssignment {
  customerId: string;
}

/**
 * Portfolios: which collector owns which customer. Evaluated on read from the explicit assignments
 * and the rules (collector-rules.ts) over the customers' attributes and open balances, so a new
 * customer, a changed segment or a balance crossing a band is in the right portfolio at once. When
 * an assignment or a rule change moves customers, their open tasks assigned to the former collector
 * move with them (tasks without an assignee follow the portfolio anyway).
 */
@Injectable()
export class PortfolioService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CustomerDirectory) private readonly customers: CustomerDirectory,
    @Inject(ReceivablesReader) private readonly receivables: ReceivablesReader,
    @Inject(LegalEntitiesService) private readonly entities: LegalEntitiesService,
    @Inject(UsersService) private readonly users: UsersService,
    @Inject(CollectorTaskRecords) private readonly tasks: CollectorTaskRecords,
    @Optional() @Inject(Clock) private readonly clock: Clock = systemClock,
  ) {}

  // ---- reads other capabilities use -------------------------------------------------------------

  /** Each customer's collector (every customer when `customerIds` is absent). */
  async assignments(customerIds?: readonly string[]): Promise<Map<string, CustomerAssignment>> {
    const ids = customerIds ? [...new Set(customerIds)].filter(isUuid) : await this.customers.idsMatching({});
    if (ids.length === 0) return new Map();
    const [records, totals, rules, explicit] = await Promise.all([
      this.customers.findMany(ids),
      this.receivables.openTotals(ids),
      this.dataSource.manager.find(CollectorRule, { order: { createdAt: 'ASC', id: 'ASC' } }),
      this.dataSource.manager.findBy(CustomerCollector, { customerId: In(ids) }),
    ]);
    const open = new Map<string, Map<string, bigint>>();
    for (const t of totals) open.set(t.customerId, (open.get(t.customerId) ?? new Map()).set(t.currency, t.openAmountMinor));
    const explicitOf = new Map(explicit.map((e) => [e.customerId, e]));
    const out = new Map<string, CustomerAssignment>();
    for (const c of records.values()) {
      out.set(c.id, { customerId: c.id, ...this.evaluate(c, open.get(c.id) ?? new Map(), explicitOf.get(c.id) ?? null, rules) });
    }
    return out;
  }

  /** Ids of the customers in the collector's portfolio. */
  async customersOf(collectorUserId: string): Promise<string[]> {
    return [...(await this.assignments()).values()].filter((a) => a.collectorUserId === collectorUserId).map((a) => a.customerId);
  }

  /** What a collector may see: their portfolio, and customers no collector holds (a shared pool). */
  async visibleCustomerIds(collectorUserId: string): Promise<{ mine: string[]; unassigned: string[] }> {
    const all = [...(await this.assignments()).values()];
    return {
      mine: all.filter((a) => a.collectorUserId === collectorUserId).map((a) => a.customerId),
      unassigned: all.filter((a) => a.collectorUserId === null).map((a) => a.customerId),
    };
  }

  /** Need-to-know on one customer: every portfolio for credit managers, else theirs or an unassigned one. */
  async canSee(principal: Principal, customerId: string): Promise<boolean> {
    if (seesAllPortfolios(principal)) return true;
    const a = (await this.assignments([customerId])).get(customerId);
    return !!a && (a.collectorUserId === null || a.collectorUserId === principal.userId);
  }

  private evaluate(c: CustomerRecord, open: Map<string, bigint>, explicit: CustomerCollector | null, rules: readonly CollectorRule[]): CollectorAssignment {
    return assignCollector(
      { id: c.id, entityId: c.entityId, segment: c.segment, salespersonEmail: c.salespersonEmail, riskClass: c.riskClass, openMinorByCurrency: open },
      explicit, rules, amount,
    );
  }

  // ---- explicit assignments ------------------------------------------------------------------------

  async customerCollector(entityCode: string | undefined, externalId: string, principal: Principal) {
    const customer = await this.customer(entityCode, externalId);
    const a = (await this.assignments([customer.id])).get(customer.id)!;
    if (!seesAllPortfolios(principal) && a.collectorUserId !== null && a.collectorUserId !== principal.userId) {
      throw new NotFoundError('Customer', externalId);
    }
    return this.assignmentView(customer, a);
  }

  /** Assigns the customer to a collector explicitly (wins over every rule); its open tasks move along. */
  async assignCustomer(entityCode: string | undefined, externalId: string, collectorUserId: string, principal: Principal) {
    const customer = await this.customer(entityCode, externalId);
    await this.holder(collectorUserId, 'collectorUserId');
    const moved = await this.moving([customer.id], async () => {
      await this.dataSource.createQueryBuilder().insert().into(CustomerCollector)
        .values({ customerId: customer.id, collectorUserId: collectorUserId.toLowerCase(), assignedBy: principal.name, assignedAt: this.clock.now() })
        .orUpdate(['collector_user_id', 'assigned_by', 'assigned_at'], ['customer_id'])
        .updateEntity(false).execute();
    });
    const a = (await this.assignments([customer.id])).get(customer.id)!;
    return { ...(await this.assignmentView(customer, a)), tasksMoved: moved };
  }

  /** Drops the explicit assignment: the rules decide again; open tasks move to the collector they pick. */
  async unassignCustomer(entityCode: string | undefined, externalId: string) {
    const customer = await this.customer(entityCode, externalId);
    let removed = 0;
    const moved = await this.moving([customer.id], async () => {
      removed = (await this.dataSource.manager.delete(CustomerCollector, { customerId: customer.id })).affected ?? 0;
    });
    if (!removed) throw new NotFoundError('Explicit collector assignment of customer', externalId);
    const a = (await this.assignments([customer.id])).get(customer.id)!;
    return { ...(await this.assignmentView(customer, a)), tasksMoved: moved };
  }

  /** The customers of a collector's portfolio with why each is theirs. */
  async portfolio(collectorUserId: string, entityCode: string | undefined) {
    const collector = await this.users.findById(collectorUserId);
    if (!collector) throw new NotFoundError('User', collectorUserId);
    const entity = entityCode === undefined ? null : await this.entity(entityCode);
    const mine = [...(await this.assignments()).values()].filter((a) => a.collectorUserId === collector.id);
    const records = await this.customers.findMany(mine.map((a) => a.customerId));
    const customers = mine
      .map((a) => ({ a, c: records.get(a.customerId)! }))
      .filter(({ c }) => c && (!entity || c.entityId === entity.id))
      .sort((x, y) => x.c.name.localeCompare(y.c.name) || x.c.externalId.localeCompare(y.c.externalId))
      .map(({ a, c }) => ({ externalId: c.externalId, name: c.name, source: a.source, reason: a.reason, ruleId: a.ruleId }));
    return { collector: userRef(collector), customers };
  }

  // ---- rules -----------------------------------------------------------------------------------------

  async listRules() {
    const rows = await this.dataSource.manager.find(CollectorRule, { order: { createdAt: 'ASC', id: 'ASC' } });
    const users = new Map((await this.users.findByIds(rows.map((r) => r.collectorUserId))).map((u) => [u.id, u]));
    return Promise.all(rows.map((r) => this.ruleView(r, users.get(r.collectorUserId) ?? null)));
  }

  async getRule(id: string) {
    const row = await this.requireRule(id);
    return this.ruleView(row, await this.users.findById(row.collectorUserId));
  }

  async createRule(dto: CollectorRuleDto) {
    const values = await this.parseRule(dto);
    let id = '';
    const moved = await this.moving(undefined, async () => {
      id = (await this.dataSource.manager.save(this.dataSource.manager.create(CollectorRule, values))).id;
    });
    return { ...(await this.getRule(id)), tasksMoved: moved };
  }

  async replaceRule(id: string, dto: CollectorRuleDto) {
    const row = await this.requireRule(id);
    const values = await this.parseRule(dto);
    const moved = await this.moving(undefined, async () => {
      await this.dataSource.manager.update(CollectorRule, { id: row.id }, values);
    });
    return { ...(await this.getRule(id)), tasksMoved: moved };
  }

  async removeRule(id: string): Promise<void> {
    const row = await this.requireRule(id);
    await this.moving(undefined, async () => {
      await this.dataSource.manager.delete(CollectorRule, { id: row.id });
    });
  }

  /**
   * Runs a change of assignments, then moves the open tasks of every customer whose collector changed:
   * those assigned to the former collector go to the new one. Returns the open tasks that changed hands
   * (moved ones and those following the portfolio).
   */
  private async moving(customerIds: readonly string[] | undefined, change: () => Promise<void>): Promise<number> {
    const before = await this.assignments(customerIds);
    await change();
    const after = await this.assignments(customerIds);
    const changed = new Map<string, { from: string; to: string | null; customers: string[] }>();
    const changedCustomers: string[] = [];
    for (const [id, was] of before) {
      const now = after.get(id)?.collectorUserId ?? null;
      if (was.collectorUserId === now) continue;
      changedCustomers.push(id);
      if (was.collectorUserId === null) continue;
      const key = `${was.collectorUserId}>${now}`;
      const group = changed.get(key) ?? { from: was.collectorUserId, to: now, customers: [] };
      group.customers.push(id);
      changed.set(key, group);
    }
    let moved = 0;
    for (const g of changed.values()) moved += await this.tasks.moveOpenTasks(g.customers, g.from, g.to);
    for (const n of (await this.tasks.followingCountsByCustomer(changedCustomers)).values()) moved += n;
    return moved;
  }

  private async parseRule(dto: CollectorRuleDto) {
    const errors: FieldError[] = [];
    const currency = dto.currency ?? null;
    const bound = (field: 'minAmount' | 'maxAmount') => {
      const v = dto[field];
      if (v === undefined || v === null) return null;
      if (!currency) {
        errors.push({ field, messages: [`${field} needs currency (the band compares the open balance in one currency)`] });
        return null;
      }
      return nonNegativeAmount(field, v, currency, errors);
    };
    const minAmountMinor = bound('minAmount');
    const maxAmountMinor = bound('maxAmount');
    if (minAmountMinor !== null && maxAmountMinor !== null && minAmountMinor >= maxAmountMinor) {
      errors.push({ field: 'maxAmount', messages: ['maxAmount must be above minAmount'] });
    }
    if (currency && minAmountMinor === null && maxAmountMinor === null && !errors.length) {
      errors.push({ field: 'currency', messages: ['currency goes with minAmount and/or maxAmount'] });
    }
    let entityId: string | null = null;
    if (dto.entity) {
      const entity = await this.entities.findByCode(dto.entity);
      if (!entity) errors.push({ field: 'entity', messages: [`unknown entity "${dto.entity}"`] });
      else entityId = entity.id;
    }
    try {
      await this.holder(dto.collectorUserId, 'collectorUserId');
    } catch (err) {
      if (!(err instanceof FieldValidationError)) throw err;
      errors.push(...err.errors);
    }
    if (errors.length) throw new FieldValidationError(errors);
    return {
      entityId, segment: dto.segment ?? null, salespersonEmail: dto.salespersonEmail?.toLowerCase() ?? null, riskClass: dto.riskClass ?? null,
      currency, minAmountMinor, maxAmountMinor, collectorUserId: dto.collectorUserId.toLowerCase(),
    };
  }

  /** Active users who can hold a portfolio (the choices of a rule or an assignment), by name. */
  async holders(): Promise<{ id: string; name: string; email: string; roles: string[] }[]> {
    const byId = new Map<string, UserView>();
    for (const role of HOLDER_ROLES) for (const u of await this.users.usersWithRole(role)) byId.set(u.id, u);
    return [...byId.values()]
      .sort((a, b) => a.name.localeCompare(b.name) || a.email.localeCompare(b.email))
      .map((u) => ({ id: u.id, name: u.name, email: u.email, roles: u.roles.filter((r) => (HOLDER_ROLES as readonly string[]).includes(r)) }));
  }

  /** An active user who can hold a portfolio or a task, or a field error on `field`. */
  requireHolder(userId: string, field: string): Promise<UserView> {
    return this.holder(userId, field);
  }

  private async holder(userId: string, field: string): Promise<UserView> {
    const user = await this.users.findById(userId);
    if (!user) throw new FieldValidationError([{ field, messages: [`no user ${userId}`] }]);
    if (!user.active) throw new FieldValidationError([{ field, messages: [`user ${user.email} is deactivated`] }]);
    if (!user.roles.some((r) => (HOLDER_ROLES as readonly string[]).includes(r))) {
      throw new FieldValidationError([{ field, messages: [`user ${user.email} is not a collector (roles: ${user.roles.join(', ') || 'none'})`] }]);
    }
    return user;
  }

  private async requireRule(id: string): Promise<CollectorRule> {
    const row = isUuid(id) ? await this.dataSource.manager.findOneBy(CollectorRule, { id }) : null;
    if (!row) throw new NotFoundError('Collector rule', id);
    return row;
  }

  private async ruleView(r: CollectorRule, collector: UserView | null) {
    const entity = r.entityId ? await this.entities.findById(r.entityId) : null;
    const amt = (v: bigint | null) => (v === null || r.currency === null ? null : amount(v, r.currency));
    return {
      id: r.id, entity: entity?.code ?? null, segment: r.segment, salespersonEmail: r.salespersonEmail, riskClass: r.riskClass,
      currency: r.currency, minAmount: amt(r.minAmountMinor), maxAmount: amt(r.maxAmountMinor),
      collector: collector ? userRef(collector) : { id: r.collectorUserId, name: null, email: null },
      fallback: isFallback(r), description: describeCollectorRule(r, amount), createdAt: r.createdAt.toISOString(),
    };
  }

  private async assignmentView(customer: CustomerRecord, a: CollectorAssignment) {
    const user = a.collectorUserId ? await this.users.findById(a.collectorUserId) : null;
    return {
      customer: { externalId: customer.externalId, name: customer.name },
      collector: user ? userRef(user) : null, source: a.source, ruleId: a.ruleId, reason: a.reason,
    };
  }

  private async entity(code: string | undefined) {
    const entity = await this.entities.findByCode(code);
    if (!entity) throw new FieldValidationError([{ field: 'entity', messages: [`unknown entity "${code}"`] }]);
    return entity;
  }

  /** The customer of that entity (default entity when absent), or 404. */
  async customer(entityCode: string | undefined, externalId: string): Promise<CustomerRecord> {
    const entity = await this.entity(entityCode);
    const customer = await this.customers.findByExternalId(entity.id, externalId);
    if (!customer) throw new NotFoundError('Customer', externalId);
    return customer;
  }
}

function userRef(u: UserView) {
  return { id: u.id, name: u.name, email: u.email };
}
