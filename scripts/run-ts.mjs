// Runs a TypeScript entry point (a CLI or a benchmark) without a manual build.
//
//   node scripts/run-ts.mjs <entry.ts> [args…]
//
// The entry and the project files it imports through relative specifiers (`./x.js` → `./x.ts`)
// are transpiled one by one with TypeScript's transpileModule into dist/run-ts/, keeping the
// tree, only when a source is newer than its output. No type checking here (`npm test` does
// that); a fresh run costs well under a second, a cached one nothing. TypeScript is loaded
// only when something is stale.
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outRoot = join(root, 'dist', 'run-ts');

const [entryArg, ...args] = process.argv.slice(2);
if (!entryArg || !entryArg.endsWith('.ts')) {
  process.stderr.write('usage: node scripts/run-ts.mjs <entry.ts> [args…]\n');
  process.exit(2);
}

let ts;
async function typescript() {
  ts ??= (await import('typescript')).default;
  return ts;
}

const relativeImport = /(?:from\s+|import\s*\(\s*|import\s+)['"](\.{1,2}\/[^'"]+)\.js['"]/g;

async function build(source, seen) {
  if (seen.has(source)) return;
  seen.add(source);
  const rel = relative(root, source);
  if (rel.startsWith('..')) throw new Error(`${source} is outside the project`);
  const out = join(outRoot, rel.replace(/\.ts$/, '.js'));
  const code = readFileSync(source, 'utf8');
  if (!existsSync(out) || statSync(out).mtimeMs < statSync(source).mtimeMs) {
    const t = await typescript();
    const { outputText } = t.transpileModule(code, {
      fileName: source,
      compilerOptions: {
        target: t.ScriptTarget.ES2022,
        module: t.ModuleKind.ESNext,
        experimentalDecorators: true,
        emitDecoratorMetadata: true,
        verbatimModuleSyntax: false,
      },
    });
    mkdirSync(dirname(out), { recursive: true });
    // Write then rename, so that a concurrent run never imports a half-written file.
    const tmp = `${out}.${process.pid}.tmp`;
    writeFileSync(tmp, outputText);
    renameSync(tmp, out);
  }
  for (const [, spec] of code.matchAll(relativeImport)) {
    const dep = resolve(dirname(source), `${spec}.ts`);
    if (existsSync(dep)) await build(dep, seen);
  }
}

const entry = resolve(process.cwd(), entryArg);
if (!existsSync(entry)) {
  process.stderr.write(`run-ts: no such file ${entryArg}\n`);
  process.exit(2);
}
await build(entry, new Set());
process.argv = [process.argv[0], entry, ...args];
await import(pathToFileURL(join(outRoot, relative(root, entry).replace(/\.ts$/, '.js'))).href);
