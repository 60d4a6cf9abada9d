#!/usr/bin/env node
// @ts-check
// Runs the clock-sensitive suites with the process clock pinned at chosen instants
// (Europe/Paris wall clock) and prints each instant with pass/fail. The Node side is
// pinned with Debian's libfaketime (LD_PRELOAD + FAKETIME, monotonic clock left real
// for libuv timers); the Temporal test server runs unfaked (libfaketime makes it spin)
// and the time-skipping harness skips it forward to the pinned instant, which is why
// every instant is the next occurrence after the real time. See docs/development.md.
//
//   node scripts/clock-matrix.mjs                 every instant, the default suites
//   node scripts/clock-matrix.mjs --only 20:40    instants whose label contains "20:40" (several: 'a|b')
//   node scripts/clock-matrix.mjs --list          print the instants only
//   node scripts/clock-matrix.mjs -- test/unit    other jest paths
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureTemporalBinaries, findProjectRoot } from './temporal-binaries.mjs';
import { jestCounts, recordTestCounts } from './test-counts.mjs';

const ZONE = 'Europe/Paris';
const DAY_MS = 86_400_000;

/**
 * The suites whose outcome could depend on the date or hour: the pure date rules (unit), the
 * time-skipping workflow tests (each starts its server at the pinned instant), and the e2e
 * suites whose date logic is the API's ("today" in a zone, future or past dates refused).
 * Left out: the replay test (recorded histories), the forecast-agreement test (it pins its own
 * starts), the ERP-outage tests (offsets of minutes), and e2e suites that wait for the Temporal
 * dev server's timers (e.g. dunning-pauses: an invoice due "3 days ago" by the pinned clock is not yet
 * due by the dev server's): that Go binary reads the real clock (libfaketime cannot reach it), so
 * pinning only the API's clock there would test a split the product never runs in.
 */
export const CLOCK_SUITES = Object.freeze([
  'test/unit/',
  'test/prediction/',
  'test/workflows/invoice-dunning\\.',
  'test/workflows/customer-communications\\.test',
  'test/workflows/scenario-execution\\.test',
  'test/workflows/dunning-activities\\.test',
  'test/workflows/credit-limit-approval\\.test',
  'test/workflows/dispute-approval\\.test',
  'test/workflows/credit-rescoring',
  'test/workflows/promise-to-pay',
  'test/workflows/payment-plan',
  'test/workflows/kpi-snapshots\\.test',
  'test/e2e/scenario-preview\\.e2e',
  'test/e2e/credit-risk\\.e2e',
  'test/e2e/credit-limit-requests\\.e2e',
]);

const LIBFAKETIME_PATHS = [
  '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1',
  '/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1',
  '/usr/lib/faketime/libfaketime.so.1',
];

const paris = new Intl.DateTimeFormat('sv-SE', {
  timeZone: ZONE, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
});
const parisWeekday = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, weekday: 'short' });
/** @param {number} ms */
const parisParts = (ms) => Object.fromEntries(paris.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
/** @param {number} ms */
const parisLabel = (ms) => { const p = parisParts(ms); return `${parisWeekday.format(new Date(ms))} ${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`; };

/**
 * The instant a Paris wall clock reads `date hh:mm` (the earlier one when the hour repeats), or null when it does not exist.
 * @param {string} date YYYY-MM-DD  @param {string} time HH:mm
 */
function parisInstant(date, time) {
  for (const offset of ['+02:00', '+01:00']) {
    const at = Date.parse(`${date}T${time}:00${offset}`);
    const p = parisParts(at);
    if (`${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}` === `${date} ${time}`) return at;
  }
  return null;
}

/** @param {number} ms */
const utcDate = (ms) => new Date(ms).toISOString().slice(0, 10);
/** @param {string} date */
const weekday = (date) => new Date(`${date}T12:00:00Z`).getUTCDay();
/** @param {string} date */
const isLastSundayOf = (date) => weekday(date) === 0 && utcDate(Date.parse(`${date}T12:00:00Z`) + 7 * DAY_MS).slice(5, 7) !== date.slice(5, 7);

/**
 * The pinned instants: each the first occurrence after `after` (the time-skipping server only moves forward).
 * @param {number} after epoch ms
 * @returns {{ label: string, at: number }[]}
 */
export function matrixInstants(after) {
  /** @type {[string, string, (date: string) => boolean][]} */
  const specs = [
    ['00:05 (still the previous day in UTC)', '00:05', () => true],
    ['08:59 (before the send hour)', '08:59', () => true],
    ['09:01 (just after the send hour)', '09:01', () => true],
    ['Wednesday 20:40 (the hour issue 9 saw fail)', '20:40', (d) => weekday(d) === 3],
    ['23:59', '23:59', () => true],
    ['Friday evening 19:30', '19:30', (d) => weekday(d) === 5],
    ['Sunday 12:00', '12:00', (d) => weekday(d) === 0],
    ['31 December 23:30 (year end)', '23:30', (d) => d.endsWith('-12-31')],
    ['last Sunday of March 01:30 (an hour before CET→CEST)', '01:30', (d) => d.slice(5, 7) === '03' && isLastSundayOf(d)],
    ['last Sunday of October 02:30 (the repeated hour, CEST→CET)', '02:30', (d) => d.slice(5, 7) === '10' && isLastSundayOf(d)],
  ];
  return specs.map(([name, time, fits]) => {
    for (let day = 0; day < 800; day++) {
      const date = utcDate(after + day * DAY_MS);
      const at = fits(date) ? parisInstant(date, time) : null;
      if (at !== null && at > after) return { label: `${name}: ${parisLabel(at)} Paris`, at };
    }
    throw new Error(`no instant found for ${name}`);
  });
}

function libfaketime() {
  return LIBFAKETIME_PATHS.find((p) => existsSync(p)) ?? null;
}

function main() {
  const args = process.argv.slice(2);
  const dashes = args.indexOf('--');
  const paths = dashes >= 0 ? args.slice(dashes + 1) : [...CLOCK_SUITES];
  const options = dashes >= 0 ? args.slice(0, dashes) : args;
  const only = options.includes('--only') ? options[options.indexOf('--only') + 1] : undefined;
  // A margin: the first run starts after the ones before it, minutes later.
  let instants = matrixInstants(Date.now() + 10 * 60_000);
  if (only) instants = instants.filter((i) => only.split('|').some((part) => i.label.includes(part)));
  if (options.includes('--list')) {
    for (const i of instants) console.log(`${new Date(i.at).toISOString()}  ${i.label}`);
    return 0;
  }
  const lib = libfaketime();
  if (!lib) {
    console.error('libfaketime is not installed: apt-get install -y faketime (as root; .ci/run does it)');
    return 2;
  }
  const root = findProjectRoot() ?? process.cwd();
  const binaries = ensureTemporalBinaries({ root, log: () => {} });
  if (!binaries.testServer) {
    console.error('The Temporal test server is missing: run `node scripts/ensure-temporal.mjs`');
    return 2;
  }
  // The test server runs on the real clock (the harness skips it forward): it must not inherit the preload.
  const dir = mkdtempSync(join(tmpdir(), 'relance-clock-'));
  const testServer = join(dir, 'temporal-test-server');
  writeFileSync(testServer, `#!/bin/sh\nexec env -u LD_PRELOAD -u FAKETIME ${JSON.stringify(binaries.testServer)} "$@"\n`);
  chmodSync(testServer, 0o755);

  /** @type {{ label: string, ok: boolean, seconds: number, passed: number, failed: number }[]} */
  const results = [];
  try {
    for (const instant of instants) {
      const faketime = `@${new Date(instant.at).toISOString().slice(0, 19).replace('T', ' ')}`;
      console.log(`\n--- clock pinned at ${instant.label} (FAKETIME="${faketime}", TZ=UTC) ---`);
      const started = Date.now();
      const report = join(dir, `instant-${results.length}.json`);
      const run = spawnSync('npx', ['jest', '--maxWorkers=2', '--json', `--outputFile=${report}`, ...paths], {
        cwd: root,
        stdio: ['ignore', 'inherit', 'inherit'],
        env: {
          ...process.env,
          NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules`.trim(),
          TZ: 'UTC',
          LD_PRELOAD: [lib, process.env.LD_PRELOAD].filter(Boolean).join(' '),
          FAKETIME: faketime,
          // libuv timers and Jest's timeouts need the real monotonic clock.
          DONT_FAKE_MONOTONIC: '1',
          FAKETIME_DONT_RESET: '1',
          TEMPORAL_TEST_SERVER_PATH: testServer,
        },
      });
      const counts = jestCounts(report) ?? { passed: 0, failed: 1 };
      results.push({ label: instant.label, ok: run.status === 0, seconds: Math.round((Date.now() - started) / 1000), ...counts });
      console.log(`--- ${run.status === 0 ? 'PASS' : 'FAIL'} at ${instant.label} ---`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log('\nClock matrix (Europe/Paris wall clock):');
  for (const r of results) console.log(`  ${r.ok ? 'PASS' : 'FAIL'}  ${r.label}  (${r.seconds} s, ${r.passed} tests passed, ${r.failed} failed)`);
  const failed = results.filter((r) => !r.ok).length;
  recordTestCounts('clock', results.reduce((n, r) => n + r.passed, 0), results.reduce((n, r) => n + r.failed, 0));
  console.log(failed ? `${failed} of ${results.length} instants failed` : `all ${results.length} instants passed`);
  return failed ? 1 : 0;
}

// Run only as a script: importing the module (for its instants or suites) starts nothing.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) process.exitCode = main();
