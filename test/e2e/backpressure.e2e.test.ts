// Backpressure against the real Temporal dev server: with no worker polling, the live queue's
// backlog ages past a 1-second threshold; ERP invoices are still accepted, but /health, the
// bulk endpoints' Retry-After and the task-queue gauges say so.
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { register } from 'prom-client';
import { eventually, isoDateDaysFromToday, startPlatform, TEST_API_KEY, uniqueId, type Platform } from '../support/platform.js';

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform({ worker: false, env: { RELANCE_BACKPRESSURE_AGE_SECONDS: '1' } });
});
afterAll(async () => {
  await platform?.close();
});

const invoice = () => ({
  externalId: uniqueId('BP'), number: 'F-BP-1',
  customer: { externalId: uniqueId('C'), name: 'Pressure SARL', email: 'ap@pressure.example' },
  issueDate: isoDateDaysFromToday(-10), dueDate: isoDateDaysFromToday(20), amount: '99.00', currency: 'EUR',
});

test('an old backlog: invoices still accepted, health and metrics say so, bulk endpoints answer Retry-After', async () => {
  const quiet = await platform.request('GET', '/health');
  expect(quiet.body.taskQueues).toMatchObject({ backpressure: false, thresholdSeconds: 1 });
  // Live work and an initial load's invoices share the live queue (told apart by priority); the bulk queue holds the import itself.
  const queue = platform.config.TEMPORAL_TASK_QUEUE;
  expect(quiet.body.taskQueues.queues.map((q: any) => [q.lane, q.taskQueue])).toEqual([['live', queue], ['bulk', queue], ['bulk', `${queue}-bulk`]]);

  // Nobody polls: the invoice's first workflow task waits on the live queue.
  const accepted = await platform.request('POST', '/api/v1/invoices', invoice());
  expect(accepted.status).toBe(201);

  const health = await eventually(async () => {
    const res = await platform.request('GET', '/health');
    return res.body.taskQueues?.backpressure ? res : null;
  }, 30_000);
  expect(health.status).toBe(200);
  const live = health.body.taskQueues.queues.find((q: any) => q.lane === 'live');
  expect(live).toMatchObject({ taskQueue: platform.config.TEMPORAL_TASK_QUEUE });
  expect(live.backlog).toBeGreaterThanOrEqual(1);
  expect(live.oldestTaskAgeSeconds).toBeGreaterThan(1);

  // Still accepted, never dropped; live intake carries no hint, the bulk endpoint does.
  const another = await platform.request('POST', '/api/v1/invoices', invoice());
  expect(another.status).toBe(201);
  expect(another.headers.get('retry-after')).toBeNull();
  const row = JSON.stringify(invoice());
  const imported = await fetch(`${platform.baseUrl}/api/v1/imports`, {
    method: 'POST', headers: { authorization: `Bearer ${TEST_API_KEY}`, 'content-type': 'application/x-ndjson' }, body: `${row}\n`,
  });
  expect(imported.status).toBe(202);
  expect(imported.headers.get('retry-after')).toBe('1');

  const metrics = await register.metrics();
  const sample = (name: string) => {
    const line = metrics.split('\n').find((l) => l.startsWith(`${name}{`) && l.includes(`task_queue="${platform.config.TEMPORAL_TASK_QUEUE}"`) && l.includes('lane="live"'));
    return line ? Number(line.split(' ').pop()) : null;
  };
  expect(sample('relance_task_queue_backlog')).toBeGreaterThanOrEqual(1);
  expect(sample('relance_task_queue_oldest_task_age_seconds')).toBeGreaterThan(1);
  expect(metrics).toContain('lane="live"');
});
