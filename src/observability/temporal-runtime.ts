import { DefaultLogger, Runtime, type LogEntry } from '@temporalio/worker';
import type { LogLevel } from '@temporalio/common';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/app-config.js';

const TEMPORAL_LEVEL: Record<AppConfig['LOG_LEVEL'], LogLevel> = { error: 'ERROR', warn: 'WARN', log: 'INFO', debug: 'DEBUG', verbose: 'TRACE' };
const PINO_METHOD = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' } as const;

/** `host:port` of the worker's Prometheus endpoint, or null when RELANCE_WORKER_METRICS_PORT is 0. */
export function workerMetricsAddress(config: Pick<AppConfig, 'RELANCE_WORKER_METRICS_HOST' | 'RELANCE_WORKER_METRICS_PORT'>): string | null {
  return config.RELANCE_WORKER_METRICS_PORT === 0 ? null : `${config.RELANCE_WORKER_METRICS_HOST}:${config.RELANCE_WORKER_METRICS_PORT}`;
}

/**
 * Installs the process's Temporal runtime: the SDK's own lines (worker state, workflow and activity
 * logger calls, with their workflowId/activityType metadata) go to pino as JSON; Nest owns shutdown
 * signals; and the SDK's metrics (Core's worker telemetry plus what activities and interceptors record
 * on its meter, e.g. `relance_activity_failures`) are served for Prometheus at `prometheusBindAddress`
 * (`http://<address>/metrics`), durations in seconds like the API's.
 */
export function installTemporalRuntime(config: Pick<AppConfig, 'LOG_LEVEL'>, root: Logger, prometheusBindAddress?: string | null): void {
  const logger = root.child({ context: 'Temporal' });
  try {
    install(config, logger, prometheusBindAddress);
  } catch (err) {
    // E.g. the port is taken (another worker on this machine): name the setting to change.
    if (prometheusBindAddress && /prometheus/i.test((err as Error).message)) {
      throw new Error(`${(err as Error).message} on ${prometheusBindAddress}: set RELANCE_WORKER_METRICS_PORT (0 turns the worker's metrics off) or RELANCE_WORKER_METRICS_HOST`, { cause: err });
    }
    throw err;
  }
}

function install(config: Pick<AppConfig, 'LOG_LEVEL'>, logger: Logger, prometheusBindAddress?: string | null): void {
  Runtime.install({
    shutdownSignals: [],
    logger: new DefaultLogger(TEMPORAL_LEVEL[config.LOG_LEVEL], (entry: LogEntry) => {
      logger[PINO_METHOD[entry.level]]({ ...entry.meta }, entry.message);
    }),
    telemetryOptions: {
      logging: { forward: {}, filter: { core: 'WARN', other: 'WARN' } },
      ...(prometheusBindAddress ? { metrics: { prometheus: { bindAddress: prometheusBindAddress, useSecondsForDurations: true } } } : {}),
    },
  });
}
