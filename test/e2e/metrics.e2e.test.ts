// Metrics an operator scrapes: the API's /metrics (HTTP latency by route template, intake counters, business
// gauges on the injected clock) and the worker's Temporal endpoint, and the Grafana dashboard reading them.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import pino from 'pino';
import { projectRoot } from '../../src/bootstrap/project-root.js';
import { Clock } from '../../src/clock/clock.js';
import { installTemporalRuntime } from '../../src/observability/temporal-runtime.js';
import { freePort } from '../support/free-port.js';
import { eventually, isoDateDaysFromToday, startPlatform, TEST_API_KEY, uniqueId, type Platform } from '../support/platform.js';
import { exposedNames, parseSamples, sampleValue } from '../support/prometheus-text.js';

/** The API's "now", moved by the tests: far from the machine's, so a gauge reading the wall clock shows. */
class MovableClock extends Clock {
  constructor(public ms: number) {
    super();
  }
  nowMs(): number {
    return this.ms;
  }
}

const T0 = Date.parse('2031-03-03T10:00:00Z');
const HOUR = 3_600_000;
const METRICS_TOKEN = 'metrics-token-0123456789abcdef';
const clock = new MovableClock(T0);
let platform: Platform;
let workerMetricsUrl: string;

beforeAll(async () => {
  const port = await freePort();
  // The worker's endpoint is the Temporal runtime's, as worker.main.ts installs it (before any worker).
  installTemporalRuntime({ LOG_LEVEL: 'error' }, pino({ level: 'error' }), `127.0.0.1:${port}`);
  workerMetricsUrl = `http://127.0.0.1:${port}/metrics`;
  platform = await startPlatform({ clock, env: { RELANCE_METRICS_TOKEN: METRICS_TOKEN } });
});
afterAll(async () => {
  await platform?.close();
});

async function scrapeApi(): Promise<string> {
  const res = await fetch(`${platform.baseUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(res.status).toBe(200);
  return res.text();
}

async function apiSamples() {
  return parseSamples(await scrapeApi());
}

async function intake(externalId: string, customerExternalId: string, amount = '1200.00') {
  return platform.request('POST', '/api/v1/invoices', {
    externalId, number: externalId, customer: { externalId: customerExternalId, name: 'Metrics SAS', email: 'ap@metrics.example', language: 'fr' },
    issueDate: isoDateDaysFromToday(-10, T0), dueDate: isoDateDaysFromToday(20, T0), amount, currency: 'EUR',
  });
}

describe("the API's /metrics", () => {
  test('is deny-by-default: no token or a wrong one is refused; RELANCE_METRICS_TOKEN and the operator key scrape', async () => {
    const none = await fetch(`${platform.baseUrl}/metrics`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toContain('Bearer');
    expect((await fetch(`${platform.baseUrl}/metrics`, { headers: { authorization: 'Bearer not-the-metrics-token-at-all' } })).status).toBe(401);
    const withToken = await fetch(`${platform.baseUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(withToken.status).toBe(200);
    expect(withToken.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(await withToken.text()).toContain('# TYPE relance_http_request_duration_seconds histogram');
    expect((await fetch(`${platform.baseUrl}/metrics`, { headers: { authorization: `Bearer ${TEST_API_KEY}` } })).status).toBe(200);
  });

  test('times requests by route template (never the raw URL) and status, and counts intake by outcome', async () => {
    const before = await apiSamples();
    const missing = randomUUID();
    expect((await platform.request('GET', `/api/v1/invoices/${missing}`)).status).toBe(404);
    const externalId = uniqueId('INV');
    const customer = uniqueId('CUST');
    expect((await intake(externalId, customer)).status).toBe(201);
    expect((await intake(externalId, customer)).status).toBe(200);
    expect((await intake(externalId, customer, '1300.00')).status).toBe(200);
    expect((await platform.request('GET', '/api/v1/invoices', undefined, { apiKey: null })).status).toBe(401);

    const text = await scrapeApi();
    const after = parseSamples(text);
    const count = (samples: typeof after, labels: Record<string, string>) => sampleValue(samples, 'relance_http_request_duration_seconds_count', labels) ?? 0;
    const delta = (labels: Record<string, string>) => count(after, labels) - count(before, labels);
    expect(delta({ method: 'GET', route: '/api/v1/invoices/:id', status: '404' })).toBe(1);
    expect(delta({ method: 'POST', route: '/api/v1/invoices', status: '201' })).toBe(1);
    expect(delta({ method: 'POST', route: '/api/v1/invoices', status: '200' })).toBe(2);
    expect(delta({ method: 'GET', route: '/api/v1/invoices', status: '401' })).toBe(1);
    expect(sampleValue(after, 'relance_http_request_duration_seconds_bucket', { method: 'GET', route: '/api/v1/invoices/:id', status: '404', le: '+Inf' }))
      .toBe(count(after, { method: 'GET', route: '/api/v1/invoices/:id', status: '404' }));
    expect(text).not.toContain(missing);

    const received = (samples: typeof after, outcome: string) => sampleValue(samples, 'relance_invoices_received_total', { outcome }) ?? 0;
    expect(received(after, 'created') - received(before, 'created')).toBe(1);
    expect(received(after, 'unchanged') - received(before, 'unchanged')).toBe(1);
    expect(received(after, 'updated') - received(before, 'updated')).toBe(1);
  });

  test('the ERP outbox backlog counts undelivered events by status, and the oldest pending age runs on the injected clock', async () => {
    const event = (status: string, ageSeconds: number) => platform.db.dataSource.query(
      `INSERT INTO erp_outbox_events (idempotency_key, type, data, status, created_at) VALUES ($1, 'credit_note.requested', '{}'::jsonb, $2, $3)`,
      [uniqueId('outbox'), status, new Date(T0 - ageSeconds * 1000)],
    );
    clock.ms = T0;
    expect(sampleValue(await apiSamples(), 'relance_erp_outbox_oldest_pending_age_seconds')).toBe(0);
    await event('pending', 600);
    await event('pending', 60);
    await event('held', 7200);
    await event('failed', 90_000);
    await event('delivered', 100_000);
    let samples = await apiSamples();
    expect(sampleValue(samples, 'relance_erp_outbox_events', { status: 'pending' })).toBe(2);
    expect(sampleValue(samples, 'relance_erp_outbox_events', { status: 'held' })).toBe(1);
    expect(sampleValue(samples, 'relance_erp_outbox_events', { status: 'failed' })).toBe(1);
    expect(sampleValue(samples, 'relance_erp_outbox_events', { status: 'delivered' })).toBeUndefined();
    expect(sampleValue(samples, 'relance_erp_outbox_oldest_pending_age_seconds')).toBe(600);
    clock.ms = T0 + 60_000;
    samples = await apiSamples();
    expect(sampleValue(samples, 'relance_erp_outbox_oldest_pending_age_seconds')).toBe(660);
  });

  test('disputes past their SLA are counted against the injected clock, never the machine\'s; credit alerts and messages by channel and status are counted', async () => {
    const customerExternalId = uniqueId('CUST');
    expect((await intake(uniqueId('INV'), customerExternalId)).status).toBe(201);
    const [customer] = (await platform.db.dataSource.query('SELECT id FROM customers WHERE external_id = $1', [customerExternalId])) as { id: string }[];
    const dispute = (status: string, openedHoursBeforeT0: number) => platform.db.dataSource.query(
      `INSERT INTO disputes (entity_id, customer_id, reason_code, type, comment, currency, amount_minor, invoices, status,
                             opened_by_name, snapshot, workflow_id, created_at)
       SELECT entity_id, id, 'price', 'dispute', 'metrics', 'EUR', 1000, '[]'::jsonb, $2, 'test', '{"resolutionHours": 48}'::jsonb,
              gen_random_uuid()::text, $3 FROM customers WHERE id = $1`,
      [customer!.id, status, new Date(T0 - openedHoursBeforeT0 * HOUR)],
    );
    await dispute('in_review', 50); // due at T0 - 2 h
    await dispute('open', 10); // due at T0 + 38 h
    await dispute('rejected', 100); // decided: never past its SLA
    const figures = async () => {
      const samples = await apiSamples();
      return { open: sampleValue(samples, 'relance_disputes_open'), pastSla: sampleValue(samples, 'relance_disputes_past_sla') };
    };
    // Opened in 2031: by the machine's clock nothing would be due yet.
    clock.ms = T0 - 3 * HOUR;
    expect(await figures()).toEqual({ open: 2, pastSla: 0 });
    clock.ms = T0;
    expect(await figures()).toEqual({ open: 2, pastSla: 1 });
    clock.ms = T0 + 40 * HOUR;
    expect(await figures()).toEqual({ open: 2, pastSla: 2 });

    await platform.db.dataSource.query(`INSERT INTO customer_exposure_alerts (customer_id, level, crossings) VALUES ($1, 'over_limit', 1)`, [customer!.id]);
    const message = (channel: string, status: string) => platform.db.dataSource.query(
      `INSERT INTO outbound_messages (idempotency_key, customer_id, channel, recipient, body, status) VALUES ($1, $2, $3, 'ap@metrics.example', 'x', $4)`,
      [uniqueId('message'), customer!.id, channel, status],
    );
    const messages = (samples: Awaited<ReturnType<typeof apiSamples>>, channel: string, status: string) => sampleValue(samples, 'relance_messages', { channel, status }) ?? 0;
    const before = await apiSamples();
    await message('email', 'failed');
    await message('email', 'failed');
    await message('sms', 'sent');
    const samples = await apiSamples();
    expect(sampleValue(samples, 'relance_credit_alerts_open', { level: 'over_limit' })).toBe(1);
    expect(sampleValue(samples, 'relance_credit_alerts_open', { level: 'warning' })).toBe(0);
    expect(messages(samples, 'email', 'failed') - messages(before, 'email', 'failed')).toBe(2);
    expect(messages(samples, 'sms', 'sent') - messages(before, 'sms', 'sent')).toBe(1);
  });
});

describe("the worker's metrics endpoint", () => {
  test('serves the Temporal SDK telemetry and counts failed activity attempts by activity type', async () => {
    // A delivery of an event that does not exist: its activity fails (NotFound) and is retried.
    const handle = await platform.temporal.workflow.start('erpDeliveryWorkflow', {
      workflowId: uniqueId('metrics-failing-delivery'), taskQueue: platform.config.TEMPORAL_TASK_QUEUE, args: [randomUUID()],
    });
    try {
      const samples = await eventually(async () => {
        const found = parseSamples(await (await fetch(workerMetricsUrl)).text());
        return found.some((s) => s.name === 'relance_activity_failures' && s.labels.activity_type === 'deliverErpEvent') ? found : null;
      }, 30_000);
      const failures = samples.find((s) => s.name === 'relance_activity_failures' && s.labels.activity_type === 'deliverErpEvent')!;
      expect(failures.value).toBeGreaterThanOrEqual(1);
      expect(failures.labels).toMatchObject({ task_queue: platform.config.TEMPORAL_TASK_QUEUE, workflow_type: 'erpDeliveryWorkflow', retryable: 'true' });
      const names = new Set(samples.map((s) => s.name));
      for (const name of ['temporal_worker_task_slots_used', 'temporal_worker_task_slots_available', 'temporal_sticky_cache_size',
        'temporal_workflow_task_schedule_to_start_latency_bucket', 'temporal_activity_schedule_to_start_latency_bucket']) {
        expect([...names]).toContain(name);
      }
      // Durations in seconds, like the API's histograms.
      expect(samples.some((s) => s.name === 'temporal_workflow_task_schedule_to_start_latency_bucket' && Number(s.labels.le) > 0 && Number(s.labels.le) < 1)).toBe(true);
    } finally {
      await handle.terminate('metrics test done');
    }
  });
});

/** The metric names a PromQL expression reads: what is left once strings, matchers, groupings, ranges and functions are removed. */
function metricNamesIn(expr: string): string[] {
  const KEYWORDS = new Set(['and', 'or', 'unless', 'bool', 'offset', 'inf', 'nan']);
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, '')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, '')
    .replace(/\[[^\]]*\]/g, '');
  return [...stripped.matchAll(/\b[a-zA-Z_:][a-zA-Z0-9_:]*\b(?!\s*\()/g)].map((m) => m[0]).filter((n) => !KEYWORDS.has(n.toLowerCase()));
}

interface GrafanaPanel {
  title?: string;
  targets?: { expr?: string }[];
  panels?: GrafanaPanel[];
}

describe('the Grafana dashboard', () => {
  test('reads only metric names the API or the worker really exposes', async () => {
    const dashboard = JSON.parse(readFileSync(join(projectRoot(), 'deploy', 'grafana', 'relance.json'), 'utf8')) as { panels: GrafanaPanel[] };
    const panels = (list: GrafanaPanel[]): GrafanaPanel[] => list.flatMap((p) => [p, ...panels(p.panels ?? [])]);
    const queries = panels(dashboard.panels).flatMap((p) => (p.targets ?? []).map((t) => ({ panel: p.title, expr: t.expr ?? '' })));
    const read = queries.flatMap(({ panel, expr }) => metricNamesIn(expr).map((name) => ({ panel, name })));
    expect(new Set(read.map((r) => r.name)).size).toBeGreaterThanOrEqual(15);

    const exposed = new Set([...exposedNames(await scrapeApi()), ...exposedNames(await (await fetch(workerMetricsUrl)).text())]);
    expect(read.filter((r) => !exposed.has(r.name))).toEqual([]);
    // The parser does find names the scrapes lack (no test that cannot fail).
    expect(metricNamesIn('sum by (le) (rate(relance_not_a_metric_bucket{job="x"}[5m])) / on (job) process_x')).toEqual(['relance_not_a_metric_bucket', 'process_x']);
  });
});
