/**
 * One dispute: open → in_review ⇄ info_requested → accepted | rejected → closed.
 *
 * Decisions (API or signed email link) and the answer to an information
 * request arrive as updates whose validators apply workflows/domain/dispute-rules.ts:
 * a refused decision never enters the history. Accepting from the rule's
 * threshold on goes to a finance manager for confirmation (level 2).
 * SLA: a reminder to the assignees at 75 % of the target resolution time,
 * escalation to the group's manager (who may then decide) at 100 %.
 * Dunning is paused on the disputed invoices while the dispute is open and
 * resumed when it closes; an acceptance first applies the credit note
 * (invoice reduced, ERP `credit_note.requested`).
 */
import { ApplicationFailure, allHandlersFinished, condition, patched, proxyActivities, setHandler } from '@temporalio/workflow';
import type { DisputeActivities } from '../activities/dispute.activities.js';
import type { DisputeNotice } from '../activities/dispute-ports.js';
import type { ErpOutboxActivities } from '../activities/erp-outbox.activities.js';
import {
  answerDisputeInfoUpdate, decideDisputeUpdate, disputeStateQuery,
  type DisputeActor, type DisputeApprovalInput, type DisputeApprovalState, type DisputeDecisionCommand,
  type DisputeInfoCommand, type DisputeUpdateRefusal,
} from './dispute.definitions.js';
import {
  acceptedAmount, allowedDeciders, needsSecondLevel, refuseDisputeDecision, slaInstants,
  type DisputeChainState, type DisputeStatus,
} from './domain/dispute-rules.js';
import { ignoreErpRejection, startErpDelivery } from './erp-delivery.workflow.js';
import { ERP_DELIVERY_ACTIVITY_OPTIONS, ERP_DELIVERY_WORKFLOW_PATCH } from './erp-outbox.definitions.js';

const activities = proxyActivities<DisputeActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes', nonRetryableErrorTypes: ['DISPUTE_NOT_FOUND'] },
});
const erp = proxyActivities<ErpOutboxActivities>(ERP_DELIVERY_ACTIVITY_OPTIONS);

const SYSTEM: DisputeActor = { userId: null, name: 'Relance' };

export interface DisputeApprovalResult {
  status: DisputeStatus;
  acceptedAmountMinor: string | null;
}

function refused(type: DisputeUpdateRefusal, message: string): ApplicationFailure {
  return ApplicationFailure.create({ type, message, nonRetryable: true });
}

type Received = { kind: 'decision'; command: DisputeDecisionCommand } | { kind: 'info'; command: DisputeInfoCommand };

export async function disputeApprovalWorkflow(input: DisputeApprovalInput): Promise<DisputeApprovalResult> {
  const id = input.disputeId;
  let status: DisputeStatus = 'open';
  let level: 1 | 2 = 1;
  let escalated = false;
  let remindedAt: string | null = null;
  let escalatedAt: string | null = null;
  let proposed: bigint | null = null;
  let accepted: bigint | null = null;
  let received = 0;
  let handled = 0;
  let events = 0;
  let infoRounds = 0;
  const queue: Received[] = [];
  const threshold = input.secondLevelFromMinor === null ? null : BigInt(input.secondLevelFromMinor);

  const chain = (): DisputeChainState => ({
    status, level, escalated, level1UserIds: input.level1UserIds, managerUserId: input.managerUserId,
    level2UserIds: input.level2UserIds, disputedAmountMinor: BigInt(input.amountMinor), proposedAmountMinor: proposed,
  });
  const state = (): DisputeApprovalState => ({
    status, level, escalated, remindedAt, escalatedAt,
    proposedAmountMinor: proposed?.toString() ?? null,
    acceptedAmountMinor: accepted?.toString() ?? null,
    assignees: status === 'in_review' || status === 'info_requested' ? allowedDeciders(chain()) : [],
  });
  const record = (event: string, from: DisputeStatus | null, to: DisputeStatus, actor: DisputeActor, comment: string, data?: Record<string, unknown>) =>
    activities.recordDisputeTransition(id, {
      eventKey: `${++events}:${event}`, event, from, to, actor, comment, at: new Date().toISOString(), ...(data ? { data } : {}),
    });
  const notify = (notice: Omit<DisputeNotice, 'disputeId'>) => activities.notifyDispute({ disputeId: id, ...notice });
  const linksFor = (l: 1 | 2): DisputeNotice['links'] => ({ level: l, decisions: l === 1 ? ['accept', 'reject', 'request_info'] : ['accept', 'reject'] });
  const resolved = () => status === 'accepted' || status === 'rejected' || status === 'closed';

  setHandler(disputeStateQuery, state);
  setHandler(
    decideDisputeUpdate,
    async (command) => {
      queue.push({ kind: 'decision', command });
      const n = ++received;
      await condition(() => handled >= n);
      return state();
    },
    {
      validator: (command) => {
        if (received > handled) throw refused('DISPUTE_NOT_IN_REVIEW', 'A decision on this dispute is being recorded');
        const refusal = refuseDisputeDecision(chain(), command.decider.userId, command);
        if (refusal) throw refused(refusal.code, refusal.message);
        if (command.linkLevel !== undefined && command.linkLevel !== level) {
          throw refused('LINK_LEVEL_PASSED', 'This link was for a level of the decision that is no longer pending');
        }
      },
    },
  );
  setHandler(
    answerDisputeInfoUpdate,
    async (command) => {
      queue.push({ kind: 'info', command });
      const n = ++received;
      await condition(() => handled >= n);
      return state();
    },
    {
      validator: (_command: DisputeInfoCommand) => {
        if (received > handled || status !== 'info_requested') {
          throw refused('NOT_AWAITING_INFO', `The dispute is ${status}: it is not waiting for information`);
        }
      },
    },
  );

  const openedAt = Date.now();
  await record('opened', null, 'open', input.openedBy, input.comment, { amountMinor: input.amountMinor, invoices: input.invoices });
  await activities.pauseDisputedDunning(id);
  status = 'in_review';
  await record('review_started', 'open', 'in_review', SYSTEM, `Assigned to group ${input.validatorGroup}`);
  await notify({ kind: 'decision_requested', userIds: input.level1UserIds, key: 'level1', links: linksFor(1) });

  const sla = (async () => {
    const { remindAt, dueAt } = slaInstants(openedAt, input.resolutionHours);
    if (await condition(resolved, remindAt - openedAt)) return;
    remindedAt = new Date().toISOString();
    await record('reminded', status, status, SYSTEM, 'Target resolution time is near');
    await notify({ kind: 'reminder', userIds: allowedDeciders(chain()), key: 'sla', ...(status === 'in_review' ? { links: linksFor(level) } : {}) });
    if (await condition(resolved, dueAt - Date.now())) return;
    escalated = true;
    escalatedAt = new Date().toISOString();
    await record('escalated', status, status, SYSTEM, `Target resolution time passed: escalated to the ${input.validatorGroup} manager`);
    if (input.managerUserId) {
      await notify({ kind: 'escalated', userIds: [input.managerUserId], key: 'sla', ...(status === 'in_review' ? { links: linksFor(level) } : {}) });
    }
  })();

  while (!resolved()) {
    await condition(() => queue.length > 0);
    const item = queue.shift()!;
    if (item.kind === 'info') {
      status = 'in_review';
      await record('info_answered', 'info_requested', 'in_review', item.command.author, item.command.comment);
      await notify({ kind: 'info_answered', userIds: allowedDeciders(chain()), key: `info:${infoRounds}`, links: linksFor(level), comment: item.command.comment });
    } else {
      const c = item.command;
      if (c.decision === 'request_info') {
        infoRounds++;
        status = 'info_requested';
        await record('info_requested', 'in_review', 'info_requested', c.decider, c.comment);
        if (input.openedBy.userId) {
          await notify({ kind: 'info_requested', userIds: [input.openedBy.userId], key: `info:${infoRounds}`, comment: c.comment });
        }
      } else if (c.decision === 'reject') {
        status = 'rejected';
        await record('rejected', 'in_review', 'rejected', c.decider, c.comment, { level });
      } else {
        const amount = acceptedAmount(chain(), c.amountMinor);
        if (level === 1 && needsSecondLevel(threshold, amount)) {
          proposed = amount;
          level = 2;
          await record('acceptance_proposed', 'in_review', 'in_review', c.decider, c.comment, { amountMinor: amount.toString(), level: 1 });
          await notify({ kind: 'confirmation_requested', userIds: input.level2UserIds, key: 'level2', links: linksFor(2), comment: c.comment });
        } else {
          accepted = amount;
          status = 'accepted';
          await record('accepted', 'in_review', 'accepted', c.decider, c.comment, { amountMinor: amount.toString(), level });
        }
      }
    }
    handled = received;
  }

  let delivery: Promise<unknown> = Promise.resolve();
  if (accepted !== null) {
    const { outboxId } = await activities.applyDisputeCreditNote(id, accepted.toString());
    // The credit note goes to the ERP on its own: the dispute closes whatever the ERP does.
    if (patched(ERP_DELIVERY_WORKFLOW_PATCH)) await startErpDelivery(outboxId);
    // Disputes started before: the delivery runs alongside; a refusal (marked failed, admins alerted) no longer fails the dispute.
    else delivery = erp.deliverErpEvent(outboxId).catch(ignoreErpRejection);
  }
  const outcome = status;
  const concerned = [...new Set([...(input.openedBy.userId ? [input.openedBy.userId] : []), ...input.level1UserIds,
    ...(proposed !== null ? input.level2UserIds : [])])];
  await notify({ kind: outcome === 'accepted' ? 'accepted' : 'rejected', userIds: concerned, key: 'outcome' });
  await activities.resumeDisputedDunning(id);
  status = 'closed';
  await record('closed', outcome, 'closed', SYSTEM, outcome === 'accepted' ? 'Credit note requested' : 'Dispute rejected: dunning resumes');
  await sla;
  await delivery;
  await condition(allHandlersFinished);
  return { status: outcome, acceptedAmountMinor: accepted?.toString() ?? null };
}
