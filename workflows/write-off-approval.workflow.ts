/**
 * A write-off above its entity's threshold: waits for a finance manager's
 * decision (an update whose validator applies the four-eyes rule, so a
 * refused decision never enters the history), then writes the invoice off —
 * which stops its dunning at once and tells the ERP through the outbox — or
 * records the rejection.
 */
import { ApplicationFailure, allHandlersFinished, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { WriteOffActivities } from '../activities/write-off.activities.js';
import { refuseWriteOffDecision } from './domain/write-off-policy.js';
import { startErpDelivery } from './erp-delivery.workflow.js';
import {
  decideWriteOffUpdate, writeOffStateQuery,
  type WriteOffApprovalInput, type WriteOffApprovalState, type WriteOffDecisionRecord, type WriteOffStatus,
} from './write-off.definitions.js';

const activities = proxyActivities<WriteOffActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes', nonRetryableErrorTypes: ['NOT_FOUND'] },
});

export async function writeOffApprovalWorkflow(input: WriteOffApprovalInput): Promise<WriteOffApprovalState> {
  let status: WriteOffStatus = 'pending';
  let decision: WriteOffDecisionRecord | null = null;
  let acted = false;
  const state = (): WriteOffApprovalState => ({ status, decision: decision && { ...decision } });

  setHandler(writeOffStateQuery, state);
  setHandler(
    decideWriteOffUpdate,
    async (command) => {
      decision = { decision: command.decision, comment: command.comment, userId: command.decider.userId, name: command.decider.name, at: new Date().toISOString() };
      await condition(() => acted);
      return state();
    },
    {
      validator: (command) => {
        const refusal = decision
          ? { code: 'WRITE_OFF_NOT_PENDING', message: 'The write-off has already been decided' }
          : refuseWriteOffDecision({ status, requesterUserId: input.requesterUserId }, command.decider, command.decision);
        if (refusal) throw ApplicationFailure.create({ type: refusal.code, message: refusal.message, nonRetryable: true });
      },
    },
  );

  await condition(() => decision !== null);
  const decided = decision!;
  if (decided.decision === 'approve') {
    const outcome = await activities.applyApprovedWriteOff(input.writeOffId, decided);
    status = outcome.status;
    acted = true;
    // The ERP event goes to its own delivery workflow: an ERP outage does not hold this one open.
    if (outcome.outboxId) await startErpDelivery(outcome.outboxId);
  } else {
    await activities.recordWriteOffRejection(input.writeOffId, decided);
    status = 'rejected';
    acted = true;
  }
  await condition(allHandlersFinished);
  return state();
}
