/**
 * docker-compose.yml as `docker compose` would render it from .env.example:
 * the API and the worker get the same secrets and settings, the required
 * ones stop the stack when unset, and .env.example lists every variable the
 * configuration reads. No Docker engine involved.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { getMetadataStorage } from 'class-validator';
import { AppConfig, loadConfig, PRODUCTION_REQUIRED } from '../../src/config/app-config.js';
import { interpolate, MissingVariableError, parseDotEnv, renderComposeEnvironments } from '../support/compose-env.js';

const root = process.cwd();
const COMPOSE = join(root, 'docker-compose.yml');
const example = parseDotEnv(readFileSync(join(root, '.env.example'), 'utf8'));
/** The API alone listens: its port and address are its own. */
const API_ONLY = ['PORT', 'HOST'];
const COMPOSE_REQUIRED = ['POSTGRES_PASSWORD', 'RELANCE_DEV_API_KEY', 'RELANCE_LINK_SECRET', 'RELANCE_PUBLIC_URL'];

describe('interpolation (Compose specification)', () => {
  const vars = { SET: 'v', EMPTY: '' };
  test.each([
    ['$SET and ${SET}', 'v and v'],
    ['${MISSING}|${EMPTY}|$MISSING', '||'],
    ['${SET:-d} ${EMPTY:-d} ${MISSING:-d}', 'v d d'],
    ['${SET-d} ${EMPTY-d} ${MISSING-d}', 'v  d'],
    ['${SET:?m} ${EMPTY?m}', 'v '],
    ['$$SET costs $$5', '$SET costs $5'],
    ['postgres://u:${SET}@db:5432/x', 'postgres://u:v@db:5432/x'],
  ])('%s', (text, expected) => {
    expect(interpolate(text, vars)).toBe(expected);
  });

  test('`:?` refuses unset and empty values with the message, `?` only unset ones', () => {
    expect(() => interpolate('${EMPTY:?set EMPTY}', vars)).toThrow(new MissingVariableError('EMPTY', 'set EMPTY'));
    expect(() => interpolate('${MISSING?}', vars)).toThrow(MissingVariableError);
    expect(() => interpolate('${MISSING:?x}', vars)).toThrow('MISSING: x');
  });

  test('.env lines: comments, blanks, quotes, export', () => {
    expect(parseDotEnv('# c\n\nA=1\nexport B="two words"\nC=\nD=\'x#y\'\nE=v # note\n')).toEqual({ A: '1', B: 'two words', C: '', D: 'x#y', E: 'v' });
    expect(() => parseDotEnv('not a pair')).toThrow(/KEY=VALUE/);
  });
});

describe('docker-compose.yml', () => {
  const services = renderComposeEnvironments(COMPOSE, example);
  const api = services.api!;
  const worker = services.worker!;

  test('api and worker agree on every shared secret and setting', () => {
    const shared = Object.keys(api).filter((k) => !API_ONLY.includes(k)).sort();
    expect(Object.keys(worker).sort()).toEqual(shared);
    for (const key of shared) expect([key, worker[key]]).toEqual([key, api[key]]);
    for (const key of [...PRODUCTION_REQUIRED, 'RELANCE_ERP_WEBHOOK_URL', 'RELANCE_ERP_WEBHOOK_SECRET', 'TEMPORAL_NAMESPACE', 'TEMPORAL_TASK_QUEUE']) {
      expect(shared).toContain(key);
    }
  });

  test('the secrets come from .env', () => {
    expect(api).toMatchObject({
      RELANCE_LINK_SECRET: example.RELANCE_LINK_SECRET, RELANCE_PUBLIC_URL: example.RELANCE_PUBLIC_URL,
      RELANCE_DEV_API_KEY: example.RELANCE_DEV_API_KEY, DATABASE_URL: `postgres://postgres:${example.POSTGRES_PASSWORD}@postgres:5432/relance`,
      NODE_ENV: 'production',
    });
    const other = renderComposeEnvironments(COMPOSE, { ...example, RELANCE_LINK_SECRET: 'x'.repeat(40), RELANCE_ERP_WEBHOOK_SECRET: 'w'.repeat(20) });
    expect([other.api!.RELANCE_LINK_SECRET, other.worker!.RELANCE_LINK_SECRET]).toEqual(['x'.repeat(40), 'x'.repeat(40)]);
    expect([other.api!.RELANCE_ERP_WEBHOOK_SECRET, other.worker!.RELANCE_ERP_WEBHOOK_SECRET]).toEqual(['w'.repeat(20), 'w'.repeat(20)]);
  });

  test('both processes accept the rendered environment as a production configuration', () => {
    for (const env of [api, worker]) {
      const config = loadConfig(env);
      for (const name of PRODUCTION_REQUIRED) expect(config[name]).toBeTruthy();
    }
  });

  test.each(COMPOSE_REQUIRED)('the stack refuses to start without %s (unset or empty)', (name) => {
    const { [name]: _dropped, ...without } = example;
    expect(() => renderComposeEnvironments(COMPOSE, without)).toThrow(MissingVariableError);
    expect(() => renderComposeEnvironments(COMPOSE, { ...example, [name]: '' })).toThrow(name);
  });
});

describe('.env.example', () => {
  test('lists every variable the configuration reads', () => {
    const read = [...new Set(getMetadataStorage().getTargetValidationMetadatas(AppConfig, '', true, false).map((m) => m.propertyName))].sort();
    expect(read.length).toBeGreaterThan(20);
    expect(read.filter((name) => !(name in example))).toEqual([]);
  });

  test('lists every variable docker-compose.yml substitutes', () => {
    const used = [...readFileSync(COMPOSE, 'utf8').matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!);
    expect([...new Set(used)].filter((name) => !(name in example))).toEqual([]);
  });
});
