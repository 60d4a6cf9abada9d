/**
 * The containers' health checks (scripts/healthcheck.mjs, docker-compose.yml) against local HTTP
 * stand-ins: the API's /health status, and the worker's Prometheus text as the Temporal SDK writes it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { check, metricSum } from '../../scripts/healthcheck.mjs';

/** What a polling worker's endpoint shows (recorded from @temporalio/worker 1.24 with a dev server). */
const POLLING = `# HELP temporal_num_pollers Current number of active pollers per queue type
# TYPE temporal_num_pollers gauge
temporal_num_pollers{namespace="default",poller_type="sticky_workflow_task",service_name="temporal-core-sdk",task_queue="relance-dunning"} 8
temporal_num_pollers{namespace="default",poller_type="workflow_task",service_name="temporal-core-sdk",task_queue="relance-dunning"} 2
# HELP temporal_worker_start Count of the number of initialized workers
# TYPE temporal_worker_start counter
temporal_worker_start{namespace="default",service_name="temporal-core-sdk",task_queue="relance-dunning"} 1
`;

let server: Server;
let port: number;
let answer: { status: number; body: string } = { status: 200, body: '' };

beforeAll(async () => {
  server = createServer((_req, res) => res.writeHead(answer.status).end(answer.body));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('api', () => {
  test('healthy when /health answers 200, not when it answers 503', async () => {
    answer = { status: 200, body: '{"status":"ok"}' };
    await expect(check('api', { PORT: String(port) })).resolves.toBeUndefined();
    answer = { status: 503, body: '{"status":"unavailable","checks":{"database":"up","temporal":"down"}}' };
    await expect(check('api', { PORT: String(port) })).rejects.toThrow('/health answered 503: {"status":"unavailable","checks":{"database":"up","temporal":"down"}}');
  });

  test('unhealthy when nothing listens', async () => {
    await expect(check('api', { PORT: '9' })).rejects.toThrow();
  });
});

describe('worker', () => {
  const env = () => ({ RELANCE_WORKER_METRICS_PORT: String(port) });

  test('healthy once a worker has started and polls for workflow tasks', async () => {
    answer = { status: 200, body: POLLING };
    await expect(check('worker', env())).resolves.toBeUndefined();
  });

  test('unhealthy while the runtime serves metrics but no worker has started', async () => {
    answer = { status: 200, body: '# HELP temporal_request Client requests\n' };
    await expect(check('worker', env())).rejects.toThrow('no Temporal worker has started yet');
  });

  test('unhealthy when its workflow pollers are gone', async () => {
    answer = { status: 200, body: POLLING.replace(/poller_type="workflow_task"(.*)\} 2/, 'poller_type="workflow_task"$1} 0') };
    await expect(check('worker', env())).rejects.toThrow('the worker is not polling for workflow tasks');
  });

  test('metricSum adds the samples whose labels match', () => {
    expect(metricSum(POLLING, 'temporal_num_pollers')).toBe(10);
    expect(metricSum(POLLING, 'temporal_num_pollers', { poller_type: 'workflow_task' })).toBe(2);
    expect(metricSum(POLLING, 'temporal_num_pollers', { poller_type: 'activity_task' })).toBeNull();
    expect(metricSum(POLLING, 'temporal_worker')).toBeNull();
  });
});

test('an unknown kind is refused', async () => {
  await expect(check('db', {})).rejects.toThrow('usage: healthcheck.mjs api|worker (got db)');
});
