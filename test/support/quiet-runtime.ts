import { DefaultLogger, Runtime, type LogEntry } from '@temporalio/worker';

/**
 * The SDK logs every worker state change at INFO and each failed activity
 * attempt with its whole context; tests want warnings and errors, one line
 * each. The Runtime installs once per test file (module registry).
 */
export function quietTemporalRuntime(): void {
  const oneLine = (entry: LogEntry) => {
    const meta = entry.meta as { activityType?: string; attempt?: number; error?: unknown } | undefined;
    const error = meta?.error instanceof Error ? `: ${meta.error.message}` : '';
    const where = meta?.activityType ? ` [${meta.activityType} attempt ${meta.attempt}]` : '';
    process.stderr.write(`temporal ${entry.level}: ${entry.message}${where}${error}\n`);
  };
  try {
    Runtime.install({
      logger: new DefaultLogger('WARN', oneLine),
      shutdownSignals: [],
      // Core warns on every worker that the test server lacks a recent capability: keep its errors only.
      telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'WARN' }, console: {} } },
    });
  } catch {
    // Already installed for this test file: keep it.
  }
}
