/**
 * Helpers for the dispute workflow on the time-skipping harness: seed
 * validators, a group with its manager, disputes (as the API records them),
 * start the workflow, wait for it to settle, decide through its update.
 */
import { WorkflowClient, type WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';
import type { DataSource } from 'typeorm';
import type { Role } from '../../src/auth/principal.js';
import { DisputeEvent } from '../../src/disputes/dispute-event.entity.js';
import { Dispute } from '../../src/disputes/dispute.entity.js';
import { ErpOutboxEvent } from '../../src/erp-outbox/erp-outbox-event.entity.js';
import { OutboundMessage } from '../../src/messages/outbound-message.entity.js';
import { newPersonalToken, tokenHash } from '../../src/users/personal-token.js';
import { UserGroup } from '../../src/users/user-group.entity.js';
import { User } from '../../src/users/user.entity.js';
import type { DisputeApprovalResult, disputeApprovalWorkflow } from '../../workflows/dispute-approval.workflow.js';
import {
  decideDisputeUpdate, disputeStateQuery, disputeWorkflowId,
  type DisputeApprovalInput, type DisputeApprovalState, type DisputeDecisionCommand,
} from '../../workflows/dispute.definitions.js';
import { allocate, type ReasonCode } from '../../workflows/domain/dispute-rules.js';
import { uniqueId } from '../support/platform.js';
import type { DunningHarness, SeededInvoice } from '../support/time-skipping.js';

export type DisputeHandle = WorkflowHandleWithFirstExecutionRunId<typeof disputeApprovalWorkflow>;

export interface SeededUser {
  id: string;
  email: string;
  name: string;
}

export async function seedUser(dataSource: DataSource, roles: Role[], groups: string[] = []): Promise<SeededUser> {
  const email = `${uniqueId(roles[0] ?? 'user').toLowerCase()}@relance.example`;
  const name = `${roles.join('+')} ${email.slice(0, 12)}`;
  const user = await dataSource.manager.save(dataSource.manager.create(User, {
    email, name, roles, groups, tokenHash: tokenHash(newPersonalToken()), active: true,
  }));
  return { id: user.id, email, name };
}

/** A validator group with two members and a manager, plus one finance manager. */
export async function seedPeople(dataSource: DataSource) {
  const group = uniqueId('grp').toLowerCase();
  const v1 = await seedUser(dataSource, ['dispute_validator'], [group]);
  const v2 = await seedUser(dataSource, ['dispute_validator'], [group]);
  const manager = await seedUser(dataSource, ['dispute_validator', 'credit_manager']);
  await dataSource.manager.save(dataSource.manager.create(UserGroup, { code: group, name: 'Disputes team', managerUserId: manager.id }));
  const fm = await seedUser(dataSource, ['finance_manager']);
  const collector = await seedUser(dataSource, ['collector']);
  const outsider = await seedUser(dataSource, ['dispute_validator']);
  return { group, v1, v2, manager, fm, collector, outsider };
}
export type People = Awaited<ReturnType<typeof seedPeople>>;

export interface StartDisputeOptions {
  invoices: SeededInvoice[];
  people: People;
  amountMinor?: bigint | null;
  reasonCode?: ReasonCode;
  resolutionHours?: number;
  secondLevelFromMinor?: bigint | null;
}

/** Records a dispute the way the API does and starts its workflow on the harness's task queue. */
export async function startDispute(
  h: Pick<DunningHarness, 'dataSource' | 'env' | 'taskQueue'>,
  o: StartDisputeOptions,
): Promise<{ dispute: Dispute; handle: DisputeHandle }> {
  const m = h.dataSource.manager;
  const first = o.invoices[0]!;
  const shares = allocate(o.invoices.map((i) => ({ invoiceId: i.id, openAmountMinor: i.amountMinor })), o.amountMinor ?? null)!;
  const amountMinor = shares.reduce((s, x) => s + BigInt(x.amountMinor), 0n);
  const entityId = (await m.query<{ entity_id: string }[]>('SELECT entity_id FROM invoices WHERE id = $1', [first.id]))[0]!.entity_id;
  const saved = await m.save(m.create(Dispute, {
    entityId, customerId: first.customerId, reasonCode: o.reasonCode ?? 'price', type: 'dispute', comment: 'Unit price differs from the order',
    attachments: ['doc-1'], currency: first.currency, amountMinor, invoices: shares, status: 'open', acceptedAmountMinor: null, sourceKey: null,
    openedByUserId: o.people.collector.id, openedByName: o.people.collector.name, snapshot: {} as DisputeApprovalInput, workflowId: '',
    resolvedAt: null, closedAt: null,
  }));
  const snapshot: DisputeApprovalInput = {
    disputeId: saved.id, customerId: first.customerId, currency: first.currency, amountMinor: amountMinor.toString(), invoices: shares,
    reasonCode: o.reasonCode ?? 'price', comment: 'Unit price differs from the order',
    openedBy: { userId: o.people.collector.id, name: o.people.collector.name }, ruleId: null,
    validatorGroup: o.people.group, resolutionHours: o.resolutionHours ?? 48,
    secondLevelFromMinor: o.secondLevelFromMinor === undefined || o.secondLevelFromMinor === null ? null : o.secondLevelFromMinor.toString(),
    level1UserIds: [o.people.v1.id, o.people.v2.id], managerUserId: o.people.manager.id, level2UserIds: [o.people.fm.id],
  };
  const workflowId = disputeWorkflowId(saved.id);
  await m.update(Dispute, { id: saved.id }, { snapshot, workflowId });
  const handle = await h.env.client.workflow.start<typeof disputeApprovalWorkflow>('disputeApprovalWorkflow', {
    workflowId, taskQueue: h.taskQueue, args: [snapshot], workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
  });
  return { dispute: await m.findOneByOrFail(Dispute, { id: saved.id }), handle };
}

export function decide(
  handle: DisputeHandle,
  user: SeededUser | null,
  d: Omit<DisputeDecisionCommand, 'decider' | 'amountMinor'> & { amountMinor?: string | null },
): Promise<DisputeApprovalState> {
  return handle.executeUpdate(decideDisputeUpdate, {
    args: [{ amountMinor: null, ...d, decider: { userId: user?.id ?? null, name: user?.name ?? 'operator' } }],
  });
}

function isWaiting(events: readonly temporal.api.history.v1.IHistoryEvent[]): boolean {
  let i = events.length - 1;
  while (i >= 0 && (events[i]!.timerStartedEventAttributes || events[i]!.timerCanceledEventAttributes
    || events[i]!.workflowExecutionUpdateCompletedEventAttributes || events[i]!.workflowExecutionUpdateAcceptedEventAttributes)) i--;
  return Boolean(events[i]?.workflowTaskCompletedEventAttributes);
}

/** Waits (real time, clock locked) until the workflow is closed or waiting; its state, null once closed. */
export async function disputeSettled(handle: DisputeHandle, timeoutMs = 20_000): Promise<DisputeApprovalState | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const description = await handle.describe();
    if (description.status.name !== 'RUNNING') return null;
    const history = await handle.fetchHistory();
    if (isWaiting(history.events ?? [])) return handle.query(disputeStateQuery);
    if (Date.now() > deadline) {
      const failures = (history.events ?? []).map((e) => e.activityTaskFailedEventAttributes?.failure?.message
        ?? e.workflowTaskFailedEventAttributes?.failure?.message).filter(Boolean);
      const pending = (await handle.describe()).raw.pendingActivities?.map((a) => `${a.activityType?.name}: ${a.lastFailure?.message}`);
      throw new Error(`${handle.workflowId} not settled within ${timeoutMs} ms: ${JSON.stringify({ failures, pending })}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

export function result(h: Pick<DunningHarness, 'env'>, handle: DisputeHandle): Promise<DisputeApprovalResult> {
  return new WorkflowClient({ connection: h.env.connection }).getHandle<typeof disputeApprovalWorkflow>(handle.workflowId).result();
}

/** Internal mail keys of a dispute (sorted), without the dispute id prefix. */
export async function mailKeys(dataSource: DataSource, disputeId: string): Promise<string[]> {
  const rows = await dataSource.manager.createQueryBuilder(OutboundMessage, 'o')
    .where('o.audience = :a AND o.idempotency_key LIKE :k', { a: 'internal', k: `dispute:${disputeId}:%` }).getMany();
  return rows.map((r) => r.idempotencyKey.slice(`dispute:${disputeId}:`.length)).sort();
}

export async function history(dataSource: DataSource, disputeId: string): Promise<string[]> {
  const rows = await dataSource.manager.find(DisputeEvent, { where: { disputeId } });
  const seq = (key: string) => Number(key.split(':')[0]) || Number.MAX_SAFE_INTEGER;
  rows.sort((a, b) => seq(a.eventKey) - seq(b.eventKey));
  return rows.map((r) => `${r.event}:${r.statusFrom ?? '-'}>${r.statusTo}`);
}

export function erpEvents(dataSource: DataSource, disputeId: string): Promise<ErpOutboxEvent[]> {
  return dataSource.manager.findBy(ErpOutboxEvent, { idempotencyKey: `credit_note.requested:dispute:${disputeId}` });
}

export async function acceptedUpdates(handle: DisputeHandle): Promise<number> {
  const h = await handle.fetchHistory();
  return (h.events ?? []).filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes).length;
}
