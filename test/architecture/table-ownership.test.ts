// Each capability under src/ owns its tables: no other module imports its entities or names its
// tables in SQL; they go through the owner's exported service (docs/api-conventions.md, "Ownership").
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const src = path.join(root, 'src');
/** Composition roots: they list every entity for TypeORM and wire the modules together. */
const COMPOSITION_ROOTS = new Set(['database', 'bootstrap']);

interface SourceFile {
  /** Path relative to src/, e.g. `credit/order-check.service.ts`. */
  path: string;
  text: string;
}

const moduleOf = (file: string) => file.split('/')[0]!;
const isEntityFile = (file: string) => /\.entit(y|ies)\.ts$/.test(file);
/** Comments may name tables freely. */
const withoutComments = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

/** Every `file → what` where a module reaches into another module's tables. */
export function crossModuleAccesses(files: readonly SourceFile[]): string[] {
  const tableOwner = new Map<string, string>();
  for (const f of files.filter((file) => isEntityFile(file.path))) {
    for (const m of f.text.matchAll(/@Entity\(\{\s*name:\s*'(\w+)'/g)) tableOwner.set(m[1]!, moduleOf(f.path));
  }
  const found: string[] = [];
  for (const f of files) {
    const mod = moduleOf(f.path);
    if (COMPOSITION_ROOTS.has(mod)) continue;
    const code = withoutComments(f.text);
    for (const m of code.matchAll(/from\s+'(\.{1,2}\/[^']+)'/g)) {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(f.path), m[1]!)).replace(/\.js$/, '.ts');
      // An entity's relation to another module's entity is a foreign key in the schema, not a read.
      if (isEntityFile(target) && moduleOf(target) !== mod && !isEntityFile(f.path)) found.push(`${f.path} → entity ${target}`);
    }
    for (const [table, owner] of tableOwner) {
      if (owner === mod) continue;
      const sql = new RegExp(`\\b(FROM|JOIN|INTO|UPDATE|TABLE)\\s+(ONLY\\s+)?"?(public\\.)?${table}"?(?![\\w.])`, 'i');
      // A table name held in a string (`table = 'disputes'`, `to_regclass('public.disputes')`) counts too.
      const literal = new RegExp(`['"\`](public\\.)?${table}['"\`]`);
      if (sql.test(code) || literal.test(code)) found.push(`${f.path} → table ${table} (${owner})`);
    }
  }
  return found.sort();
}

function sources(): SourceFile[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
  return walk(src)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => ({ path: path.relative(src, f).split(path.sep).join('/'), text: readFileSync(f, 'utf8') }));
}

describe('module table ownership', () => {
  const found = crossModuleAccesses(sources());

  it('no module reaches into another module’s tables', () => {
    expect(found).toEqual([]);
  });

  it('disputes’ tables are read by the disputes module only', () => {
    expect(found.filter((f) => /\(disputes\)$|→ entity disputes\//.test(f))).toEqual([]);
  });

  it('reports an entity import and table names in SQL from another module', () => {
    const files: SourceFile[] = [
      { path: 'disputes/dispute.entity.ts', text: `@Entity({ name: 'disputes' })\nexport class Dispute {}` },
      { path: 'invoices/invoice.entity.ts', text: `@Entity({ name: 'invoices' })\nexport class Invoice {}` },
      { path: 'credit/a.ts', text: `import { Dispute } from '../disputes/dispute.entity.js';` },
      { path: 'credit/b.ts', text: 'q(`SELECT 1 FROM disputes d WHERE x`);' },
      { path: 'credit/c.ts', text: "q('UPDATE \"invoices\" SET status = 1');" },
      { path: 'credit/d.ts', text: 'q(`SELECT * FROM a JOIN public.invoices i ON true`);' },
      { path: 'credit/h.ts', text: "constructor(private readonly table = 'disputes') {}" },
      // Not accesses: a comment, a module's own table, a longer name, the composition root.
      { path: 'credit/e.ts', text: '// reads from disputes\nq(`SELECT 1 FROM invoices_archive`);' },
      { path: 'disputes/f.ts', text: 'q(`SELECT 1 FROM disputes`);' },
      { path: 'database/entities.ts', text: `import { Dispute } from '../disputes/dispute.entity.js';` },
      { path: 'credit/g.entity.ts', text: `import { Invoice } from '../invoices/invoice.entity.js';` },
    ];
    expect(crossModuleAccesses(files)).toEqual([
      'credit/a.ts → entity disputes/dispute.entity.ts',
      'credit/b.ts → table disputes (disputes)',
      'credit/c.ts → table invoices (invoices)',
      'credit/d.ts → table invoices (invoices)',
      'credit/h.ts → table disputes (disputes)',
    ]);
  });
});
