/**
 * Helpers for the credit-limit approval workflow on the time-skipping
 * harness: seed customers, approvers and requests (as the API records them),
 * start the workflow, wait for it to settle, decide through its update.
 */
import { WorkflowClient, type WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';
import type { DataSource } from 'typeorm';
import type { Role } from '../../src/auth/principal.js';
import { CreditLimitRequest } from '../../src/credit-limit-requests/credit-limit-request.entity.js';
import { CustomerCreditLimit } from '../../src/credit-limit-requests/customer-credit-limit.entity.js';
import { Customer } from '../../src/customers/customer.entity.js';
import { ErpOutboxEvent } from '../../src/erp-outbox/erp-outbox-event.entity.js';
import { OutboundMessage } from '../../src/messages/outbound-message.entity.js';
import { LegalEntity } from '../../src/organization/legal-entity.entity.js';
import { newPersonalToken, tokenHash } from '../../src/users/personal-token.js';
import { User } from '../../src/users/user.entity.js';
import type { CreditLimitApprovalResult, creditLimitApprovalWorkflow } from '../../workflows/credit-limit-approval.workflow.js';
import {
  creditLimitStateQuery, creditLimitWorkflowId, decideCreditLimitUpdate,
  type CreditLimitApprovalInput, type CreditLimitApprovalState, type CreditLimitDecisionCommand,
} from '../../workflows/credit-limit.definitions.js';
import type { ApprovalPolicy } from '../../workflows/domain/credit-approval-policy.js';
import { approvalChain } from '../../workflows/domain/credit-limit-chain.js';
import { uniqueId } from '../support/platform.js';
import type { DunningHarness } from '../support/time-skipping.js';

export type CreditLimitHandle = WorkflowHandleWithFirstExecutionRunId<typeof creditLimitApprovalWorkflow>;

export interface SeededUser {
  id: string;
  email: string;
  roles: Role[];
}

export async function seedUser(dataSource: DataSource, roles: Role[], name = roles.join('+')): Promise<SeededUser> {
  const email = `${uniqueId(roles[0] ?? 'user').toLowerCase()}@relance.example`;
  const user = await dataSource.manager.save(dataSource.manager.create(User, {
    email, name, roles, groups: [], tokenHash: tokenHash(newPersonalToken()), active: true,
  }));
  return { id: user.id, email, roles };
}

export async function seedCustomer(dataSource: DataSource, salespersonEmail: string | null = null): Promise<Customer> {
  const entity = await dataSource.manager.findOneByOrFail(LegalEntity, { code: 'default' });
  return dataSource.manager.save(dataSource.manager.create(Customer, {
    entityId: entity.id, externalId: uniqueId('CUST'), name: 'Acme SARL', timeZone: null, salespersonEmail,
  }));
}

/** A limit set outside any request (as the ERP or a credit manager would). */
export async function setManualLimit(dataSource: DataSource, customerId: string, amountMinor: bigint): Promise<void> {
  await dataSource.manager.insert(CustomerCreditLimit, {
    customerId, amountMinor, currency: 'EUR', kind: 'manual', validUntil: null, requestId: null,
    previousAmountMinor: null, previousCurrency: null,
  });
}

/** A policy with the default bands (≤ 10 000.00: CM; ≤ 100 000.00: CM, FD; above: CM, FD, CFO) restated here. */
export const TEST_POLICY: ApprovalPolicy = {
  currency: 'EUR',
  bands: [
    { upToMinor: 1_000_000n, approvers: ['credit_manager'] },
    { upToMinor: 10_000_000n, approvers: ['credit_manager', 'finance_director'] },
    { upToMinor: null, approvers: ['credit_manager', 'finance_director', 'cfo'] },
  ],
  salesOpinion: true,
  reminderAfterHours: 24,
  escalateAfterHours: 72,
  escalationRole: 'cfo',
};

export interface SeedRequestOptions {
  customer: Customer;
  amountMinor: bigint;
  requester: SeededUser;
  until?: string | null;
  policy?: ApprovalPolicy;
  timeZone?: string;
}

/** Records a request the way the API does, and starts its workflow on the harness's task queue. */
export async function startRequest(h: Pick<DunningHarness, 'dataSource' | 'env' | 'taskQueue'>, options: SeedRequestOptions): Promise<{ request: CreditLimitRequest; handle: CreditLimitHandle }> {
  const policy = options.policy ?? TEST_POLICY;
  const m = h.dataSource.manager;
  const saved = await m.save(m.create(CreditLimitRequest, {
    entityId: options.customer.entityId, customerId: options.customer.id, amountMinor: options.amountMinor, currency: 'EUR',
    reason: 'Seasonal orders', until: options.until ?? null, requesterUserId: options.requester.id, requesterName: 'Sam Sales',
    status: 'pending', approvedAmountMinor: null, previousLimit: null, chain: {} as CreditLimitApprovalInput, levelEvents: [],
    workflowId: '',
  }));
  const chain: CreditLimitApprovalInput = {
    requestId: saved.id, customerId: options.customer.id, amountMinor: options.amountMinor.toString(), currency: 'EUR',
    until: options.until ?? null, timeZone: options.timeZone ?? 'Europe/Paris',
    levels: approvalChain(policy, options.amountMinor, 'EUR'),
    reminderAfterHours: policy.reminderAfterHours, escalateAfterHours: policy.escalateAfterHours, escalationRole: policy.escalationRole,
    salesOpinion: policy.salesOpinion, requester: { userId: options.requester.id, name: 'Sam Sales', email: options.requester.email },
  };
  const workflowId = creditLimitWorkflowId(saved.id);
  await m.update(CreditLimitRequest, { id: saved.id }, { chain, workflowId });
  const handle = await h.env.client.workflow.start<typeof creditLimitApprovalWorkflow>('creditLimitApprovalWorkflow', {
    workflowId, taskQueue: h.taskQueue, args: [chain], workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
  });
  return { request: await m.findOneByOrFail(CreditLimitRequest, { id: saved.id }), handle };
}

export function decide(
  handle: CreditLimitHandle,
  user: SeededUser | { kind: 'system' },
  decision: Omit<CreditLimitDecisionCommand, 'decider'>,
): Promise<CreditLimitApprovalState> {
  const decider = 'kind' in user
    ? { kind: 'system' as const, userId: null, roles: ['admin', 'credit_manager', 'finance_director', 'cfo'] }
    : { kind: 'user' as const, userId: user.id, roles: user.roles };
  return handle.executeUpdate(decideCreditLimitUpdate, { args: [{ ...decision, decider }] });
}

function isWaiting(events: readonly temporal.api.history.v1.IHistoryEvent[]): boolean {
  let i = events.length - 1;
  // Timers started and update outcomes recorded with the last task mean no pending work.
  while (i >= 0 && (events[i]!.timerStartedEventAttributes || events[i]!.timerCanceledEventAttributes
    || events[i]!.workflowExecutionUpdateCompletedEventAttributes || events[i]!.workflowExecutionUpdateAcceptedEventAttributes)) i--;
  return Boolean(events[i]?.workflowTaskCompletedEventAttributes);
}

/**
 * Waits in real time (the clock stays put while time skipping is locked)
 * until the workflow is closed or waiting for a timer or an update, then
 * returns its state (null once closed).
 */
export async function creditSettled(handle: CreditLimitHandle, timeoutMs = 15_000): Promise<CreditLimitApprovalState | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const description = await handle.describe();
    if (description.status.name !== 'RUNNING') return null;
    const history = await handle.fetchHistory();
    if (isWaiting(history.events ?? [])) return handle.query(creditLimitStateQuery);
    if (Date.now() > deadline) throw new Error(`${handle.workflowId} not settled within ${timeoutMs} ms: busy after ${history.events?.length} events`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Internal mails of a request, as `<key>` strings (sorted). */
export async function mailKeys(dataSource: DataSource, requestId: string): Promise<string[]> {
  const rows = await dataSource.manager
    .createQueryBuilder(OutboundMessage, 'o')
    .where('o.audience = :a AND o.idempotency_key LIKE :k', { a: 'internal', k: `credit-limit:${requestId}:%` })
    .getMany();
  return rows.map((r) => r.idempotencyKey).sort();
}

export async function mailTo(dataSource: DataSource, key: string): Promise<OutboundMessage | null> {
  return dataSource.manager.findOneBy(OutboundMessage, { idempotencyKey: key });
}

/** The customer's limit history, oldest first. */
export function limitHistory(dataSource: DataSource, customerId: string): Promise<CustomerCreditLimit[]> {
  return dataSource.manager.find(CustomerCreditLimit, { where: { customerId }, order: { seq: 'ASC' } });
}

export function erpEvents(dataSource: DataSource, requestId: string): Promise<ErpOutboxEvent[]> {
  return dataSource.manager
    .createQueryBuilder(ErpOutboxEvent, 'e')
    .where('e.idempotency_key LIKE :k', { k: `credit-limit:${requestId}:%` })
    .orderBy('e.created_at', 'ASC')
    .getMany();
}

export function loadRequest(dataSource: DataSource, id: string): Promise<CreditLimitRequest> {
  return dataSource.manager.findOneByOrFail(CreditLimitRequest, { id });
}

/** Updates the workflow accepted (refused ones never enter the history). */
export async function acceptedUpdates(handle: CreditLimitHandle): Promise<number> {
  const history = await handle.fetchHistory();
  return (history.events ?? []).filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes).length;
}

/** The workflow's result through a plain client: the time-skipping client's `result()` would unlock the clock while waiting. */
export function result(h: Pick<DunningHarness, 'env'>, handle: CreditLimitHandle): Promise<CreditLimitApprovalResult> {
  return new WorkflowClient({ connection: h.env.connection }).getHandle<typeof creditLimitApprovalWorkflow>(handle.workflowId).result();
}
