import { DefaultLogger, Runtime } from '@temporalio/worker';

/** Keeps worker INFO lines out of test output (the Runtime installs once per process). */
export function quietTemporalRuntime(): void {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN'), shutdownSignals: [] });
  } catch {
    // already installed for this test file
  }
}
