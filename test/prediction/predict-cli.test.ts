// The predict command end to end, as a child process on the fixture CSVs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from '@jest/globals';

const root = process.cwd();
const fixtures = join(root, 'test', 'fixtures');
const work = mkdtempSync(join(tmpdir(), 'relance-predict-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function predict(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('npm', ['run', '-s', 'predict', '--', ...args], { cwd: root, encoding: 'utf8', timeout: 30_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const history = join(fixtures, 'prediction-history.csv');

describe('npm run -s predict', () => {
  test('writes one row per invoice with the expected header and values, nothing on stdout', () => {
    const out = join(work, 'open.csv');
    const r = predict('--history', history, '--invoices', join(fixtures, 'prediction-invoices-open.csv'), '--out', out);
    expect(r.stderr).not.toMatch(/predict:/);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('invoiceNumber,predictedDaysToSettle,predictedLate');
    expect(lines).toHaveLength(5);
    // 1111-LATE always pays in 40 days (10 late), 2222-FAST in 20, 3333-MID in about 25;
    // 4444-NEW is unknown and gets the global estimate (the history's median, 25).
    expect(lines.slice(1)).toEqual(['0009100000,40,true', '0009100001,20,false', '0009100002,25,false', '0009100003,25,false']);
  });

  test('leakage guard: the same output whether the invoices file carries outcomes or not', () => {
    const withOutcomes = join(work, 'with.csv');
    const without = join(work, 'without.csv');
    expect(predict('--history', history, '--invoices', join(fixtures, 'prediction-invoices.csv'), '--out', withOutcomes).status).toBe(0);
    expect(predict('--history', history, '--invoices', join(fixtures, 'prediction-invoices-open.csv'), '--out', without).status).toBe(0);
    expect(readFileSync(withOutcomes, 'utf8')).toBe(readFileSync(without, 'utf8'));
  });

  test('a missing file exits non-zero with a clear message', () => {
    const r = predict('--history', join(work, 'nope.csv'), '--invoices', join(fixtures, 'prediction-invoices-open.csv'), '--out', join(work, 'x.csv'));
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`predict: cannot read history file ${join(work, 'nope.csv')}: no such file`);
  });

  test('bad arguments exit 2 with the usage', () => {
    const r = predict('--history', history, '--out');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('predict: --out needs a file path');
    expect(r.stderr).toContain('usage: npm run -s predict -- --history H.csv --invoices I.csv --out O.csv');
  });
});
