import { ApplicationFailure } from '@temporalio/activity';
import type { PromiseOutcome, PromisePort } from './promise-ports.js';

/** A promise that does not exist will not appear on a retry. */
export const PROMISE_NON_RETRYABLE = ['PROMISE_NOT_FOUND'];

async function guarded<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code && PROMISE_NON_RETRYABLE.includes(code)) throw ApplicationFailure.nonRetryable((err as Error).message, code);
    throw err;
  }
}

/** Activities of the promise-to-pay workflow, over the promise port. */
export function createPromiseActivities(ports: { promises: PromisePort }) {
  const p = ports.promises;
  return {
    holdPromisedDunning(promiseId: string): Promise<void> {
      return guarded(() => p.holdDunning(promiseId));
    },
    releasePromisedDunning(promiseId: string): Promise<void> {
      return guarded(() => p.releaseDunning(promiseId));
    },
    measurePromise(promiseId: string): Promise<{ receivedMinor: string }> {
      return guarded(() => p.measure(promiseId));
    },
    recordPromiseOutcome(promiseId: string, outcome: PromiseOutcome): Promise<void> {
      return guarded(() => p.recordOutcome(promiseId, outcome));
    },
    followUpBrokenPromise(promiseId: string): Promise<{ escalated: boolean }> {
      return guarded(() => p.followUpBroken(promiseId));
    },
  };
}

export type PromiseActivities = ReturnType<typeof createPromiseActivities>;
