/**
 * Fault suite: a send cut short by `kill -9` of the worker is taken over by
 * another worker within the activities' heartbeat timeout (20 s), not after
 * their start-to-close timeout (5 minutes for a customer's batch): the
 * worker heartbeats while dunning activities run, so the server notices the
 * dead worker.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { isoDate, startWorkerFaultScene, until, type WorkerFaultScene } from './support/worker-faults.js';

let scene: WorkerFaultScene;
/** A SendGrid that takes requests and never answers: the send is in flight when the worker dies. */
let stalled: Server;
const stalledRequests: IncomingMessage[] = [];
beforeAll(async () => {
  scene = await startWorkerFaultScene('fault-beat', { persistedTemporal: false });
  stalled = createServer((req) => stalledRequests.push(req));
  await new Promise<void>((resolve) => stalled.listen(0, '127.0.0.1', resolve));
}, 60_000);
afterAll(async () => {
  stalled?.closeAllConnections();
  await new Promise((resolve) => stalled?.close(resolve));
  await scene?.close();
}, 60_000);

test('a send in flight when the worker is killed is retried by the next worker within the heartbeat timeout', async () => {
  const now = Date.now();
  const res = await scene.request('POST', '/api/v1/invoices', {
    externalId: 'INV-HB-1', number: 'F-HB-1',
    customer: { externalId: 'CUST-HB-1', name: 'Client HB', email: 'ap@hb.example', language: 'en' },
    issueDate: isoDate(now, -34), dueDate: isoDate(now, -4), amount: '120.00', currency: 'EUR',
  });
  expect(res.status).toBe(201);

  const stalledUrl = `http://127.0.0.1:${(stalled.address() as AddressInfo).port}`;
  const first = await scene.startWorker('stalled-worker', { SENDGRID_BASE_URL: stalledUrl });
  await until(async () => stalledRequests.length > 0, 'the email to reach the stalled provider', 120_000);
  await first.kill9();
  const killedAt = Date.now();

  await scene.startWorker('next-worker');
  await until(async () => scene.providers.acceptedEmails().length > 0, 'the email sent by the next worker', 120_000, 100);
  const retriedAfter = (Date.now() - killedAt) / 1000;
  const rows: { status: string }[] = await scene.db.dataSource.query(`SELECT status FROM outbound_messages WHERE invoice_id = $1`, [res.body.id]);
  process.stdout.write(`\n── fault suite: send in flight at kill -9 ──\nretried and accepted ${retriedAfter.toFixed(1)} s after the kill (heartbeat timeout 20 s, start-to-close 5 min)\n\n`);

  await until(async () => {
    const [row] = await scene.db.dataSource.query(`SELECT status FROM outbound_messages WHERE invoice_id = $1`, [res.body.id]);
    return row?.status === 'sent';
  }, 'the message marked sent', 30_000);
  expect(rows).toHaveLength(1);
  expect(scene.providers.acceptedEmails()).toHaveLength(1);
  // Well under the 5-minute start-to-close timeout a dead worker's send used to wait for.
  expect(retriedAfter).toBeLessThan(90);
}, 400_000);
