#!/usr/bin/env node
// Container health checks (docker-compose.yml), with nothing but Node in the image:
//   node scripts/healthcheck.mjs api     → GET /health answers 200 (PostgreSQL and Temporal answer the API)
//   node scripts/healthcheck.mjs worker  → the worker's Prometheus endpoint shows a started Temporal worker
//                                          with workflow-task pollers (it is polling its task queue)
// Exit 0 when healthy, 1 otherwise, with the reason on stderr (`docker inspect` shows it).
const TIMEOUT_MS = 4000;

async function get(url) {
  const response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  return { status: response.status, text: await response.text() };
}

/** Sum of a metric's samples whose labels include `labels` (Prometheus text format, one sample a line). */
export function metricSum(text, name, labels = {}) {
  let sum = 0;
  let found = false;
  for (const line of text.split('\n')) {
    const match = new RegExp(`^${name}(?:\\{([^}]*)\\})? (\\S+)`).exec(line);
    if (!match) continue;
    const labelText = match[1] ?? '';
    if (!Object.entries(labels).every(([k, v]) => labelText.includes(`${k}="${v}"`))) continue;
    found = true;
    sum += Number(match[2]);
  }
  return found ? sum : null;
}

export async function check(kind, env = process.env) {
  if (kind === 'api') {
    const { status, text } = await get(`http://127.0.0.1:${env.PORT || 3000}/health`);
    if (status !== 200) throw new Error(`/health answered ${status}: ${text.slice(0, 200)}`);
    return;
  }
  if (kind === 'worker') {
    const port = env.RELANCE_WORKER_METRICS_PORT || 9464;
    const { status, text } = await get(`http://127.0.0.1:${port}/metrics`);
    if (status !== 200) throw new Error(`worker metrics answered ${status}`);
    if (!(metricSum(text, 'temporal_worker_start') >= 1)) throw new Error('no Temporal worker has started yet');
    if (!(metricSum(text, 'temporal_num_pollers', { poller_type: 'workflow_task' }) > 0)) throw new Error('the worker is not polling for workflow tasks');
    return;
  }
  throw new Error(`usage: healthcheck.mjs api|worker (got ${kind})`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  check(process.argv[2]).then(
    () => process.exit(0),
    (err) => {
      process.stderr.write(`unhealthy: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
