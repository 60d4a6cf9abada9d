import { readFileSync } from 'node:fs';

/** What test/support/global-setup.mjs prepared once for the whole suite. */
export interface SuiteState {
  /** A Temporal dev server shared by the end-to-end tests. */
  temporalAddress: string;
  /** Workflow bundle built once (a bundle per worker would exhaust 2 cores). */
  workflowBundlePath: string;
  /** Time-skipping test server binary. */
  testServerPath: string;
}

/** This run's id: test databases carry it so the teardown drops only its own. */
export function testRunId(): string {
  const id = process.env.RELANCE_TEST_RUN;
  if (!id) throw new Error('RELANCE_TEST_RUN is unset: run the tests through jest (global setup)');
  return id;
}

export function suiteState(): SuiteState {
  const file = process.env.RELANCE_SUITE_STATE;
  if (!file) throw new Error('RELANCE_SUITE_STATE is unset: run the tests through jest (global setup)');
  return JSON.parse(readFileSync(file, 'utf8')) as SuiteState;
}
