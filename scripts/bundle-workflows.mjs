// Bundles the compiled workflows once at build time, so workers start fast
// and run exactly the code that was built.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode } from '@temporalio/worker';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { code } = await bundleWorkflowCode({
  workflowsPath: join(root, 'dist', 'workflows', 'index.js'),
  // The log context (request id, invoice/dispute id) forwarded to activities: src/bootstrap/create-worker.ts.
  workflowInterceptorModules: [join(root, 'dist', 'workflows', 'log-context.interceptors.js')],
  logger: { trace() {}, debug() {}, info() {}, warn: console.warn, error: console.error, log() {} },
});
writeFileSync(join(root, 'dist', 'workflow-bundle.js'), code);
