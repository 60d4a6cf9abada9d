/**
 * The Node lines Relance claims: package.json `engines` read by scripts/node-lines.mjs's range check,
 * and docs/operations.md's measured table ("Node versions") kept inside that range, with the image's line measured.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { satisfies } from '../../scripts/node-lines.mjs';

const root = process.cwd();
const engines = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;

/** Versions in the measured table of docs/operations.md ("| v22.23.5 | …", "| v26.12.1 (the image's line) | …"). */
function measuredVersions(): string[] {
  const doc = readFileSync(join(root, 'docs', 'operations.md'), 'utf8');
  const section = doc.slice(doc.indexOf('### Node versions'));
  return [...section.matchAll(/^\| (v\d+\.\d+\.\d+)[ |]/gm)].map((m) => m[1]!);
}

describe('Node lines', () => {
  test('the engines range check: caret, comparison and alternatives', () => {
    const range = '^20.19.0 || ^22.13.0 || >=24.11.0';
    for (const v of ['v20.19.0', 'v20.20.2', '22.13.0', 'v22.23.5', 'v24.11.0', 'v26.12.1']) expect([v, satisfies(v, range)]).toEqual([v, true]);
    for (const v of ['v18.20.8', 'v20.18.3', 'v21.7.3', 'v22.12.0', 'v23.11.1', 'v24.10.0']) expect([v, satisfies(v, range)]).toEqual([v, false]);
    expect(satisfies('v22.5.1', '>=20 <22.6')).toBe(true);
    expect(satisfies('v22.6.0', '>=20 <22.6')).toBe(false);
    expect(satisfies('v22.6.9', '~22.6.1')).toBe(true);
    expect(satisfies('v22.7.0', '~22.6.1')).toBe(false);
    expect(() => satisfies('v22.0.0', 'lts/*')).toThrow(/unsupported engines comparator/);
  });

  test('every version measured in docs/operations.md is admitted by package.json engines, and the image line was measured', () => {
    const measured = measuredVersions();
    expect(measured.length).toBeGreaterThanOrEqual(3);
    for (const v of measured) expect([v, satisfies(v, engines)]).toEqual([v, true]);
    const image = /^ARG NODE_IMAGE=node:(\d+)-/m.exec(readFileSync(join(root, 'Dockerfile'), 'utf8'))?.[1];
    expect(image).toBeDefined();
    const majors = measured.map((v) => v.slice(1).split('.')[0]);
    expect(majors).toContain(image);
    // The image runs the newest line measured.
    expect(Math.max(...majors.map(Number))).toBe(Number(image));
  });
});
