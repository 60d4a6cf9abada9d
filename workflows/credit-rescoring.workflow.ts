/**
 * Nightly rescoring of the whole portfolio (started by a Temporal Schedule):
 * pages through customers in id order, a heartbeating activity per batch of
 * pages; continues as new every 50 batches to keep its history short.
 */
import { continueAsNew, proxyActivities } from '@temporalio/workflow';
import type { CreditRiskActivities } from '../activities/credit-risk.activities.js';
import { CREDIT_RESCORING_DEFAULTS, type CreditRescoringInput, type CreditRescoringTotals } from './credit.definitions.js';

const { rescoreCustomerPages } = proxyActivities<CreditRiskActivities>({
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '2 minutes',
  retry: {
    initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes', maximumAttempts: 10,
    nonRetryableErrorTypes: ['INVALID_RESCORING_PAGE'],
  },
});

const BATCHES_BEFORE_CONTINUE = 50;

export async function creditRescoringWorkflow(input: CreditRescoringInput = {}): Promise<CreditRescoringTotals> {
  const pageSize = input.pageSize ?? CREDIT_RESCORING_DEFAULTS.pageSize;
  const pages = input.pagesPerActivity ?? CREDIT_RESCORING_DEFAULTS.pagesPerActivity;
  const totals = { ...(input.totals ?? { scored: 0, written: 0, degraded: 0 }) };
  let afterId = input.afterId ?? null;
  for (let batch = 0; ; batch++) {
    if (batch === BATCHES_BEFORE_CONTINUE) {
      await continueAsNew<typeof creditRescoringWorkflow>({ pageSize, pagesPerActivity: pages, afterId, totals });
    }
    const result = await rescoreCustomerPages(afterId, pageSize, pages);
    totals.scored += result.scored;
    totals.written += result.written;
    totals.degraded += result.degraded;
    if (result.lastId === null) return totals;
    afterId = result.lastId;
  }
}
