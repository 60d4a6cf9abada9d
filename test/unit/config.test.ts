import { describe, expect, test } from '@jest/globals';
import { ConfigValidationError, databaseUrl, loadConfig, PRODUCTION_REQUIRED } from '../../src/config/app-config.js';

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
