// `npm run test:fuzz`: schemathesis against the live API, from its own /openapi.json.
// Starts everything it needs and stops it after: a fresh migrated database, a Temporal dev
// server on free ports, the worker and the API with a generated operator key (every role).
// Every operation of the document, with stateful links (create → read → update).
// Fails on any 5xx, undocumented status, response off its schema, schema-invalid request
// accepted, route answering without a token, or refused request (status ≥ 400) that
// committed a database write (test/support/refused-write-tracker.ts). A step of `npm test`.
// FUZZ_MAX_EXAMPLES (default 5) and FUZZ_MAX_TIME seconds (default 180) keep it CI-sized;
// FUZZ_SEED replays a run. Settings schemathesis reads: test/fuzz/schemathesis.toml.
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { createApiApp } from '../src/bootstrap/create-api.js';
import { startWorker } from '../src/bootstrap/create-worker.js';
import { startDevTemporal } from '../src/bootstrap/dev-temporal.js';
import { projectRoot } from '../src/bootstrap/project-root.js';
import { loadConfig } from '../src/config/app-config.js';
import { createTestDatabase } from '../test/support/database.js';
import { freePort } from '../test/support/free-port.js';
import { quietTemporalRuntime } from '../test/support/quiet-runtime.js';
import { trackRefusedWrites } from '../test/support/refused-write-tracker.js';

const CHECKS = [
  'not_a_server_error', 'status_code_conformance', 'content_type_conformance', 'response_schema_conformance',
  'response_headers_conformance', 'negative_data_rejection', 'ignored_auth',
];

const log = (line: string) => process.stdout.write(`fuzz: ${line}\n`);
/**
 * schemathesis frames its sections as pytest does and closes on "=== 3 warnings in 180.01s ===",
 * which CI reads as pytest's verdict (a run of no test): its banners are passed on unframed and
 * its closing figures reworded, so the only closing line is the one `npm test` prints.
 */
const withoutPytestBanner = (line: string) => {
  const banner = /^=+ (.+?) =+$/.exec(line);
  return banner ? `schemathesis: ${banner[1].replace(/ in (\d+(?:\.\d+)?s)$/, ' (took $1)')}` : line;
};
const runId = `fuzz${randomBytes(3).toString('hex')}`;
process.env.RELANCE_TEST_RUN = runId;
const dataDir = join('.relance', 'fuzz', runId);
const reportDir = join(projectRoot(), '.relance', 'fuzz', 'report');
mkdirSync(reportDir, { recursive: true });

// Plain .mjs (also runnable alone); loaded from the tree since run-ts compiles only TypeScript.
const { ensureSchemathesis } = (await import(pathToFileURL(join(projectRoot(), 'scripts', 'ensure-schemathesis.mjs')).href)) as { ensureSchemathesis: () => string };
const cli = ensureSchemathesis();
const db = await createTestDatabase();
const [apiPort, temporalPort, uiPort] = [await freePort(), await freePort(), await freePort()];
const key = `fuzz-${randomBytes(16).toString('hex')}`;
const config = loadConfig({
  DATABASE_URL: db.url,
  TEMPORAL_DEV_PORT: String(temporalPort),
  TEMPORAL_UI_PORT: String(uiPort),
  TEMPORAL_TASK_QUEUE: `relance-${runId}`,
  RELANCE_DATA_DIR: dataDir,
  RELANCE_DEV_API_KEY: key,
  RELANCE_SENDING_WINDOW: 'off',
  // Public pages (sign-in, decision links) are rate limited per address; the fuzzer is one address.
  RELANCE_PUBLIC_RATE_LIMIT: '100000',
  LOG_LEVEL: process.env.FUZZ_LOG_LEVEL ?? 'error',
});
log('starting Temporal, the worker and the API…');
if (!process.env.FUZZ_LOG_LEVEL) quietTemporalRuntime();
const temporal = await startDevTemporal(config, () => undefined);
config.TEMPORAL_ADDRESS = temporal.address;
const quiet = process.env.FUZZ_LOG_LEVEL ? {} : { logger: false as const };
const worker = await startWorker(config, quiet);
const api = await createApiApp(config, [key], quiet);
const writes = trackRefusedWrites(api);
await api.listen(apiPort, '127.0.0.1');
const base = `http://127.0.0.1:${apiPort}`;
log(`API on ${base}; running schemathesis`);

const args = [
  '--config-file', join(projectRoot(), 'test', 'fuzz', 'schemathesis.toml'),
  'run', `${base}/openapi.json`,
  '--header', `Authorization: Bearer ${key}`,
  '--checks', CHECKS.join(','),
  '--phases', 'examples,coverage,fuzzing,stateful',
  '--max-examples', process.env.FUZZ_MAX_EXAMPLES ?? '5',
  '--max-time', process.env.FUZZ_MAX_TIME ?? '180',
  '--workers', '1',
  '--request-timeout', '20',
  '--generation-database', 'none',
  '--report', 'junit,ndjson',
  '--report-junit-path', join(reportDir, 'junit.xml'),
  '--report-ndjson-path', join(reportDir, 'events.ndjson'),
  '--no-color',
  ...(process.env.FUZZ_SEED ? ['--seed', process.env.FUZZ_SEED] : []),
];
const started = Date.now();
const code = await new Promise<number>((resolve) => {
  // Run from .relance/fuzz: schemathesis keeps its crash cache (.schemathesis/) in its working directory.
  const child = spawn(cli, args, {
    stdio: ['ignore', 'pipe', 'inherit'], cwd: join(projectRoot(), '.relance', 'fuzz'),
    env: { ...process.env, SCHEMATHESIS_HOOKS: 'hooks', PYTHONPATH: join(projectRoot(), 'test', 'fuzz') },
  });
  createInterface({ input: child.stdout }).on('line', (line) => process.stdout.write(`${withoutPytestBanner(line)}\n`));
  child.once('close', (c) => resolve(c ?? 1));
});
log(`schemathesis finished in ${Math.round((Date.now() - started) / 1000)} s with exit code ${code}; reports in ${reportDir}`);
let operations = { passed: 0, failed: 0 };
try {
  const junit = readFileSync(join(reportDir, 'junit.xml'), 'utf8');
  const suite = /<testsuite\b[^>]*>/.exec(junit)?.[0] ?? '';
  const attr = (name: string) => new RegExp(`\\b${name}="(\\d+)"`).exec(suite)?.[1] ?? '?';
  log(`operations: ${attr('tests')}, failing: ${attr('failures')}, errors: ${attr('errors')}, skipped: ${attr('skipped')}`);
  const count = (name: string) => Number(attr(name)) || 0;
  operations = { passed: count('tests') - count('failures') - count('errors') - count('skipped'), failed: count('failures') + count('errors') };
} catch {
  // no report: schemathesis' own summary above says why
}
log(`requests answered: ${writes.requests()}; refused requests that wrote to the database: ${writes.refused.length}`);
for (const w of writes.refused.slice(0, 20)) log(`  ${w.status} ${w.method} ${w.url}\n      ${w.statements.join('\n      ')}`);
const failed = code !== 0 || writes.refused.length > 0;
log(failed ? 'FAILED' : 'passed');
// For `npm test`'s total: each operation is a case; refused requests that wrote fail one more.
const { recordTestCounts } = (await import(pathToFileURL(join(projectRoot(), 'scripts', 'test-counts.mjs')).href)) as {
  recordTestCounts: (stage: string, passed: number, failed: number) => void;
};
const failures = operations.failed + (writes.refused.length > 0 ? 1 : 0);
recordTestCounts('fuzz', operations.passed, failed ? Math.max(failures, 1) : failures);

await api.close();
await worker.shutdown();
await temporal.stop();
await db.drop();
rmSync(join(projectRoot(), dataDir), { recursive: true, force: true });
process.exit(failed ? 1 : 0);
