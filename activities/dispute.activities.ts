import { ApplicationFailure } from '@temporalio/activity';
import type { DisputeNotice, DisputePort, DisputeTransition } from './dispute-ports.js';

export const DISPUTE_NON_RETRYABLE = ['DISPUTE_NOT_FOUND'];

async function guarded<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code && DISPUTE_NON_RETRYABLE.includes(code)) throw ApplicationFailure.nonRetryable((err as Error).message, code);
    throw err;
  }
}

/** Activities of the dispute workflow, over the dispute port. */
export function createDisputeActivities(ports: { disputes: DisputePort }) {
  const p = ports.disputes;
  return {
    recordDisputeTransition(disputeId: string, t: DisputeTransition): Promise<void> {
      return guarded(() => p.recordTransition(disputeId, t));
    },
    pauseDisputedDunning(disputeId: string): Promise<void> {
      return guarded(() => p.pauseDunning(disputeId));
    },
    resumeDisputedDunning(disputeId: string): Promise<void> {
      return guarded(() => p.resumeDunning(disputeId));
    },
    applyDisputeCreditNote(disputeId: string, acceptedAmountMinor: string): Promise<{ outboxId: string }> {
      return guarded(() => p.applyCreditNote(disputeId, acceptedAmountMinor));
    },
    notifyDispute(notice: DisputeNotice): Promise<number> {
      return guarded(() => p.notify(notice));
    },
  };
}

export type DisputeActivities = ReturnType<typeof createDisputeActivities>;
