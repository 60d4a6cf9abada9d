/**
 * Answers a retry can change (408, 429, 5xx) are retried with the same signed
 * event until the ERP acknowledges: time-skipping server, real worker and
 * PostgreSQL, the ERP webhook stand-in. In a file of its own: the time-skipping
 * server skips the retry backoff reliably only for the file's first workflows.
 */
import { expect, test } from '@jest/globals';
import { useTimeSkippingWorker } from '../support/worker-harness.js';
import { disputeErp } from './dispute-erp-support.js';
import { result } from './dispute-support.js';

const w = useTimeSkippingWorker('relance-dispute-erp-retry', { erpWebhook: true });

const { acceptWhileErpAnswers, delivery, activityOutcome, answersFor, outboxRow, alertsFor } = disputeErp(w);

test('an ERP answering 408, 429, 500 or 502 is retried until it acknowledges', async () => {
  const { h, dispute, handle, event } = await acceptWhileErpAnswers([408, 429, 500, 502]);
  expect((await result(h, handle)).status).toBe('accepted');
  expect(await delivery(event.id).result()).toEqual({ outcome: 'delivered' });
  expect(answersFor(event.id)).toEqual([[408, true], [429, true], [500, true], [502, true], [200, true]]);
  expect(await activityOutcome(event.id)).toBe('completed on attempt 5');
  expect(await outboxRow(dispute.id)).toMatchObject({ status: 'delivered', attempts: 5, failedAt: null });
  expect(await alertsFor(event.id)).toEqual([]);
});
