/**
 * docker-compose.yml as `docker compose` would render it from .env.example:
 * the services of Temporal's self-hosted reference plus Relance's and
 * Prometheus, a health check on every long-running one, the API and the
 * worker getting the same secrets and settings, every consumer of a secret
 * the same value, the required ones stopping the stack when unset, and
 * .env.example listing every variable the configuration reads. No Docker
 * engine involved.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, test } from '@jest/globals';
import { getMetadataStorage } from 'class-validator';
import { AppConfig, loadConfig, PRODUCTION_REQUIRED } from '../../src/config/app-config.js';
import { interpolate, MissingVariableError, parseDotEnv, renderCompose, renderComposeEnvironments } from '../support/compose-env.js';

const root = process.cwd();
const COMPOSE = join(root, 'docker-compose.yml');
const example = parseDotEnv(readFileSync(join(root, '.env.example'), 'utf8'));
/** The API alone listens: its port and address are its own. */
const API_ONLY = ['PORT', 'HOST'];
const COMPOSE_REQUIRED = ['POSTGRES_PASSWORD', 'RELANCE_DEV_API_KEY', 'RELANCE_LINK_SECRET', 'RELANCE_PUBLIC_URL', 'RELANCE_METRICS_TOKEN'];
/** Long-running services (each needs a health check) and one-shot jobs (each must finish before what needs it starts). */
const LONG_RUNNING = ['postgres', 'temporal', 'temporal-ui', 'api', 'worker', 'prometheus'];
const ONE_SHOT = ['temporal-schema', 'temporal-namespace'];
/** Host path of a `./host:/container[:ro]` bind mount whose container side is `target`. */
const mountOf = (volumes: string[] | undefined, target: string) =>
  volumes?.map((v) => v.split(':')).find(([, inside]) => inside === target)?.[0];

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

describe('the stack (Temporal self-hosted reference)', () => {
  const compose = renderCompose(COMPOSE, example);
  const { services } = compose;

  test('has the reference services, Relance and Prometheus, and nothing from the retired auto-setup image', () => {
    expect(Object.keys(services).sort()).toEqual([...LONG_RUNNING, ...ONE_SHOT].sort());
    expect(Object.values(services).map((s) => s.image ?? '').filter((image) => image.includes('auto-setup'))).toEqual([]);
  });

  test.each(LONG_RUNNING)('%s has a health check and restarts', (name) => {
    const service = services[name]!;
    expect(service.healthcheck?.test.length).toBeGreaterThan(1);
    expect(['CMD', 'CMD-SHELL']).toContain(service.healthcheck!.test[0]);
    expect(service.restart).toBe('unless-stopped');
  });

  test('one-shot jobs run once and gate what needs them', () => {
    for (const name of ONE_SHOT) expect([name, services[name]!.restart]).toEqual([name, 'no']);
    expect(services.temporal!.depends_on).toEqual({ 'temporal-schema': { condition: 'service_completed_successfully' } });
    for (const name of ['api', 'worker']) {
      expect(services[name]!.depends_on).toEqual({
        postgres: { condition: 'service_healthy' }, temporal: { condition: 'service_healthy' },
        'temporal-namespace': { condition: 'service_completed_successfully' },
      });
    }
    expect(services['temporal-namespace']!.depends_on).toEqual({ temporal: { condition: 'service_healthy' } });
  });

  test('Temporal: schema by admin-tools with temporal-sql-tool, then the server of the same version', () => {
    const version = example.TEMPORAL_VERSION!;
    expect(services['temporal-schema']!.image).toBe(`temporalio/admin-tools:${version}`);
    expect(services['temporal-namespace']!.image).toBe(`temporalio/admin-tools:${version}`);
    expect(services.temporal!.image).toBe(`temporalio/server:${version}`);
    const script = (name: string) => {
      const service = services[name]!;
      const dir = mountOf(service.volumes, '/deploy');
      expect(dir).toBe('./deploy/temporal');
      const file = service.entrypoint![1]!.replace('/deploy/', `${dir}/`);
      return readFileSync(join(root, file), 'utf8');
    };
    const schema = script('temporal-schema');
    for (const db of ['temporal', 'temporal_visibility']) expect(schema).toContain(db);
    expect(schema).toMatch(/temporal-sql-tool --plugin postgres12/);
    expect(schema).toMatch(/update-schema -d/);
    expect(script('temporal-namespace')).toMatch(/temporal operator namespace create .*-n "\$TEMPORAL_NAMESPACE"/);
  });

  test('Temporal: an explicit history shard count (a power of two) and a dynamic-config file from deploy/', () => {
    const env = renderComposeEnvironments(COMPOSE, example).temporal!;
    const shards = Number(env.NUM_HISTORY_SHARDS);
    expect(shards).toBe(Number(example.TEMPORAL_NUM_HISTORY_SHARDS));
    expect(Math.log2(shards) % 1).toBe(0);
    expect(renderComposeEnvironments(COMPOSE, { ...example, TEMPORAL_NUM_HISTORY_SHARDS: '4096' }).temporal!.NUM_HISTORY_SHARDS).toBe('4096');
    const file = mountOf(services.temporal!.volumes, env.DYNAMIC_CONFIG_FILE_PATH!);
    expect(file).toMatch(/^\.\/deploy\//);
    const dynamic = parse(readFileSync(join(root, file!), 'utf8')) as Record<string, { value: unknown; constraints: object }[]>;
    expect(Object.keys(dynamic).length).toBeGreaterThan(0);
    for (const values of Object.values(dynamic)) for (const v of values) expect(Object.keys(v).sort()).toEqual(['constraints', 'value']);
    expect(env.BIND_ON_IP).toBe('0.0.0.0');
  });

  test('two worker replicas, built from the same image as the API', () => {
    expect(services.worker!.deploy?.replicas).toBe(2);
    expect(services.worker!.image).toBe(services.api!.image);
    expect(services.api!.command).toEqual(['node', 'dist/src/api.main.js']);
    expect(services.worker!.command).toEqual(['node', 'dist/src/worker.main.js']);
    for (const name of ['api', 'worker']) expect(services[name]!.healthcheck!.test).toEqual(['CMD', 'node', 'scripts/healthcheck.mjs', name]);
  });

  test('Prometheus scrapes the API with the shared token, every worker replica and the Temporal server', () => {
    const env = renderComposeEnvironments(COMPOSE, example);
    const configFile = mountOf(services.prometheus!.volumes, '/etc/prometheus/prometheus.yml');
    const config = parse(readFileSync(join(root, configFile!), 'utf8')) as {
      scrape_configs: { job_name: string; metrics_path: string; authorization?: { credentials_file: string }; static_configs?: { targets: string[] }[]; dns_sd_configs?: { names: string[]; port: number }[] }[];
    };
    const job = (name: string) => config.scrape_configs.find((j) => j.job_name === name)!;
    expect(job('relance-api').static_configs![0]!.targets).toEqual([`api:${env.api!.PORT}`]);
    expect(job('relance-api').metrics_path).toBe('/metrics');
    expect(job('relance-api').authorization!.credentials_file).toBe('/run/secrets/relance_metrics_token');
    expect(services.prometheus!.secrets).toEqual(['relance_metrics_token']);
    expect(job('relance-worker').dns_sd_configs).toEqual([expect.objectContaining({ names: ['worker'], port: Number(env.worker!.RELANCE_WORKER_METRICS_PORT) })]);
    expect(env.worker!.RELANCE_WORKER_METRICS_HOST).toBe('0.0.0.0');
    expect(job('temporal-server').static_configs![0]!.targets).toEqual([`temporal:${env.temporal!.PROMETHEUS_ENDPOINT!.split(':')[1]}`]);
  });

  test('each secret has one source in .env and every consumer gets that value', () => {
    const secret = { POSTGRES_PASSWORD: 'pg-'.padEnd(40, 'p'), RELANCE_METRICS_TOKEN: 'mt-'.padEnd(40, 'm') };
    const env = renderComposeEnvironments(COMPOSE, { ...example, ...secret });
    expect([env.postgres!.POSTGRES_PASSWORD, env.temporal!.POSTGRES_PWD, env['temporal-schema']!.POSTGRES_PWD, env['temporal-schema']!.SQL_PASSWORD])
      .toEqual(Array(4).fill(secret.POSTGRES_PASSWORD));
    for (const name of ['api', 'worker']) expect(new URL(env[name]!.DATABASE_URL!).password).toBe(secret.POSTGRES_PASSWORD);
    // Prometheus reads the token the API checks from the compose secret, fed by the same variable.
    expect(compose.secrets).toEqual({ relance_metrics_token: { environment: 'RELANCE_METRICS_TOKEN' } });
    expect(env.api!.RELANCE_METRICS_TOKEN).toBe(secret.RELANCE_METRICS_TOKEN);
    // No secret is written into the compose file itself: every value differing per stack comes from .env.
    const text = readFileSync(COMPOSE, 'utf8');
    for (const value of [example.POSTGRES_PASSWORD, example.RELANCE_METRICS_TOKEN, example.RELANCE_LINK_SECRET, example.RELANCE_DEV_API_KEY]) expect(text).not.toContain(value);
  });

  test('the files the stack mounts exist', () => {
    for (const service of Object.values(services)) {
      for (const volume of service.volumes ?? []) {
        const [host] = volume.split(':');
        if (host!.startsWith('./')) expect([host, existsSync(join(root, host!))]).toEqual([host, true]);
      }
    }
  });
});

describe('image and CI install', () => {
  const code = (file: string) => readFileSync(join(root, file), 'utf8').split('\n').filter((l) => !/^\s*#/.test(l)).join('\n');

  test('the Dockerfile and .ci/run install the locked tree with npm ci, never npm install', () => {
    for (const file of ['Dockerfile', '.ci/run']) {
      expect([file, /\bnpm ci\b/.test(code(file))]).toEqual([file, true]);
      expect([file, /\bnpm (install|i)\b/.test(code(file))]).toEqual([file, false]);
    }
  });

  test("the image's Node is an LTS line the engines accept", () => {
    const image = /^ARG NODE_IMAGE=node:(\d+)-/m.exec(readFileSync(join(root, 'Dockerfile'), 'utf8'));
    const major = Number(image?.[1]);
    expect(major % 2).toBe(0);
    const engines = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
    const openEnded = /(?:^|\|\|)\s*>=(\d+)\.\d+\.\d+\s*$/.exec(engines);
    expect(major).toBeGreaterThanOrEqual(Number(openEnded?.[1]));
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
