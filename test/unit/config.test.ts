import { describe, expect, test } from '@jest/globals';
import { workerSizing } from '../../src/bootstrap/create-worker.js';
import { ConfigValidationError, databaseUrl, loadConfig, PRODUCTION_REQUIRED } from '../../src/config/app-config.js';
import { poolOptions } from '../../src/database/database.module.js';

function problemsOf(env: Record<string, string>): { variable: string; messages: string[] }[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigValidationError) return err.problems;
    throw err;
  }
  throw new Error('expected the configuration to be refused');
}

describe('configuration', () => {
  test('runs on embedded defaults with no variables', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.TEMPORAL_ADDRESS).toBeUndefined();
    expect(config.TEMPORAL_UI_PORT).toBe(8233);
    expect(databaseUrl(config)).toBe('postgres://postgres@127.0.0.1:5432/relance');
    expect(config.RELANCE_DEFAULT_TIMEZONE).toBe('Europe/Paris');
  });

  test('reads and converts variables', () => {
    const config = loadConfig({ PORT: '8080', DATABASE_URL: 'postgres://u:p@db:5432/x', TEMPORAL_ADDRESS: 'temporal:7233' });
    expect(config.PORT).toBe(8080);
    expect(databaseUrl(config)).toBe('postgres://u:p@db:5432/x');
    expect(config.TEMPORAL_ADDRESS).toBe('temporal:7233');
  });

  test('a wrong value names the variable', () => {
    expect(problemsOf({ PORT: 'eighty' }).map((p) => p.variable)).toEqual(['PORT']);
    expect(problemsOf({ DATABASE_URL: 'mysql://x' }).map((p) => p.variable)).toEqual(['DATABASE_URL']);
    expect(problemsOf({ RELANCE_SEND_HOUR: '25', LOG_LEVEL: 'loud' }).map((p) => p.variable).sort()).toEqual(['LOG_LEVEL', 'RELANCE_SEND_HOUR']);
    expect(() => loadConfig({ PORT: '-1' })).toThrow(/PORT/);
  });

  test('production refuses to start on embedded defaults: every shared secret and setting must be given', () => {
    const production = {
      DATABASE_URL: 'postgres://u:p@db:5432/relance', TEMPORAL_ADDRESS: 'temporal:7233', RELANCE_DEV_API_KEY: 'k'.repeat(32),
      RELANCE_LINK_SECRET: 's'.repeat(32), RELANCE_PUBLIC_URL: 'https://relance.example.com',
    };
    for (const flag of [{ NODE_ENV: 'production' }, { RELANCE_ENV: 'production' }] as Record<string, string>[]) {
      expect(problemsOf(flag).map((p) => p.variable)).toEqual([...PRODUCTION_REQUIRED]);
      expect(problemsOf({ ...flag, ...production, RELANCE_LINK_SECRET: '' }).map((p) => p.variable)).toEqual(['RELANCE_LINK_SECRET']);
      expect(loadConfig({ ...flag, ...production }).RELANCE_PUBLIC_URL).toBe('https://relance.example.com');
    }
    // Development (and tests) keep the embedded defaults.
    expect(() => loadConfig({ NODE_ENV: 'development' })).not.toThrow();
    expect(() => loadConfig({ RELANCE_ENV: 'development', NODE_ENV: 'test' })).not.toThrow();
    expect(problemsOf({ RELANCE_ENV: 'prod' }).map((p) => p.variable)).toEqual(['RELANCE_ENV']);
  });

  test('an API key that is too short is refused', () => {
    expect(problemsOf({ RELANCE_DEV_API_KEY: 'short' }).map((p) => p.variable)).toEqual(['RELANCE_DEV_API_KEY']);
  });

  test('worker sizing: bounded defaults, converted variables, pollers never above their slots', () => {
    expect(workerSizing(loadConfig({}))).toEqual({
      maxCachedWorkflows: 250, reuseV8Context: true, maxConcurrentWorkflowTaskExecutions: 40, maxConcurrentWorkflowTaskPolls: 10,
      maxConcurrentActivityTaskExecutions: 100, maxConcurrentLocalActivityExecutions: 100, maxConcurrentActivityTaskPolls: 10,
    });
    expect(workerSizing(loadConfig({ RELANCE_WORKER_MAX_CACHED_WORKFLOWS: '5000', RELANCE_WORKER_REUSE_V8_CONTEXT: 'off' })))
      .toMatchObject({ maxCachedWorkflows: 5000, reuseV8Context: false });
    expect(problemsOf({ RELANCE_WORKER_WORKFLOW_TASK_SLOTS: '8', RELANCE_WORKER_WORKFLOW_POLLERS: '9' }).map((p) => p.variable)).toEqual(['RELANCE_WORKER_WORKFLOW_POLLERS']);
    expect(problemsOf({ RELANCE_WORKER_ACTIVITY_SLOTS: '4', RELANCE_WORKER_ACTIVITY_POLLERS: '5' }).map((p) => p.variable)).toEqual(['RELANCE_WORKER_ACTIVITY_POLLERS']);
    expect(problemsOf({ RELANCE_WORKER_WORKFLOW_POLLERS: '1', RELANCE_WORKER_REUSE_V8_CONTEXT: 'yes' }).map((p) => p.variable).sort())
      .toEqual(['RELANCE_WORKER_REUSE_V8_CONTEXT', 'RELANCE_WORKER_WORKFLOW_POLLERS']);
  });

  test('database pool: size and connection timeout are converted, bounded, and reach the node-postgres pool', () => {
    expect(poolOptions(loadConfig({}))).toEqual({ max: 10, connectionTimeoutMillis: 5000, query_timeout: 60_000 });
    expect(poolOptions(loadConfig({ DATABASE_POOL_SIZE: '40', DATABASE_CONNECTION_TIMEOUT_MS: '2500' })))
      .toEqual({ max: 40, connectionTimeoutMillis: 2500, query_timeout: 60_000 });
    // Empty pool, no timeout (0 would wait forever), fractions, words and huge values are refused, each naming its variable.
    for (const bad of ['0', '-3', '2.5', 'ten', '1001', '']) {
      expect([bad, problemsOf({ DATABASE_POOL_SIZE: bad }).map((p) => p.variable)]).toEqual([bad, ['DATABASE_POOL_SIZE']]);
    }
    for (const bad of ['0', '99', '5s', '600001']) {
      expect([bad, problemsOf({ DATABASE_CONNECTION_TIMEOUT_MS: bad }).map((p) => p.variable)]).toEqual([bad, ['DATABASE_CONNECTION_TIMEOUT_MS']]);
    }
    expect(problemsOf({ DATABASE_POOL_SIZE: '0', DATABASE_CONNECTION_TIMEOUT_MS: 'soon' }).map((p) => p.variable).sort())
      .toEqual(['DATABASE_CONNECTION_TIMEOUT_MS', 'DATABASE_POOL_SIZE']);
  });

  test('Twilio credentials go together', () => {
    expect(problemsOf({ TWILIO_ACCOUNT_SID: 'AC1', TWILIO_AUTH_TOKEN: 'tok' }).map((p) => p.variable)).toEqual(['TWILIO_FROM']);
    expect(loadConfig({ TWILIO_ACCOUNT_SID: 'AC1', TWILIO_AUTH_TOKEN: 'tok', TWILIO_FROM: '+15005550006' }).TWILIO_FROM).toBe('+15005550006');
  });

  test('the ERP webhook needs its signing secret', () => {
    expect(problemsOf({ RELANCE_ERP_WEBHOOK_URL: 'https://erp.example.com/hooks' }).map((p) => p.variable)).toEqual(['RELANCE_ERP_WEBHOOK_SECRET']);
    expect(problemsOf({ RELANCE_ERP_WEBHOOK_URL: 'not a url', RELANCE_ERP_WEBHOOK_SECRET: 'x'.repeat(16) }).map((p) => p.variable)).toEqual(['RELANCE_ERP_WEBHOOK_URL']);
    expect(loadConfig({ RELANCE_ERP_WEBHOOK_URL: 'https://erp.example.com/hooks', RELANCE_ERP_WEBHOOK_SECRET: 'x'.repeat(16) }).RELANCE_ERP_WEBHOOK_URL).toBe('https://erp.example.com/hooks');
  });
});
