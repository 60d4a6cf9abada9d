/**
 * One credit-limit request: its approval chain level by level (reminder, then
 * escalation, when a level waits too long), an advisory sales opinion in
 * parallel, the limit change and its ERP event, and — for a temporary
 * limit — the revert when its last day is over.
 *
 * Decisions arrive as an update whose validator applies the chain's rules
 * (workflows/domain/credit-limit-chain.ts): a refused decision never enters
 * the history. The update answers once the workflow has acted on the decision
 * (recorded it, moved to the next level or applied the limit).
 */
import {
  ApplicationFailure, allHandlersFinished, condition, patched, proxyActivities, setHandler, sleep,
} from '@temporalio/workflow';
import type { CreditLimitActivities } from '../activities/credit-limit.activities.js';
import type { ErpOutboxActivities } from '../activities/erp-outbox.activities.js';
import {
  creditLimitStateQuery, decideCreditLimitUpdate, giveSalesOpinionUpdate,
  type CreditLimitApprovalInput, type CreditLimitApprovalState, type CreditLimitDecisionRecord, type CreditLimitLevelView,
  type CreditLimitRefusalType, type CreditLimitStatus, type SalesOpinionInput,
} from './credit-limit.definitions.js';
import { amountAfterApproval, refuseDecision, rolesAllowedToDecide, temporaryLimitEndsAt } from './domain/credit-limit-chain.js';
import { ignoreErpRejection, startErpDelivery } from './erp-delivery.workflow.js';
import { ERP_DELIVERY_ACTIVITY_OPTIONS, ERP_DELIVERY_WORKFLOW_PATCH } from './erp-outbox.definitions.js';

const activities = proxyActivities<CreditLimitActivities>({
  startToCloseTimeout: '1 minute',
  retry: {
    initialInterval: '2 seconds',
    backoffCoefficient: 2,
    maximumInterval: '10 minutes',
    nonRetryableErrorTypes: ['CREDIT_LIMIT_REQUEST_NOT_FOUND'],
  },
});
const erp = proxyActivities<ErpOutboxActivities>(ERP_DELIVERY_ACTIVITY_OPTIONS);

const HOUR_MS = 3_600_000;

export interface CreditLimitApprovalResult {
  status: CreditLimitStatus;
  approvedAmountMinor: string | null;
}

function refused(type: CreditLimitRefusalType, message: string): ApplicationFailure {
  return ApplicationFailure.create({ type, message, nonRetryable: true });
}

export async function creditLimitApprovalWorkflow(input: CreditLimitApprovalInput): Promise<CreditLimitApprovalResult> {
  let status: CreditLimitStatus = 'pending';
  let pendingLevel: number | null = input.levels[0]?.level ?? null;
  let escalated = false;
  let current = BigInt(input.amountMinor);
  let approvedAmount: bigint | null = null;
  const levels: CreditLimitLevelView[] = input.levels.map((l) => ({ ...l, state: 'waiting', remindedAt: null, escalatedAt: null }));
  const decisions: CreditLimitDecisionRecord[] = [];
  let salesOpinion: CreditLimitApprovalState['salesOpinion'] = null;
  /** Decisions the main loop has acted on; an update answers once its decision is among them. */
  let handled = 0;
  /** ERP deliveries (or their workflows' starts) run alongside: an ERP outage must not hold the chain or the revert timer. */
  const deliveries: Promise<unknown>[] = [];

  const chainState = () => ({
    status, levels: input.levels, pendingLevel, escalated, escalationRole: input.escalationRole, currentAmountMinor: current,
    approverUserIds: decisions.filter((d) => d.decision === 'approve').map((d) => d.userId),
    requesterUserId: input.requester.userId,
  });
  const state = (): CreditLimitApprovalState => ({
    status,
    pendingLevel,
    currentAmountMinor: current.toString(),
    approvedAmountMinor: approvedAmount?.toString() ?? null,
    levels: levels.map((l) => ({ ...l })),
    decisions: decisions.map((d) => ({ ...d })),
    salesOpinion,
    pendingRoles: rolesAllowedToDecide(chainState()),
  });
  const deliver = (outboxId: string | null) => {
    if (!outboxId) return;
    // Each ERP event goes to its own delivery workflow; requests started before deliver alongside, a refusal not failing them.
    if (patched(ERP_DELIVERY_WORKFLOW_PATCH)) deliveries.push(startErpDelivery(outboxId));
    else deliveries.push(erp.deliverErpEvent(outboxId).catch(ignoreErpRejection));
  };

  setHandler(creditLimitStateQuery, state);
  setHandler(
    decideCreditLimitUpdate,
    async (command) => {
      const level = levels.find((l) => l.level === pendingLevel)!;
      const approve = command.decision === 'approve';
      decisions.push({
        level: level.level,
        role: level.role,
        userId: command.decider.userId!,
        decision: command.decision,
        amountMinor: approve ? amountAfterApproval(current, command.amountMinor).toString() : null,
        comment: command.comment,
        asEscalation: !command.decider.roles.includes(level.role),
        at: new Date().toISOString(),
      });
      const n = decisions.length;
      await condition(() => handled >= n);
      return state();
    },
    {
      validator: (command) => {
        // A decision the workflow has not acted on yet holds the level.
        if (decisions.length > handled) throw refused('REQUEST_NOT_PENDING', 'A decision on this level is being recorded');
        const refusal = refuseDecision(chainState(), command.decider, command);
        if (refusal) throw refused(refusal.code, refusal.message);
      },
    },
  );
  setHandler(
    giveSalesOpinionUpdate,
    async (opinion: SalesOpinionInput) => {
      const given = { ...opinion, at: new Date().toISOString() };
      salesOpinion = given;
      await activities.recordCreditLimitSalesOpinion(input.requestId, given);
      return state();
    },
    {
      validator: (opinion) => {
        if (status !== 'pending') throw refused('REQUEST_NOT_PENDING', `The request is ${status}: it takes no more opinions`);
        if (!input.salesOpinion) throw refused('SALES_OPINION_NOT_REQUESTED', 'This request asks for no sales opinion');
        if (salesOpinion) throw refused('SALES_OPINION_GIVEN', 'The sales opinion has already been given');
        if (opinion.opinion !== 'favourable' && opinion.opinion !== 'unfavourable') {
          throw refused('INVALID_AMOUNT', 'opinion must be favourable or unfavourable');
        }
      },
    },
  );

  if (input.salesOpinion) await activities.notifyCreditLimit({ requestId: input.requestId, kind: 'sales_opinion_requested' });

  for (let i = 0; i < levels.length && status === 'pending'; i++) {
    const level = levels[i]!;
    pendingLevel = level.level;
    escalated = false;
    level.state = 'pending';
    await activities.notifyCreditLimit({ requestId: input.requestId, kind: 'approval_requested', level: level.level, role: level.role });
    const decided = () => decisions.some((d) => d.level === level.level);
    const reminderMs = input.reminderAfterHours * HOUR_MS;
    const escalateMs = input.escalateAfterHours * HOUR_MS;
    let waited = 0;
    if (reminderMs < escalateMs && !(await condition(decided, reminderMs))) {
      waited = reminderMs;
      level.remindedAt = new Date().toISOString();
      await activities.recordCreditLimitLevelEvent(input.requestId, level.level, 'reminded', level.remindedAt);
      await activities.notifyCreditLimit({ requestId: input.requestId, kind: 'reminder', level: level.level, role: level.role });
    }
    if (!decided() && !(await condition(decided, escalateMs - waited))) {
      escalated = true;
      level.escalatedAt = new Date().toISOString();
      await activities.recordCreditLimitLevelEvent(input.requestId, level.level, 'escalated', level.escalatedAt);
      await activities.notifyCreditLimit({
        requestId: input.requestId, kind: 'escalated', level: level.level, role: input.escalationRole,
      });
      await condition(decided);
    }

    const decision = decisions.find((d) => d.level === level.level)!;
    await activities.recordCreditLimitDecision(input.requestId, decision);
    if (decision.decision === 'reject') {
      level.state = 'rejected';
      for (const rest of levels.slice(i + 1)) rest.state = 'skipped';
      status = 'rejected';
      pendingLevel = null;
      const outcome = await activities.recordCreditLimitRejection(input.requestId);
      handled = decisions.length;
      deliver(outcome.outboxId);
      await activities.notifyCreditLimit({ requestId: input.requestId, kind: 'rejected' });
      break;
    }
    level.state = 'approved';
    current = BigInt(decision.amountMinor!);
    if (i + 1 < levels.length) {
      // The next level is pending from the moment this one is acted on.
      pendingLevel = levels[i + 1]!.level;
      escalated = false;
      levels[i + 1]!.state = 'pending';
      handled = decisions.length;
    }
  }

  if (status === 'pending') {
    const outcome = await activities.applyApprovedCreditLimit(input.requestId, current.toString());
    status = 'approved';
    approvedAmount = current;
    pendingLevel = null;
    handled = decisions.length;
    deliver(outcome.outboxId);
    await activities.notifyCreditLimit({ requestId: input.requestId, kind: 'approved' });

    if (input.until) {
      const endsAt = temporaryLimitEndsAt(input.until, input.timeZone);
      if (endsAt > Date.now()) await sleep(endsAt - Date.now());
      const revert = await activities.revertTemporaryCreditLimit(input.requestId);
      status = revert.outcome;
      deliver(revert.outboxId);
      await activities.notifyCreditLimit({ requestId: input.requestId, kind: revert.outcome });
    }
  }

  await Promise.all(deliveries);
  await condition(allHandlersFinished);
  return { status, approvedAmountMinor: approvedAmount?.toString() ?? null };
}
