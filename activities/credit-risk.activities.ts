import { ApplicationFailure, Context } from '@temporalio/activity';
import type { CreditRescoringTotals } from '../workflows/credit.definitions.js';
import type { CreditRescoringPort } from './credit-risk-ports.js';

export const CREDIT_RISK_NON_RETRYABLE = ['INVALID_RESCORING_PAGE'];

export interface RescorePagesResult extends CreditRescoringTotals {
  /** Where the next call resumes; null when the whole portfolio was scored. */
  lastId: string | null;
}

/** Activities of the nightly rescoring, over the credit port. */
export function createCreditRiskActivities(ports: { creditRescoring: CreditRescoringPort }) {
  return {
    /**
     * Rescores up to `pages` pages after `afterId`, heartbeating the cursor
     * after each page: a retry resumes from the last heartbeat, not from the start.
     */
    async rescoreCustomerPages(afterId: string | null, pageSize: number, pages: number): Promise<RescorePagesResult> {
      if (!Number.isInteger(pageSize) || pageSize < 1 || !Number.isInteger(pages) || pages < 1) {
        throw ApplicationFailure.nonRetryable(`bad page size ${pageSize} or page count ${pages}`, 'INVALID_RESCORING_PAGE');
      }
      const resumed = Context.current().info.heartbeatDetails as (RescorePagesResult & { done: number }) | undefined;
      const totals = resumed ?? { scored: 0, written: 0, degraded: 0, lastId: afterId, done: 0 };
      let cursor = resumed ? resumed.lastId : afterId;
      for (let page = totals.done; page < pages; page++) {
        const outcome = await ports.creditRescoring.rescorePage(cursor, pageSize);
        totals.scored += outcome.scored;
        totals.written += outcome.written;
        totals.degraded += outcome.degraded;
        totals.lastId = outcome.lastId;
        totals.done = page + 1;
        cursor = outcome.lastId;
        Context.current().heartbeat({ ...totals });
        if (cursor === null) break;
      }
      return { scored: totals.scored, written: totals.written, degraded: totals.degraded, lastId: totals.lastId };
    },
  };
}

export type CreditRiskActivities = ReturnType<typeof createCreditRiskActivities>;
