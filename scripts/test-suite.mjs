#!/usr/bin/env node
// @ts-check
// `npm test`: the whole suite, every stage run even when one before it failed, then a table of
// the stages and one closing line `Total: N passed, M failed` (test cases run by jest, the
// fault suites, schemathesis' operations and the clock matrix's jest runs; a failed type check
// or lint counts as one failure). Exits 1 if any stage failed. docs/development.md, "The suite".
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jestCounts, readTestCounts, recordTestCounts, suiteSummary } from './test-counts.mjs';

const dir = mkdtempSync(join(tmpdir(), 'relance-suite-'));
const countsFile = join(dir, 'counts.ndjson');
process.env.RELANCE_TEST_COUNTS = countsFile;

/** A jest run through its npm script, with jest's report written where the suite reads its counts. */
const jest = (name, script, ...args) => ['npm', ['run', '-s', script, '--', ...args, '--json', `--outputFile=${join(dir, `${name}.json`)}`]];
/** @type {{ name: string, command: [string, string[]], countedByJest?: boolean }[]} */
const stages = [
  { name: 'typecheck', command: ['npm', ['run', '-s', 'typecheck']] },
  { name: 'lint', command: ['npm', ['run', '-s', 'lint']] },
  { name: 'jest', command: jest('jest', 'jest', '--testPathIgnorePatterns=/test/faults/'), countedByJest: true },
  { name: 'faults', command: jest('faults', 'test:faults'), countedByJest: true },
  // fuzz and clock record their own counts (scripts/test-counts.mjs).
  { name: 'fuzz', command: ['npm', ['run', '-s', 'test:fuzz']] },
  { name: 'clock', command: ['npm', ['run', '-s', 'test:clock']] },
];

/** @type {{ name: string, ok: boolean, seconds: number }[]} */
const results = [];
try {
  for (const stage of stages) {
    process.stdout.write(`\n=== npm test: ${stage.name} ===\n`);
    const started = Date.now();
    const [cmd, args] = stage.command;
    const run = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'] });
    const ok = run.status === 0;
    if (stage.countedByJest) {
      const counts = jestCounts(join(dir, `${stage.name}.json`));
      recordTestCounts(stage.name, counts?.passed ?? 0, counts?.failed ?? 0);
    }
    results.push({ name: stage.name, ok, seconds: Math.round((Date.now() - started) / 1000) });
  }
  process.stdout.write('\nnpm test, by stage:\n');
  for (const line of suiteSummary(results, readTestCounts(countsFile))) process.stdout.write(`${line}\n`);
  process.exitCode = results.every((r) => r.ok) ? 0 : 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
