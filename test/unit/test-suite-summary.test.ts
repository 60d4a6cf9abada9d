// npm test's closing line is what CI reads ("N passed, M failed" alone on a line): it must add up
// every stage and never read clean over a stage that failed without a counted case.
import { describe, expect, test } from '@jest/globals';
import { suiteSummary } from '../../scripts/test-counts.mjs';

const PLAIN_CLOSING_LINE = /^(\w+: )?\d+ passed, \d+ failed$/;

describe('npm test summary', () => {
  test('adds up the counted stages into one plain closing line', () => {
    const lines = suiteSummary(
      [
        { name: 'typecheck', ok: true, seconds: 40 },
        { name: 'jest', ok: true, seconds: 600 },
        { name: 'clock', ok: true, seconds: 800 },
      ],
      [
        { stage: 'jest', passed: 1173, failed: 0 },
        { stage: 'clock', passed: 656, failed: 0 },
        { stage: 'clock', passed: 656, failed: 0 },
      ],
    );
    expect(lines.at(-1)).toBe('Total: 2485 passed, 0 failed');
    expect(lines.at(-1)).toMatch(PLAIN_CLOSING_LINE);
    expect(lines[0]).toBe('  PASS  typecheck     40 s');
    expect(lines[2]).toContain('1312 passed, 0 failed');
  });

  test('a stage that failed with nothing counted (lint, a crashed worker) still fails the total', () => {
    const lines = suiteSummary(
      [
        { name: 'lint', ok: false, seconds: 30 },
        { name: 'jest', ok: false, seconds: 600 },
        { name: 'fuzz', ok: false, seconds: 200 },
      ],
      [
        { stage: 'jest', passed: 1172, failed: 0 },
        { stage: 'fuzz', passed: 160, failed: 7 },
      ],
    );
    expect(lines[0]).toMatch(/^ {2}FAIL {2}lint/);
    expect(lines.at(-1)).toBe('Total: 1332 passed, 9 failed');
  });
});
