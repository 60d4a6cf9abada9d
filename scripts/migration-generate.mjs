#!/usr/bin/env node
// Generates a timestamped migration from the difference between the entities
// and the schema that the existing migrations build (TypeORM's schema diff),
// on a scratch database, then registers it in migrations/index.ts.
// Usage: npm run migration:generate -- AddSomething [--no-build]  (--no-build: dist/ is fresh)
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const name = process.argv[2];
if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
  console.error('usage: npm run migration:generate -- PascalCaseName');
  process.exit(2);
}
const base = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/relance';
const scratch = new URL(base);
scratch.pathname = '/relance_migration_scratch';
const admin = new URL(base);
admin.pathname = '/postgres';

if (!process.argv.includes('--no-build')) execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
const client = new pg.Client({ connectionString: admin.toString() });
await client.connect();
await client.query('DROP DATABASE IF EXISTS relance_migration_scratch');
await client.query('CREATE DATABASE relance_migration_scratch');
await client.end();

const { DataSource } = await import('typeorm');
const { dataSourceOptions } = await import(pathToFileURL(join(root, 'dist/src/database/data-source-options.js')).href);
const ds = new DataSource(dataSourceOptions(scratch.toString()));
await ds.initialize();
await ds.runMigrations();
const sql = await ds.driver.createSchemaBuilder().log();
await ds.destroy();

if (sql.upQueries.length === 0) {
  console.log('Entities and migrations agree: nothing to generate.');
  process.exit(0);
}
const quote = (q) => '`' + q.query.replace(/\\/g, '\\\\').replace(/`/g, '\\`') + '`' +
  (q.parameters?.length ? `, ${JSON.stringify(q.parameters)}` : '');
const timestamp = Date.now();
const className = `${name}${timestamp}`;
const file = `${timestamp}-${name}`;
const body = `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${sql.upQueries.map((q) => `    await queryRunner.query(${quote(q)});`).join('\n')}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${sql.downQueries.reverse().map((q) => `    await queryRunner.query(${quote(q)});`).join('\n')}
  }
}
`;
writeFileSync(join(root, 'migrations', `${file}.ts`), body);
const indexPath = join(root, 'migrations/index.ts');
const index = readFileSync(indexPath, 'utf8')
  .replace(/^(\/\/.*\n)/, `$1import { ${className} } from './${file}.js';\n`)
  .replace(/export const MIGRATIONS(:[^\n]*?)? = \[(.*)\];/s, (_, type = '', list) => {
    const items = list.split(',').map((s) => s.trim()).filter(Boolean);
    return `export const MIGRATIONS${type} = [\n${[...items, className].map((i) => `  ${i},`).join('\n')}\n];`;
  });
writeFileSync(indexPath, index);
console.log(`Generated migrations/${file}.ts (${sql.upQueries.length} statements)`);
