import { ApplicationFailure } from '@temporalio/activity';
import type { CreditLimitDecisionRecord, SalesOpinionInput } from '../workflows/credit-limit.definitions.js';
import type {
  CreditLimitNotice, CreditLimitOutcome, CreditLimitRequestPort, CreditLimitRevertOutcome,
} from './credit-limit-ports.js';

/** Business errors no retry can fix. */
export const CREDIT_LIMIT_NON_RETRYABLE = ['CREDIT_LIMIT_REQUEST_NOT_FOUND'];

/** Rethrows the port's "request not found" as a non-retryable failure. */
async function guarded<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code && CREDIT_LIMIT_NON_RETRYABLE.includes(code)) {
      throw ApplicationFailure.nonRetryable((err as Error).message, code);
    }
    throw err;
  }
}

/** Activities of the credit-limit approval workflow, over the request port. */
export function createCreditLimitActivities(ports: { creditLimits: CreditLimitRequestPort }) {
  const p = ports.creditLimits;
  return {
    recordCreditLimitDecision(requestId: string, decision: CreditLimitDecisionRecord): Promise<void> {
      return guarded(() => p.recordDecision(requestId, decision));
    },
    recordCreditLimitLevelEvent(requestId: string, level: number, event: 'reminded' | 'escalated', at: string): Promise<void> {
      return guarded(() => p.recordLevelEvent(requestId, level, event, at));
    },
    recordCreditLimitSalesOpinion(requestId: string, opinion: SalesOpinionInput & { at: string }): Promise<void> {
      return guarded(() => p.recordSalesOpinion(requestId, opinion));
    },
    applyApprovedCreditLimit(requestId: string, amountMinor: string): Promise<CreditLimitOutcome> {
      return guarded(() => p.approve(requestId, amountMinor));
    },
    recordCreditLimitRejection(requestId: string): Promise<CreditLimitOutcome> {
      return guarded(() => p.reject(requestId));
    },
    revertTemporaryCreditLimit(requestId: string): Promise<CreditLimitRevertOutcome> {
      return guarded(() => p.revertTemporary(requestId));
    },
    notifyCreditLimit(notice: CreditLimitNotice): Promise<number> {
      return guarded(() => p.notify(notice));
    },
  };
}

export type CreditLimitActivities = ReturnType<typeof createCreditLimitActivities>;
