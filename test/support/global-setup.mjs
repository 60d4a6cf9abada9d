// Once per suite: find the Temporal binaries, bundle the workflows once, and
// start one Temporal dev server for the end-to-end tests.
// Plain JS on purpose: Jest loads global setup outside its ESM module mapper.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { bundleWorkflowCode } from '@temporalio/worker';
import { ensureTemporalBinaries } from '../../scripts/temporal-binaries.mjs';

// Each run has its own id, state file and databases, so two runs in one checkout never collide.
const RUN_ID = randomBytes(4).toString('hex');
const SUITE_DIR = join(process.cwd(), '.relance', 'test', RUN_ID);

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForTemporal(address, child) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`temporal dev server exited (${child.exitCode})`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      await connection.workflowService.getSystemInfo({});
      await connection.close();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`temporal dev server not ready on ${address}`);
}

export default async function globalSetup() {
  mkdirSync(SUITE_DIR, { recursive: true });
  const binaries = ensureTemporalBinaries({ root: process.cwd(), log: () => {} });
  if (!binaries.cli || !binaries.testServer) {
    throw new Error('The Temporal CLI and test server are required: run `node scripts/ensure-temporal.mjs`');
  }

  const [port, httpPort] = [await freePort(), await freePort()];
  const child = spawn(
    binaries.cli,
    ['server', 'start-dev', '--headless', '--ip', '127.0.0.1', '--port', String(port), '--http-port', String(httpPort), '--log-level', 'error'],
    { stdio: 'ignore' },
  );
  globalThis.__relanceDevServer = child;
  const temporalAddress = `127.0.0.1:${port}`;

  const workflowBundlePath = join(SUITE_DIR, 'workflow-bundle.js');
  const silent = () => {};
  const { code } = await bundleWorkflowCode({
    workflowsPath: join(process.cwd(), 'workflows', 'index.ts'),
    workflowInterceptorModules: [join(process.cwd(), 'workflows', 'log-context.interceptors.ts')],
    logger: { trace: silent, debug: silent, info: silent, log: silent, warn: console.warn, error: console.error },
  });
  writeFileSync(workflowBundlePath, code);
  await waitForTemporal(temporalAddress, child);

  // Read by test/support/suite-state.ts in the test workers, which inherit this environment.
  process.env.RELANCE_TEST_RUN = RUN_ID;
  process.env.RELANCE_SUITE_STATE = join(SUITE_DIR, 'suite-state.json');
  writeFileSync(
    process.env.RELANCE_SUITE_STATE,
    JSON.stringify({ temporalAddress, workflowBundlePath, testServerPath: binaries.testServer }, null, 2),
  );
}
