import { describe, expect, test } from '@jest/globals';
import { MockActivityEnvironment } from '@temporalio/testing';
import type { CreditRescoringPort } from '../../activities/credit-risk-ports.js';
import { createCreditRiskActivities } from '../../activities/credit-risk.activities.js';

/** A portfolio of customers c01…c07 paged in id order; each one scored, c03 degraded. */
function portfolio(ids = ['c01', 'c02', 'c03', 'c04', 'c05', 'c06', 'c07']) {
  const calls: (string | null)[] = [];
  const port: CreditRescoringPort = {
    rescorePage(afterId, limit) {
      calls.push(afterId);
      const page = ids.filter((id) => afterId === null || id > afterId).slice(0, limit);
      return Promise.resolve({
        scored: page.length, written: page.length, degraded: page.includes('c03') ? 1 : 0,
        lastId: page.length < limit ? null : page[page.length - 1]!,
      });
    },
  };
  return { calls, activities: createCreditRiskActivities({ creditRescoring: port }) };
}

describe('rescoreCustomerPages', () => {
  test('pages until the batch is done, heartbeating the cursor after each page', async () => {
    const { calls, activities } = portfolio();
    const env = new MockActivityEnvironment();
    const beats: unknown[] = [];
    env.on('heartbeat', (d: unknown) => beats.push(d));
    const result = await env.run(activities.rescoreCustomerPages, null, 2, 2);
    expect(result).toEqual({ scored: 4, written: 4, degraded: 1, lastId: 'c04' });
    expect(calls).toEqual([null, 'c02']);
    expect(beats).toEqual([
      { scored: 2, written: 2, degraded: 0, lastId: 'c02', done: 1 },
      { scored: 4, written: 4, degraded: 1, lastId: 'c04', done: 2 },
    ]);
  });

  test('stops at the end of the portfolio with lastId null', async () => {
    const { calls, activities } = portfolio();
    const result = await new MockActivityEnvironment().run(activities.rescoreCustomerPages, 'c04', 2, 10);
    expect(result).toEqual({ scored: 3, written: 3, degraded: 0, lastId: null });
    expect(calls).toEqual(['c04', 'c06']);
  });

  test('a retry resumes after the last heartbeated page, keeping its totals', async () => {
    const { calls, activities } = portfolio();
    const env = new MockActivityEnvironment({ heartbeatDetails: { scored: 2, written: 1, degraded: 0, lastId: 'c02', done: 1 } });
    const result = await env.run(activities.rescoreCustomerPages, null, 2, 2);
    expect(calls).toEqual(['c02']);
    expect(result).toEqual({ scored: 4, written: 3, degraded: 1, lastId: 'c04' });
  });

  test('a bad page size fails without retry', async () => {
    const { activities } = portfolio();
    await expect(new MockActivityEnvironment().run(activities.rescoreCustomerPages, null, 0, 1))
      .rejects.toMatchObject({ type: 'INVALID_RESCORING_PAGE', nonRetryable: true });
  });
});
