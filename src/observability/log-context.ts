import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/**
 * What every log line written while serving one piece of work names: the HTTP request
 * (its id, also sent back as `X-Request-Id`) or the Temporal activity (its workflow, and the
 * invoice/dispute/… the workflow is about, plus the id of the request that started or last
 * signalled it). Set by the request-id middleware and the activity interceptor, read by the
 * logger (pino `mixin`) and by the Temporal client interceptor, which carries it into workflows.
 */
export interface LogContext {
  requestId?: string;
  workflowId?: string;
  workflowType?: string;
  runId?: string;
  activityType?: string;
  attempt?: number;
  invoiceId?: string;
  disputeId?: string;
  creditLimitRequestId?: string;
  outboxId?: string;
  customerId?: string;
  /** Set for an HTTP request: pino-http's request logger already binds `requestId`. */
  http?: boolean;
}

/** The ids a workflow's input may carry that a log line should name (the workflow's subject). */
export const SUBJECT_KEYS = ['invoiceId', 'disputeId', 'creditLimitRequestId', 'outboxId', 'customerId'] as const satisfies readonly (keyof LogContext)[];

const storage = new AsyncLocalStorage<LogContext>();

export function currentLogContext(): LogContext | undefined {
  return storage.getStore();
}

export function runWithLogContext<T>(context: LogContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** An incoming `X-Request-Id` is kept when it is a plain token; anything else is replaced by a fresh UUID. */
const REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

export function acceptRequestId(incoming: unknown): string {
  return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/** The subject ids of a workflow's first argument (e.g. `{ invoiceId, … }`), or of a bare id argument for `outboxId`-style workflows. */
export function subjectOf(args: readonly unknown[]): Partial<Pick<LogContext, (typeof SUBJECT_KEYS)[number]>> {
  const first = args[0];
  const out: Partial<Record<(typeof SUBJECT_KEYS)[number], string>> = {};
  if (first && typeof first === 'object') {
    for (const key of SUBJECT_KEYS) {
      const value = (first as Record<string, unknown>)[key];
      if (typeof value === 'string') out[key] = value;
    }
  }
  return out;
}
