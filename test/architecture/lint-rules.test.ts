// Guards eslint.config.js: the Temporal sandbox rules for workflows/ and the cycle rule
// must keep reporting what they exist to catch.
import { describe, expect, it } from '@jest/globals';
import { ESLint } from 'eslint';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import tseslint from 'typescript-eslint';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// A virtual file: lintText never writes it, and the config for workflows/** applies to it.
const probe = 'workflows/__lint_probe__.ts';
const workflowFile = path.join(root, probe);
const eslint = new ESLint({
  cwd: root,
  ignore: false, // the fixtures are ignored by `eslint .`; lint them here
  // The TS project service only knows files on disk: parse the probe without type info.
  overrideConfig: { files: [probe], ...tseslint.configs.disableTypeChecked },
});

async function ruleIds(code: string, filePath = workflowFile): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

describe('workflow sandbox lint rules', () => {
  it.each([
    ['a node: built-in', `import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n`],
    ['a bare built-in', `import { join } from 'path';\nexport const f = join;\n`],
    ['NestJS', `import { Injectable } from '@nestjs/common';\nexport const f = Injectable;\n`],
    ['TypeORM', `import { DataSource } from 'typeorm';\nexport const f = DataSource;\n`],
    ['a value import from src/', `import { loadConfig } from '../src/config/app-config.js';\nexport const f = loadConfig;\n`],
    ['a value import from activities/', `import { x } from '../activities/index.js';\nexport const f = x;\n`],
  ])('reports %s', async (_what, code) => {
    expect(await ruleIds(code)).toContain('@typescript-eslint/no-restricted-imports');
  });

  it('allows type-only imports from src/', async () => {
    const code = `import type { AppConfig } from '../src/config/app-config.js';\nexport type Port = AppConfig['PORT'];\n`;
    expect(await ruleIds(code)).toEqual([]);
  });

  it('allows @temporalio/workflow', async () => {
    const code = `import { sleep } from '@temporalio/workflow';\nexport async function wf(): Promise<void> {\n  await sleep(1);\n}\n`;
    expect(await ruleIds(code)).toEqual([]);
  });
});

describe('project-wide lint rules', () => {
  it('reports an import cycle', async () => {
    const results = await eslint.lintFiles([path.join(root, 'test/architecture/fixtures/cycle-*.ts')]);
    expect(results).toHaveLength(2);
    for (const result of results) {
      expect(result.messages.map((m) => m.ruleId)).toContain('import-x/no-cycle');
    }
  });
});
