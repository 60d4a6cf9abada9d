import type { Context } from '@temporalio/activity';
import type { MetricCounter } from '@temporalio/common';
import { Runtime, type ActivityExecuteInput, type ActivityInboundCallsInterceptor, type ActivityInterceptorsFactory, type Next } from '@temporalio/worker';

/** Counter of failed activity attempts on the worker's metrics endpoint. */
export const ACTIVITY_FAILURES_METRIC = 'relance_activity_failures';

const counters = new WeakMap<Runtime, MetricCounter>();

function failuresCounter(): MetricCounter {
  const runtime = Runtime.instance();
  let counter = counters.get(runtime);
  if (!counter) {
    counter = runtime.metricMeter.createCounter(ACTIVITY_FAILURES_METRIC, '1', 'Failed activity attempts by activity type');
    counters.set(runtime, counter);
  }
  return counter;
}

/**
 * Counts each failed activity attempt on the SDK runtime's metric meter, which the worker's Prometheus
 * endpoint serves, tagged like Core's own metrics (activity_type, workflow_type, task_queue, namespace);
 * `retryable="false"` marks a business refusal the workflow handles (no retry).
 */
export function activityFailureMetrics(): ActivityInterceptorsFactory {
  return (ctx) => ({ inbound: new ActivityFailureCounter(ctx) });
}

class ActivityFailureCounter implements ActivityInboundCallsInterceptor {
  constructor(private readonly ctx: Context) {}

  async execute(input: ActivityExecuteInput, next: Next<ActivityInboundCallsInterceptor, 'execute'>): Promise<unknown> {
    try {
      return await next(input);
    } catch (error) {
      const { activityType, workflowType, taskQueue, activityNamespace } = this.ctx.info;
      const nonRetryable = (error as { nonRetryable?: unknown } | null)?.nonRetryable === true;
      failuresCounter().add(1, {
        activity_type: activityType, workflow_type: workflowType ?? 'none', task_queue: taskQueue, namespace: activityNamespace, retryable: String(!nonRetryable),
      });
      throw error;
    }
  }
}
