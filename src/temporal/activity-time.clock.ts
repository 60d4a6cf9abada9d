import { performance } from 'node:perf_hooks';
import { Context } from '@temporalio/activity';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import { Clock, systemClock } from '../clock/clock.js';

/**
 * Temporal's time inside an activity: the instant the server scheduled the
 * current attempt, plus how long the attempt has run here. A worker on a
 * time-skipping server (tests) then stamps rows with the workflow's skipped
 * time instead of the machine's; outside an activity it is `fallback`.
 * The worker registers `interceptor` so an attempt's local start is known.
 */
export class ActivityTimeClock extends Clock {
  private readonly started = new WeakMap<Context, number>();

  constructor(private readonly fallback: Clock = systemClock) {
    super();
  }

  readonly interceptor: ActivityInterceptorsFactory = (context) => ({
    inbound: {
      execute: (input, next) => {
        this.started.set(context, performance.now());
        return next(input);
      },
    },
  });

  nowMs(): number {
    let context: Context;
    try {
      context = Context.current();
    } catch {
      return this.fallback.nowMs();
    }
    const started = this.started.get(context);
    // Not run by this worker (e.g. a MockActivityEnvironment, whose info is made up): the fallback.
    if (started === undefined) return this.fallback.nowMs();
    return context.info.currentAttemptScheduledTimestampMs + Math.round(performance.now() - started);
  }
}
