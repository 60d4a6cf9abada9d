// @ts-check
// How the stages of `npm test` (scripts/test-suite.mjs) report what they ran: each stage that
// runs test cases appends one JSON line to the file named by RELANCE_TEST_COUNTS, and the suite
// adds them up into its closing line. A stage run on its own (no variable) records nothing.
import { appendFileSync, existsSync, readFileSync } from 'node:fs';

/**
 * @param {string} stage
 * @param {number} passed
 * @param {number} failed
 */
export function recordTestCounts(stage, passed, failed) {
  const file = process.env.RELANCE_TEST_COUNTS;
  if (file) appendFileSync(file, `${JSON.stringify({ stage, passed, failed })}\n`);
}

/**
 * Passed and failed tests from jest's `--json --outputFile` report; a suite that could not run
 * (a syntax error, a crash before its first test) counts as one failure.
 * @param {string} file
 * @returns {{ passed: number, failed: number } | null}
 */
export function jestCounts(file) {
  if (!existsSync(file)) return null;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  return { passed: report.numPassedTests, failed: report.numFailedTests + report.numRuntimeErrorTestSuites };
}

/**
 * @param {string} file
 * @returns {{ stage: string, passed: number, failed: number }[]}
 */
export function readTestCounts(file) {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
}

/**
 * The suite's closing lines: one per stage, then `Total: N passed, M failed`, the plain closing
 * line CI reads. A stage that failed with no failed case counted (a type error, a lint finding,
 * a crashed jest worker) adds one failure, so the total never reads clean over a failed stage.
 * @param {{ name: string, ok: boolean, seconds: number }[]} stages
 * @param {{ stage: string, passed: number, failed: number }[]} counts
 * @returns {string[]}
 */
export function suiteSummary(stages, counts) {
  const sum = (/** @type {string} */ stage, /** @type {'passed' | 'failed'} */ key) =>
    counts.filter((c) => c.stage === stage).reduce((n, c) => n + c[key], 0);
  const lines = stages.map((s) => {
    const counted = counts.some((c) => c.stage === s.name);
    const figures = counted ? `${sum(s.name, 'passed')} passed, ${sum(s.name, 'failed')} failed` : '';
    return `  ${s.ok ? 'PASS' : 'FAIL'}  ${s.name.padEnd(9)}  ${String(s.seconds).padStart(5)} s  ${figures}`.trimEnd();
  });
  const uncounted = stages.filter((s) => !s.ok && sum(s.name, 'failed') === 0).length;
  const passed = counts.reduce((n, c) => n + c.passed, 0);
  const failed = counts.reduce((n, c) => n + c.failed, 0) + uncounted;
  return [...lines, `Total: ${passed} passed, ${failed} failed`];
}
