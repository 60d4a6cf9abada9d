import { DefaultLogger, Runtime, type LogEntry } from '@temporalio/worker';
import type { LogLevel } from '@temporalio/common';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/app-config.js';

const TEMPORAL_LEVEL: Record<AppConfig['LOG_LEVEL'], LogLevel> = { error: 'ERROR', warn: 'WARN', log: 'INFO', debug: 'DEBUG', verbose: 'TRACE' };
const PINO_METHOD = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' } as const;

/**
 * Installs the process's Temporal runtime: the SDK's own lines (worker state, workflow and activity
 * logger calls, with their workflowId/activityType metadata) go to pino as JSON; Nest owns shutdown
 * signals; and, for a worker, the SDK's metrics are served for Prometheus at `prometheusBindAddress`.
 */
export function installTemporalRuntime(config: Pick<AppConfig, 'LOG_LEVEL'>, root: Logger, prometheusBindAddress?: string): void {
  const logger = root.child({ context: 'Temporal' });
  Runtime.install({
    shutdownSignals: [],
    logger: new DefaultLogger(TEMPORAL_LEVEL[config.LOG_LEVEL], (entry: LogEntry) => {
      logger[PINO_METHOD[entry.level]]({ ...entry.meta }, entry.message);
    }),
    telemetryOptions: {
      logging: { forward: {}, filter: { core: 'WARN', other: 'WARN' } },
      ...(prometheusBindAddress ? { metrics: { prometheus: { bindAddress: prometheusBindAddress } } } : {}),
    },
  });
}
