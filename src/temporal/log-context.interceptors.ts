import { performance } from 'node:perf_hooks';
import type { Context } from '@temporalio/activity';
import type { Next, WorkflowClientInterceptor } from '@temporalio/client';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import type { ActivityExecuteInput, ActivityInboundCallsInterceptor, ActivityInterceptorsFactory } from '@temporalio/worker';
import type { Logger } from 'pino';
import { LOG_CONTEXT_HEADER, REQUEST_ID_MEMO } from '../../workflows/log-context.definitions.js';
import { currentLogContext, runWithLogContext, subjectOf, type LogContext } from '../observability/log-context.js';

type Headers = Record<string, Payload>;

/** The header a client call carries: the current request id (if any) and what the workflow's input names. */
function contextHeader(headers: Headers, args: readonly unknown[] = []): Headers {
  const { requestId, invoiceId, disputeId, creditLimitRequestId, outboxId, customerId } = currentLogContext() ?? {};
  const value = Object.fromEntries(Object.entries({ requestId, invoiceId, disputeId, creditLimitRequestId, outboxId, customerId, ...subjectOf(args) })
    .filter(([, v]) => typeof v === 'string'));
  if (Object.keys(value).length === 0) return headers;
  return { ...headers, [LOG_CONTEXT_HEADER]: defaultPayloadConverter.toPayload(value) };
}

function withRequestMemo<T extends { memo?: Record<string, unknown> }>(options: T): T {
  const requestId = currentLogContext()?.requestId;
  return requestId ? { ...options, memo: { ...options.memo, [REQUEST_ID_MEMO]: requestId } } : options;
}

/**
 * Client side: every workflow start, signal and update made while serving an HTTP request (or
 * running an activity) carries the log context in a header, and a start records the request id in
 * the workflow's memo (visible in the Temporal UI). Registered on every Client the processes build.
 */
export class LogContextClientInterceptor implements WorkflowClientInterceptor {
  start(input: Parameters<NonNullable<WorkflowClientInterceptor['start']>>[0], next: Next<WorkflowClientInterceptor, 'start'>) {
    return next({ ...input, headers: contextHeader(input.headers, input.options.args), options: withRequestMemo(input.options) });
  }

  startWithDetails(
    input: Parameters<NonNullable<WorkflowClientInterceptor['startWithDetails']>>[0], next: Next<WorkflowClientInterceptor, 'startWithDetails'>,
  ) {
    return next({ ...input, headers: contextHeader(input.headers, input.options.args), options: withRequestMemo(input.options) });
  }

  signalWithStart(
    input: Parameters<NonNullable<WorkflowClientInterceptor['signalWithStart']>>[0], next: Next<WorkflowClientInterceptor, 'signalWithStart'>,
  ) {
    return next({ ...input, headers: contextHeader(input.headers, input.options.args), options: withRequestMemo(input.options) });
  }

  signal(input: Parameters<NonNullable<WorkflowClientInterceptor['signal']>>[0], next: Next<WorkflowClientInterceptor, 'signal'>) {
    return next({ ...input, headers: contextHeader(input.headers) });
  }

  startUpdate(input: Parameters<NonNullable<WorkflowClientInterceptor['startUpdate']>>[0], next: Next<WorkflowClientInterceptor, 'startUpdate'>) {
    return next({ ...input, headers: contextHeader(input.headers) });
  }
}

/** Receives each finished activity attempt (metrics count failures by type). */
export type ActivityOutcomeListener = (outcome: { activityType: string; workflowType?: string; durationMs: number; error?: unknown }) => void;

/**
 * Worker side: an activity runs in a log context naming its workflow (id, type, run), itself
 * (type, attempt) and what the workflow's header carried (request id, invoice/dispute id), so every
 * line it logs names them; each attempt ends with one line (debug when it succeeds, warn when it fails).
 */
export function logContextActivityInterceptor(logger: Logger | undefined, onOutcome?: ActivityOutcomeListener): ActivityInterceptorsFactory {
  return (ctx: Context) => ({ inbound: new LogContextActivityInbound(ctx, logger, onOutcome) });
}

class LogContextActivityInbound implements ActivityInboundCallsInterceptor {
  constructor(
    private readonly ctx: Context,
    private readonly logger: Logger | undefined,
    private readonly onOutcome: ActivityOutcomeListener | undefined,
  ) {}

  async execute(input: ActivityExecuteInput, next: Next<ActivityInboundCallsInterceptor, 'execute'>): Promise<unknown> {
    const info = this.ctx.info;
    const carried = input.headers[LOG_CONTEXT_HEADER];
    const context: LogContext = {
      ...(carried ? defaultPayloadConverter.fromPayload<LogContext>(carried) : {}),
      workflowId: info.workflowExecution?.workflowId,
      runId: info.workflowExecution?.runId,
      workflowType: info.workflowType,
      activityType: info.activityType,
      attempt: info.attempt,
    };
    return runWithLogContext(context, async () => {
      const started = performance.now();
      try {
        const result: unknown = await next(input);
        const durationMs = Math.round(performance.now() - started);
        this.logger?.debug({ durationMs }, 'activity completed');
        this.onOutcome?.({ activityType: info.activityType, workflowType: info.workflowType, durationMs });
        return result;
      } catch (error) {
        const durationMs = Math.round(performance.now() - started);
        this.logger?.warn({ durationMs, err: error }, 'activity failed');
        this.onOutcome?.({ activityType: info.activityType, workflowType: info.workflowType, durationMs, error });
        throw error;
      }
    });
  }
}
