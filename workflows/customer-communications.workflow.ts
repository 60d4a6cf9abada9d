/**
 * One workflow per customer (`customer-comms-<customerId>`): batches the
 * messages its invoices' workflows hand over, so that invoices reaching a
 * step on the same day make one message per channel listing them all.
 *
 * Requests group by (step date, action). A batch closes a fixed delay after
 * its first request (measured in workflow time) and its messages leave
 * through one activity. The workflow closes by itself when no batch is
 * waiting; the next hand-off starts a new run (signal-with-start).
 */
import { ActivityFailure, condition, continueAsNew, log, patched, proxyActivities, setHandler, sleep, workflowInfo } from '@temporalio/workflow';
import type { CustomerMessageActivities } from '../activities/customer-messages.activities.js';
import {
  CUSTOMER_MESSAGE_BATCH_DELAY_MS,
  customerCommsStateQuery,
  customerMessageRequestedSignal,
  isConsolidatedAction,
  type CustomerCommsInput,
  type CustomerCommsState,
  type CustomerMessageRequest,
  type PendingMessageBatch,
} from './definitions.js';

const activities = proxyActivities<CustomerMessageActivities>({
  startToCloseTimeout: '5 minutes',
  // The worker heartbeats while these run (src/temporal/liveness-heartbeat.interceptor.ts): a crashed worker's attempt is retried after this, not after the start-to-close timeout.
  heartbeatTimeout: '20 seconds',
  retry: {
    initialInterval: '2 seconds',
    backoffCoefficient: 2,
    maximumInterval: '10 minutes',
  },
});

/** Keep histories short for customers whose hand-offs never leave the workflow idle. */
const DEFAULT_CONTINUE_AS_NEW_AFTER_EVENTS = 5_000;

export interface CustomerCommsResult {
  batchesSent: number;
}

interface Batch {
  date: string;
  action: PendingMessageBatch['action'];
  sendAt: number;
  firstAt: number;
  requests: CustomerMessageRequest[];
}

/** Patch: a batch closes after a quiet period (capped by the delay) instead of a fixed delay. */
const QUIET_WINDOW = 'batch-quiet-window';

export async function customerCommunicationsWorkflow(input: CustomerCommsInput): Promise<CustomerCommsResult> {
  const delay = Math.max(0, input.batchDelayMs ?? CUSTOMER_MESSAGE_BATCH_DELAY_MS);
  const quiet = patched(QUIET_WINDOW) && input.batchQuietMs !== undefined ? Math.max(0, Math.min(input.batchQuietMs, delay)) : null;
  /** Set by a request: wakes the quiet-window wait so a new deadline is honoured. */
  let woken = false;
  const batches = new Map<string, Batch>();
  /** Request keys of this run: a retried hand-off is ignored (earlier runs are covered by the messages' item keys). */
  const seen = new Set<string>();
  let batchesSent = 0;

  const add = (batch: Batch) => {
    batches.set(`${batch.date}|${batch.action}`, batch);
    for (const r of batch.requests) seen.add(r.key);
  };
  for (const p of input.pending ?? []) {
    add({ date: p.date, action: p.action, sendAt: Date.parse(p.sendAt), firstAt: Date.parse(p.firstAt ?? p.sendAt), requests: p.requests });
  }

  setHandler(customerMessageRequestedSignal, (request) => {
    if (seen.has(request.key) || !isConsolidatedAction(request.step.action)) return;
    seen.add(request.key);
    const key = `${request.scheduledDate}|${request.step.action}`;
    const batch = batches.get(key);
    const now = Date.now();
    if (batch) {
      batch.requests.push(request);
      if (quiet !== null) batch.sendAt = Math.min(batch.firstAt + delay, now + quiet);
    } else {
      const sendAt = quiet !== null ? now + quiet : now + delay;
      batches.set(key, { date: request.scheduledDate, action: request.step.action, sendAt, firstAt: now, requests: [request] });
    }
    woken = true;
  });
  setHandler(customerCommsStateQuery, (): CustomerCommsState => ({
    customerId: input.customerId,
    pending: [...batches.values()].map((b) => ({
      date: b.date, action: b.action, sendAt: new Date(b.sendAt).toISOString(), invoiceIds: b.requests.map((r) => r.invoiceId),
    })),
    batchesSent,
  }));

  const limit = input.continueAsNewAfterEvents ?? DEFAULT_CONTINUE_AS_NEW_AFTER_EVENTS;
  while (batches.size > 0) {
    const due = [...batches.entries()]
      .filter(([, b]) => b.sendAt <= Date.now())
      .sort(([ka, a], [kb, b]) => a.sendAt - b.sendAt || (ka < kb ? -1 : 1));
    if (due.length === 0) {
      // A new batch always closes after the ones already waiting: the earliest deadline never moves earlier.
      const next = Math.min(...[...batches.values()].map((b) => b.sendAt));
      if (quiet === null) {
        await sleep(Math.max(1, next - Date.now()));
      } else {
        woken = false;
        await condition(() => woken, Math.max(1, next - Date.now()));
      }
      continue;
    }
    for (const [key, batch] of due) {
      // Requests arriving from now on open a new batch for the same day and action.
      batches.delete(key);
      try {
        await activities.sendCustomerMessages({
          customerId: input.customerId, date: batch.date, action: batch.action, requests: batch.requests,
        });
        batchesSent++;
      } catch (err) {
        // Only a non-retryable failure gets here; the other batches still go out.
        if (!(err instanceof ActivityFailure)) throw err;
        log.error('customer message batch failed', { customerId: input.customerId, date: batch.date, action: batch.action, error: err.cause?.message });
      }
    }
    if (batches.size > 0 && (workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > limit)) {
      await continueAsNew<typeof customerCommunicationsWorkflow>({
        ...input,
        pending: [...batches.values()].map((b) => ({
          date: b.date, action: b.action, sendAt: new Date(b.sendAt).toISOString(), firstAt: new Date(b.firstAt).toISOString(), requests: b.requests,
        })),
      });
    }
  }
  // Idle: nothing waits. A hand-off landing while this run completes is delivered to this run
  // (the completion is refused and the workflow continues with the new batch).
  return { batchesSent };
}
