/**
 * One promise to pay: open → kept | broken.
 *
 * While open, dunning of the promised invoices is held (a pause, so it
 * resumes where it stood). Every payment on those invoices is signalled here
 * and re-measured at once; the promise is kept as soon as what was received
 * since it was made covers the promised amount (late when that happens after
 * the promised date, within the grace). At the end of the grace (promised
 * date + N business days of the entity's calendar) it is judged once more,
 * so a lost signal cannot break a kept promise. Broken: dunning resumes, the
 * collector gets a follow-up task, a repeat within 90 days escalates.
 */
import { condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { PromiseActivities } from '../activities/promise.activities.js';
import { dateInZone } from './domain/calendar.js';
import { judgePromise, promiseDeadline, type PromiseStatus } from './domain/promise-rules.js';
import { promisePaymentSignal, promiseStateQuery, type PromiseToPayInput, type PromiseToPayState } from './promise.definitions.js';

const activities = proxyActivities<PromiseActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes', nonRetryableErrorTypes: ['PROMISE_NOT_FOUND'] },
});

export interface PromiseToPayResult {
  status: Extract<PromiseStatus, 'kept' | 'broken'>;
  receivedMinor: string;
  keptLate: boolean | null;
  escalated: boolean;
}

export async function promiseToPayWorkflow(input: PromiseToPayInput): Promise<PromiseToPayResult> {
  const id = input.promiseId;
  const amountMinor = BigInt(input.amountMinor);
  const { graceEndsOn, judgedAt } = promiseDeadline(input.promisedFor, input.graceBusinessDays, input.calendar, input.timeZone);
  let status: PromiseStatus = 'open';
  let received = 0n;
  let keptLate: boolean | null = null;
  let payments = 0;

  setHandler(promisePaymentSignal, () => {
    payments++;
  });
  setHandler(promiseStateQuery, (): PromiseToPayState => ({
    status, receivedMinor: received.toString(), graceEndsOn, judgedAt: new Date(judgedAt).toISOString(), keptLate,
  }));

  await activities.holdPromisedDunning(id);
  for (;;) {
    const final = Date.now() >= judgedAt;
    const seen = payments;
    received = BigInt((await activities.measurePromise(id)).receivedMinor);
    const judgement = judgePromise({
      amountMinor, receivedMinor: received, promisedFor: input.promisedFor, today: dateInZone(Date.now(), input.timeZone), final,
    });
    if (judgement.outcome === 'kept') {
      status = 'kept';
      keptLate = judgement.late;
      break;
    }
    if (judgement.outcome === 'broken') {
      status = 'broken';
      break;
    }
    await condition(() => payments > seen, Math.max(1, judgedAt - Date.now()));
  }

  const outcome = status;
  await activities.recordPromiseOutcome(id, { status: outcome, receivedMinor: received.toString(), keptLate, at: new Date().toISOString() });
  await activities.releasePromisedDunning(id);
  const escalated = outcome === 'broken' ? (await activities.followUpBrokenPromise(id)).escalated : false;
  return { status: outcome, receivedMinor: received.toString(), keptLate, escalated };
}
