// The console's catalogues: every message exists in French and English, and every id the code uses exists.
import { describe, expect, test } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const web = path.join(root, 'web/src');
const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
const files = walk(web);
const catalogue = (language: string) =>
  Object.assign({}, ...files.filter((f) => f.endsWith(`/messages/${language}.json`)).map((f) => JSON.parse(readFileSync(f, 'utf8')))) as Record<string, string>;

describe('console messages', () => {
  const fr = catalogue('fr');
  const en = catalogue('en');

  test('French and English have the same keys, each prefixed by its capability folder', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
    for (const file of files.filter((f) => /\/messages\/(fr|en)\.json$/.test(f))) {
      const capability = path.basename(path.dirname(path.dirname(file)));
      for (const key of Object.keys(JSON.parse(readFileSync(file, 'utf8')))) expect(key.startsWith(`${capability}.`)).toBe(true);
    }
  });

  test('every literal message id in the code exists', () => {
    const used = new Set<string>();
    const capabilities = [...new Set(files.filter((f) => /\/messages\/fr\.json$/.test(f)).map((f) => path.basename(path.dirname(path.dirname(f)))))];
    const ids = `(?:${capabilities.join('|')})\\.[a-zA-Z_.]+`;
    for (const file of files.filter((f) => f.endsWith('.tsx') || f.endsWith('.ts'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(new RegExp(`id[:=]\\s*["'\`](${ids})["'\`]`, 'g'))) used.add(m[1]!);
      for (const m of readFileSync(file, 'utf8').matchAll(new RegExp(`label: '(${ids})'`, 'g'))) used.add(m[1]!);
      for (const m of readFileSync(file, 'utf8').matchAll(/'((?:session)\.link\.[a-z]+)'/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(20);
    expect([...used].filter((id) => !(id in fr))).toEqual([]);
  });

  // Reasons the API gives as a code (an enum of the OpenAPI document) with params: the console writes each from these messages.
  const CODED_REASONS: [schema: string, codeProperty: string, messagePrefix: string][] = [
    ['WorklistScoreReasonResponse', 'code', 'workspace.reason.code.'],
    ['ScoreReasonResponse', 'code', 'customers.reason.'],
    ['CashReasonResponse', 'code', 'cash.why.'],
    ['PredictionAdjustmentResponse', 'factor', 'invoices.prediction.factor.'],
    ['TimelineEntryResponse', 'code', 'customers.timeline.code.'],
    ['TaskResponse', 'titleCode', 'workspace.taskTitle.'],
    ['WorklistTaskResponse', 'titleCode', 'workspace.taskTitle.'],
    ['ImportFailureResponse', 'code', 'admin.imports.failure.'],
  ];

  test.each(CODED_REASONS)('every %s.%s of the OpenAPI document has a French and an English message', (schema, property, prefix) => {
    const document = JSON.parse(readFileSync(path.join(root, 'openapi.json'), 'utf8')) as {
      components: { schemas: Record<string, { properties: Record<string, { enum?: (string | null)[] }> }> };
    };
    // A nullable code's enum lists null: nothing to write then (the English text shows).
    const codes = (document.components.schemas[schema]?.properties[property]?.enum ?? []).filter((code) => code !== null);
    expect(codes.length).toBeGreaterThan(3);
    expect(codes.filter((code) => !(`${prefix}${code}` in fr))).toEqual([]);
    expect(codes.filter((code) => !(`${prefix}${code}` in en))).toEqual([]);
  });

  test('every code of a refused import file\'s row errors (POST /api/v1/imports, 422) has a French and an English message', () => {
    const document = JSON.parse(readFileSync(path.join(root, 'openapi.json'), 'utf8')) as {
      paths: Record<string, Record<string, { responses: Record<string, { content: Record<string, { schema: {
        properties: { errors: { items: { properties: { code: { enum: string[] } } } } };
      } }> }> }>>;
    };
    const rejected = document.paths['/api/v1/imports']!.post!.responses['422']!.content['application/json']!.schema;
    const codes = rejected.properties.errors.items.properties.code.enum;
    expect(codes.length).toBeGreaterThan(3);
    expect(codes.filter((code) => !(`admin.imports.error.${code}` in fr))).toEqual([]);
    expect(codes.filter((code) => !(`admin.imports.error.${code}` in en))).toEqual([]);
  });
});
