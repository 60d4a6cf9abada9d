/**
 * Logs an operator can use (docs/operations.md, "Logs"): JSON lines from the API and the worker,
 * a request id on every request's lines and in `X-Request-Id`, carried through Temporal so the
 * activities a request caused log its id next to their workflow and invoice; no credential ever
 * written (Authorization, cookies, passwords, signed links).
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { Writable } from 'node:stream';
import { createRootLogger } from '../../src/observability/logger.js';
import { eventually, startPlatform, TEST_API_KEY, uniqueId, type Platform } from '../support/platform.js';

type Line = Record<string, unknown>;

/** Everything the processes log, as raw text and parsed lines. */
class LogCapture extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString('utf8');
    done();
  }
  lines(): Line[] {
    return this.text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Line);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const logs = new LogCapture();
let platform: Platform;

beforeAll(async () => {
  platform = await startPlatform({ logs, env: { LOG_LEVEL: 'debug', LOG_FORMAT: 'json' } });
});
afterAll(async () => {
  await platform?.close();
});

describe('request ids', () => {
  test('a well-formed incoming X-Request-Id is kept and answered; a malformed or missing one is replaced by a UUID', async () => {
    const kept = await platform.request('GET', '/api/v1/invoices?limit=1', undefined, { headers: { 'x-request-id': 'erp-batch-42.7' } });
    expect(kept.headers.get('x-request-id')).toBe('erp-batch-42.7');
    for (const bad of ['has spaces', 'x'.repeat(200), '<script>']) {
      const res = await platform.request('GET', '/api/v1/invoices?limit=1', undefined, { headers: { 'x-request-id': bad } });
      expect(res.headers.get('x-request-id')).toMatch(UUID);
    }
    const refused = await platform.request('GET', '/api/v1/invoices', undefined, { apiKey: null });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('x-request-id')).toMatch(UUID);
  });

  test('every line is JSON; each request has one completion line naming its id, method, redacted URL, status and duration', async () => {
    const id = uniqueId('req');
    await platform.request('GET', '/api/v1/invoices?limit=1', undefined, { headers: { 'x-request-id': id } });
    const line = await eventually(async () => logs.lines().find((l) => l.requestId === id && l.msg === 'request completed'));
    expect(line).toMatchObject({ level: 'info', service: 'relance', req: { method: 'GET', url: '/api/v1/invoices?limit=1' }, res: { statusCode: 200 } });
    expect(typeof line.durationMs).toBe('number');
    expect(typeof line.time).toBe('string');
  });

  test('an invoice pushed with a request id: the activities its workflow runs log that id, the workflow id and the invoice id', async () => {
    const requestId = uniqueId('erp-intake');
    const externalId = uniqueId('INV');
    const res = await platform.request('POST', '/api/v1/invoices', {
      externalId, number: externalId, issueDate: '2026-11-01', dueDate: '2026-12-01', amount: '100.00', currency: 'EUR',
      customer: { externalId: 'CUST-LOGS', name: 'Logs SA', email: 'ap@logs.example' },
    }, { headers: { 'x-request-id': requestId } });
    expect(res.status).toBe(201);
    const { id: invoiceId, workflowId } = res.body as { id: string; workflowId: string };

    const activityLine = await eventually(async () =>
      logs.lines().find((l) => l.msg === 'activity completed' && l.workflowId === workflowId), 30_000);
    expect(activityLine).toMatchObject({ requestId, workflowId, invoiceId, workflowType: 'invoiceDunningWorkflow', level: 'debug' });
    expect(typeof activityLine.activityType).toBe('string');

    // The workflow's memo names the request that started it (the Temporal UI shows it).
    const description = await platform.temporal.workflow.getHandle(workflowId).describe();
    expect(await description.memo).toMatchObject({ requestId });
  });
});

describe('secrets never reach the logs', () => {
  test('bearer keys, cookies, passwords and signed-link tokens sent to the API appear nowhere in its output', async () => {
    const password = 'hunter2-correct-horse-battery';
    const cookie = 'relance_session=cookie-secret-7f3a9b';
    const linkToken = 'eyJpZCI6IjEyMyJ9.c2lnbmF0dXJlLXNlY3JldC10b2tlbi12YWx1ZQ';
    await platform.request('GET', '/api/v1/invoices?limit=1', undefined, { headers: { cookie } });
    await platform.request('POST', '/api/v1/session', { email: 'nobody@logs.example', password }, { apiKey: null });
    const link = await platform.request('GET', `/decisions/${linkToken}`, undefined, { apiKey: null });
    expect(link.status).toBeGreaterThanOrEqual(400);
    await platform.request('GET', `/api/v1/invoices?token=${linkToken}&limit=1`);
    await eventually(async () => logs.lines().some((l) => (l.req as { url?: string } | undefined)?.url?.startsWith('/api/v1/invoices?token=')));

    expect(logs.text).not.toContain(TEST_API_KEY);
    expect(logs.text).not.toContain('cookie-secret-7f3a9b');
    expect(logs.text).not.toContain(password);
    expect(logs.text).not.toContain(linkToken);
    const urls = logs.lines().map((l) => (l.req as { url?: string } | undefined)?.url).filter(Boolean);
    expect(urls).toContain('/decisions/[redacted]');
    expect(urls).toContain('/api/v1/invoices?token=[redacted]&limit=1');
  });

  test('fields named like credentials are redacted wherever the application logs them', () => {
    const sink = new LogCapture();
    const logger = createRootLogger({ LOG_LEVEL: 'log', LOG_FORMAT: 'json' }, sink);
    logger.info({
      req: { headers: { authorization: 'Bearer k-1', cookie: 'c-2', 'x-api-key': 'k-3' } },
      password: 'p-4', user: { token: 't-5', apiKey: 'k-6' }, integration: { config: { secret: 's-7' } },
    }, 'details');
    const [line] = sink.lines();
    expect(JSON.stringify(line)).not.toMatch(/k-1|c-2|k-3|p-4|t-5|k-6|s-7/);
    expect(line).toMatchObject({ password: '[redacted]', user: { token: '[redacted]', apiKey: '[redacted]' }, req: { headers: { authorization: '[redacted]' } } });
  });
});
