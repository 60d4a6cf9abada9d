// Types for scripts/healthcheck.mjs (plain JS: the runtime image runs it with node alone).

/** Sum of a metric's samples whose labels include `labels`, or null when it has none. */
export function metricSum(text: string, name: string, labels?: Record<string, string>): number | null;

/** Resolves when the API (`api`) or the worker (`worker`) is healthy; rejects with the reason. */
export function check(kind: string, env?: Record<string, string | undefined>): Promise<void>;
