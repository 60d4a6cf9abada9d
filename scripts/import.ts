// Initial load from a terminal (run through scripts/run-ts.mjs, see `npm run import`):
//
//   npm run -s import -- FILE [--url http://localhost:3000] [--token TOKEN]
//
// Sends FILE (.csv, or .jsonl/.ndjson) to POST /api/v1/imports, prints the row errors of a refused
// file (exit 1), else follows GET /api/v1/imports/:id with a progress bar until the load completes.
// The token: --token, RELANCE_API_TOKEN, else the development key in .relance/dev-api-key.
import { existsSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { SingleBar } from 'cli-progress';
import { projectRoot } from '../src/bootstrap/project-root.js';
import type { RowError } from '../src/imports/import-file.js';
import type { ImportView } from '../src/imports/import.view.js';

const usage = 'usage: npm run -s import -- FILE [--url http://localhost:3000] [--token TOKEN]';
const POLL_MS = 1000;

class UsageError extends Error {}

function parseArgs(argv: readonly string[]): { file: string; url: string; token: string } {
  let file: string | undefined;
  const options = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--url' || arg === '--token') {
      const value = argv[++i];
      if (!value) throw new UsageError(`${arg} needs a value`);
      options.set(arg, value);
    } else if (arg.startsWith('--')) {
      throw new UsageError(`unknown option ${arg}`);
    } else if (file) {
      throw new UsageError('one file at a time');
    } else {
      file = arg;
    }
  }
  if (!file) throw new UsageError('which file?');
  const url = (options.get('--url') ?? process.env.RELANCE_API_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/+$/, '');
  const devKey = join(projectRoot(), process.env.RELANCE_DATA_DIR ?? '.relance', 'dev-api-key');
  const token = options.get('--token') ?? process.env.RELANCE_API_TOKEN ?? process.env.RELANCE_DEV_API_KEY
    ?? (existsSync(devKey) ? readFileSync(devKey, 'utf8').trim() : undefined);
  if (!token) throw new UsageError('no token: pass --token, set RELANCE_API_TOKEN, or start the platform once (it writes .relance/dev-api-key)');
  return { file, url, token };
}

function contentTypeOf(file: string): string {
  const ext = extname(file).toLowerCase();
  if (ext === '.csv') return 'text/csv';
  if (ext === '.jsonl' || ext === '.ndjson') return 'application/x-ndjson';
  throw new UsageError(`${file}: the file name must end in .csv, .jsonl or .ndjson`);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<number> {
  const { file, url, token } = parseArgs(process.argv.slice(2));
  const headers = { authorization: `Bearer ${token}` };
  const sent = await fetch(`${url}/api/v1/imports?name=${encodeURIComponent(basename(file))}`, {
    method: 'POST', headers: { ...headers, 'content-type': contentTypeOf(file) }, body: readFileSync(file),
  });
  const answer = (await sent.json()) as ImportView & { code?: string; message?: string; errorCount?: number; errors?: RowError[] };
  if (sent.status === 422 && answer.code === 'IMPORT_REJECTED') {
    process.stderr.write(`${file}: refused, nothing was imported — ${answer.errorCount} error(s):\n`);
    for (const e of answer.errors ?? []) process.stderr.write(`  row ${e.row}  ${e.field}: ${e.message}\n`);
    if ((answer.errorCount ?? 0) > (answer.errors?.length ?? 0)) process.stderr.write(`  … and ${(answer.errorCount ?? 0) - (answer.errors?.length ?? 0)} more\n`);
    return 1;
  }
  if (sent.status !== 202 && sent.status !== 200) {
    process.stderr.write(`${file}: ${sent.status} ${answer.code ?? ''} ${answer.message ?? ''}\n`);
    return 1;
  }
  process.stdout.write(sent.status === 200 ? `${file} was already imported (import ${answer.id})\n` : `${file} accepted: import ${answer.id}, ${answer.rows.total} rows\n`);

  const bar = new SingleBar({
    format: 'loading [{bar}] {percentage}% | {value}/{total} rows | {failed} failed | {rate} rows/s | ETA {eta_s}{hint}',
    hideCursor: true,
  });
  const payload = (v: ImportView, hint = '') => ({
    failed: v.rows.failed, rate: v.ratePerSecond ?? '–', eta_s: v.etaSeconds === null ? '–' : `${v.etaSeconds}s`, hint,
  });
  let view: ImportView = answer;
  bar.start(view.rows.total, view.rows.done + view.rows.failed, payload(view));
  while (view.status !== 'completed') {
    await sleep(POLL_MS);
    const res = await fetch(`${url}/api/v1/imports/${answer.id}`, { headers });
    if (!res.ok) continue;
    view = (await res.json()) as ImportView;
    const hint = res.headers.get('retry-after') ? ' | Temporal is behind: slowing down' : '';
    bar.update(view.rows.done + view.rows.failed, payload(view, hint));
  }
  bar.stop();
  process.stdout.write(`done: ${view.rows.done} loaded, ${view.rows.failed} failed${view.ratePerSecond ? ` at ${view.ratePerSecond} rows/s` : ''}\n`);
  for (const f of view.failures) process.stdout.write(`  row ${f.row}: ${f.message}\n`);
  return view.rows.failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof UsageError ? `${err.message}\n${usage}` : String(err)}\n`);
    process.exit(err instanceof UsageError ? 2 : 1);
  },
);
