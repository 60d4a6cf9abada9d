import { describe, expect, test } from '@jest/globals';
import { loadConfig, type ConfigValidationError } from '../../src/config/app-config.js';
import { mayScrape } from '../../src/metrics/metrics-access.js';
import { routeLabel } from '../../src/metrics/http-metrics.js';
import { workerMetricsAddress } from '../../src/observability/temporal-runtime.js';
import type { Request } from 'express';

const TOKEN = 'metrics-token-0123456789abcdef';
const KEY = 'operator-key-0123456789abcdef';

describe("who may scrape the API's /metrics (deny by default)", () => {
  const closed = loadConfig({ RELANCE_METRICS_TOKEN: TOKEN });

  test('the metrics token and an operator API key may; nothing else may', () => {
    expect(mayScrape(closed, `Bearer ${TOKEN}`, [KEY])).toBe(true);
    expect(mayScrape(closed, `bearer ${KEY}`, [KEY])).toBe(true);
    expect(mayScrape(closed, undefined, [KEY])).toBe(false);
    expect(mayScrape(closed, `Bearer ${TOKEN}x`, [KEY])).toBe(false);
    expect(mayScrape(closed, `Basic ${TOKEN}`, [KEY])).toBe(false);
    expect(mayScrape(closed, 'Bearer rl_personal_token_of_an_admin', [KEY])).toBe(false);
  });

  test('with no metrics token configured, only the operator key may; RELANCE_METRICS_PUBLIC=true opens it to anyone', () => {
    const defaults = loadConfig({});
    expect(defaults.RELANCE_METRICS_PUBLIC).toBe('false');
    expect(mayScrape(defaults, `Bearer ${KEY}`, [KEY])).toBe(true);
    expect(mayScrape(defaults, 'Bearer ', [KEY])).toBe(false);
    expect(mayScrape(loadConfig({ RELANCE_METRICS_PUBLIC: 'true' }), undefined, [KEY])).toBe(true);
  });
});

describe('metrics configuration', () => {
  const problems = (env: Record<string, string>) => {
    try {
      loadConfig(env);
      return [];
    } catch (err) {
      return (err as ConfigValidationError).problems.map((p) => p.variable);
    }
  };

  test('defaults: the worker serves its metrics on 127.0.0.1:9464; port 0 turns them off', () => {
    expect(workerMetricsAddress(loadConfig({}))).toBe('127.0.0.1:9464');
    expect(workerMetricsAddress(loadConfig({ RELANCE_WORKER_METRICS_HOST: '0.0.0.0', RELANCE_WORKER_METRICS_PORT: '9100' }))).toBe('0.0.0.0:9100');
    expect(workerMetricsAddress(loadConfig({ RELANCE_WORKER_METRICS_PORT: '0' }))).toBeNull();
  });

  test('bad values are refused at boot, naming the variable', () => {
    expect(problems({ RELANCE_WORKER_METRICS_PORT: '70000' })).toEqual(['RELANCE_WORKER_METRICS_PORT']);
    expect(problems({ RELANCE_WORKER_METRICS_HOST: 'metrics.example.com' })).toEqual(['RELANCE_WORKER_METRICS_HOST']);
    expect(problems({ RELANCE_METRICS_PUBLIC: 'yes' })).toEqual(['RELANCE_METRICS_PUBLIC']);
    expect(problems({ RELANCE_METRICS_TOKEN: 'short' })).toEqual(['RELANCE_METRICS_TOKEN']);
  });
});

describe('the route label of the latency histogram', () => {
  const req = (route: string | undefined, method = 'GET', baseUrl = '') => ({ method, baseUrl, route: route === undefined ? undefined : { path: route } }) as unknown as Request;

  test('is the route template, never the raw URL; files and pages are "console", the rest "unmatched"', () => {
    expect(routeLabel(req('/api/v1/invoices/:id'), 404)).toBe('/api/v1/invoices/:id');
    expect(routeLabel(req(undefined), 200)).toBe('console');
    expect(routeLabel(req(undefined), 404)).toBe('unmatched');
    expect(routeLabel(req(undefined, 'POST'), 413)).toBe('unmatched');
  });
});
