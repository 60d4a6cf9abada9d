import type { Context } from '@temporalio/activity';
import type { ActivityExecuteInput, ActivityInterceptorsFactory, ActivityInboundCallsInterceptor, Next } from '@temporalio/worker';

/**
 * Heartbeats for the named activities while they run, so that when a worker
 * dies (kill -9, lost node) the server notices within the activity's
 * heartbeat timeout and retries it elsewhere, instead of waiting for its
 * start-to-close timeout (minutes). The beats carry no details: only for
 * activities that do not record progress in their own heartbeats.
 */
export function livenessHeartbeat(activityTypes: ReadonlySet<string>): ActivityInterceptorsFactory {
  return (ctx) => (activityTypes.has(ctx.info.activityType) && ctx.info.heartbeatTimeoutMs ? { inbound: new LivenessHeartbeat(ctx) } : {});
}

class LivenessHeartbeat implements ActivityInboundCallsInterceptor {
  constructor(private readonly ctx: Context) {}

  async execute(input: ActivityExecuteInput, next: Next<ActivityInboundCallsInterceptor, 'execute'>): Promise<unknown> {
    // Several beats per timeout: one lost to a busy event loop is not a missed deadline.
    const every = Math.max(200, Math.floor((this.ctx.info.heartbeatTimeoutMs ?? 0) / 4));
    const timer = setInterval(() => this.ctx.heartbeat(), every);
    try {
      return await next(input);
    } finally {
      clearInterval(timer);
    }
  }
}
