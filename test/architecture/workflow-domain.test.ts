// workflows/ holds only deterministic code that workflows import (DEVELOPERS.md, "Style"): a pure rule
// only the API or the activities use lives next to its capability (src/<capability>/ or activities/).
import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const workflows = path.join(root, 'workflows');

/** Relative imports of a TypeScript file, as the files they name (`./x.js` → `/abs/x.ts`). */
function localImports(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return importedFiles
    .map((i) => i.fileName)
    .filter((name) => name.startsWith('.'))
    .map((name) => path.resolve(path.dirname(file), name).replace(/\.js$/, '.ts'))
    .filter((target) => existsSync(target));
}

/** Every file reachable from the workflow entry points (workflows/*.ts) through relative imports. */
function reachableFromWorkflows(): Set<string> {
  const seen = new Set<string>();
  const queue = readdirSync(workflows).filter((f) => f.endsWith('.ts')).map((f) => path.join(workflows, f));
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    queue.push(...localImports(file).filter((target) => target.startsWith(workflows + path.sep)));
  }
  return seen;
}

describe('workflows/domain', () => {
  it('holds only modules a workflow imports (directly or through another domain module)', () => {
    const reachable = reachableFromWorkflows();
    const domain = readdirSync(path.join(workflows, 'domain')).filter((f) => f.endsWith('.ts'));
    expect(domain.length).toBeGreaterThan(5);
    expect(domain.filter((f) => !reachable.has(path.join(workflows, 'domain', f)))).toEqual([]);
  });

  it('finds imports the way the bundler resolves them', () => {
    const imports = localImports(path.join(workflows, 'invoice-dunning.workflow.ts'));
    expect(imports).toContain(path.join(workflows, 'domain', 'dunning-schedule.ts'));
  });
});
