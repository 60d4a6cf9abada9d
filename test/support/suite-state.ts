import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** What test/support/global-setup.mjs prepared once for the whole suite. */
export interface SuiteState {
  /** A Temporal dev server shared by the end-to-end tests. */
  temporalAddress: string;
  /** Workflow bundle built once (a bundle per worker would exhaust 2 cores). */
  workflowBundlePath: string;
  /** Time-skipping test server binary. */
  testServerPath: string;
}

export const SUITE_DIR = join(process.cwd(), '.relance', 'test');

export function suiteState(): SuiteState {
  return JSON.parse(readFileSync(join(SUITE_DIR, 'suite-state.json'), 'utf8')) as SuiteState;
}
