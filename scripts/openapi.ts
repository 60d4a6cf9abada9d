// Writes openapi.json at the repository root from the code (no database, no Temporal).
//   npm run openapi            write it
//   npm run openapi -- --check fail if the committed file differs
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../src/bootstrap/project-root.js';
import { generateOpenApiDocument, serializeOpenApiDocument } from '../src/openapi/generate.js';

const target = join(projectRoot(), 'openapi.json');
const text = serializeOpenApiDocument(await generateOpenApiDocument());
if (process.argv.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(target, 'utf8');
  } catch {
    // missing: reported below
  }
  if (committed !== text) {
    process.stderr.write('openapi.json is out of date: run `npm run openapi` (and `npm run client:generate`)\n');
    process.exit(1);
  }
  process.stdout.write('openapi.json is up to date\n');
} else {
  writeFileSync(target, text);
  process.stdout.write(`wrote ${target}\n`);
}
