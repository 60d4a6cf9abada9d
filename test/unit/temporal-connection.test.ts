/**
 * TLS / mTLS / API-key options for Temporal (Temporal Cloud or a secured self-hosted cluster): what the
 * variables turn into for the API's client and the worker, and the boot-time refusals of anything
 * half-configured. Fixtures: test/fixtures/temporal-tls (a test CA, a client pair it signed, a stray key).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { ConfigValidationError, loadConfig } from '../../src/config/app-config.js';
import { temporalConnectionOptions } from '../../src/temporal/temporal-connection-options.js';

const dir = join(process.cwd(), 'test/fixtures/temporal-tls');
const file = (name: string) => join(dir, name);
const pemText = (name: string) => readFileSync(file(name), 'utf8');
const CLOUD = 'relance.a1b2c.tmprl.cloud:7233';

function problemsOf(env: Record<string, string>): { variable: string; messages: string[] }[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigValidationError) return err.problems;
    throw err;
  }
  throw new Error('expected the configuration to be refused');
}

describe('Temporal connection options', () => {
  test('no settings: plain gRPC to TEMPORAL_ADDRESS, or to the dev server', () => {
    expect(temporalConnectionOptions(loadConfig({}))).toEqual({ address: '127.0.0.1:7233' });
    expect(temporalConnectionOptions(loadConfig({ TEMPORAL_ADDRESS: 'temporal:7233' }))).toEqual({ address: 'temporal:7233' });
  });

  test('an API key (Temporal Cloud) turns TLS on with the system CAs', () => {
    expect(temporalConnectionOptions(loadConfig({ TEMPORAL_ADDRESS: CLOUD, TEMPORAL_API_KEY: 'eyJ.key' }))).toEqual({
      address: CLOUD, tls: {}, apiKey: 'eyJ.key',
    });
  });

  test('TEMPORAL_TLS=false keeps an API key on plain gRPC (a proxy terminates TLS)', () => {
    expect(temporalConnectionOptions(loadConfig({ TEMPORAL_ADDRESS: 'proxy:7233', TEMPORAL_API_KEY: 'k', TEMPORAL_TLS: 'false' }))).toEqual({
      address: 'proxy:7233', tls: false, apiKey: 'k',
    });
  });

  test('mTLS from files: the client pair, the server CA and the name to check', () => {
    const options = temporalConnectionOptions(loadConfig({
      TEMPORAL_ADDRESS: '10.0.0.5:7233',
      TEMPORAL_TLS_CLIENT_CERT_PATH: file('client.pem'), TEMPORAL_TLS_CLIENT_KEY_PATH: file('client.key'),
      TEMPORAL_TLS_SERVER_CA_CERT_PATH: file('ca.pem'), TEMPORAL_TLS_SERVER_NAME: 'temporal.test',
    }));
    expect(options.address).toBe('10.0.0.5:7233');
    expect(options.apiKey).toBeUndefined();
    expect(options.tls).toEqual({
      serverNameOverride: 'temporal.test',
      serverRootCACertificate: readFileSync(file('ca.pem')),
      clientCertPair: { crt: readFileSync(file('client.pem')), key: readFileSync(file('client.key')) },
    });
  });

  test('PEM text works too, with \\n escapes so it fits on one .env line', () => {
    const oneLine = (name: string) => pemText(name).trim().replace(/\n/g, '\\n');
    const options = temporalConnectionOptions(loadConfig({
      TEMPORAL_ADDRESS: CLOUD, TEMPORAL_TLS_CLIENT_CERT_DATA: oneLine('client.pem'), TEMPORAL_TLS_CLIENT_KEY_DATA: pemText('client.key'),
    }));
    expect(options.tls && Buffer.from(options.tls.clientCertPair!.crt).toString()).toBe(pemText('client.pem').trim());
    expect(options.tls && Buffer.from(options.tls.clientCertPair!.key).toString()).toBe(pemText('client.key'));
  });

  test('TEMPORAL_TLS=true alone: TLS with the system CAs', () => {
    expect(temporalConnectionOptions(loadConfig({ TEMPORAL_ADDRESS: CLOUD, TEMPORAL_TLS: 'true' }))).toEqual({ address: CLOUD, tls: {} });
  });
});

describe('half-configured TLS is refused at boot, naming the variable', () => {
  const base = { TEMPORAL_ADDRESS: CLOUD };

  test('a client certificate without its key, or a key without its certificate', () => {
    expect(problemsOf({ ...base, TEMPORAL_TLS_CLIENT_CERT_PATH: file('client.pem') })).toEqual([{
      variable: 'TEMPORAL_TLS_CLIENT_KEY_PATH',
      messages: ['TEMPORAL_TLS_CLIENT_KEY_PATH (or _DATA) is required with TEMPORAL_TLS_CLIENT_CERT_PATH: mTLS needs the client certificate and its private key'],
    }]);
    expect(problemsOf({ ...base, TEMPORAL_TLS_CLIENT_KEY_DATA: pemText('client.key') }).map((p) => p.variable)).toEqual(['TEMPORAL_TLS_CLIENT_CERT_PATH']);
  });

  test('a key that does not belong to the certificate', () => {
    const [problem] = problemsOf({ ...base, TEMPORAL_TLS_CLIENT_CERT_PATH: file('client.pem'), TEMPORAL_TLS_CLIENT_KEY_PATH: file('other.key') });
    expect(problem).toEqual({ variable: 'TEMPORAL_TLS_CLIENT_KEY_PATH', messages: ['the private key does not belong to the certificate in TEMPORAL_TLS_CLIENT_CERT_PATH'] });
  });

  test('a file that cannot be read, or that is not PEM', () => {
    const [missing] = problemsOf({ ...base, TEMPORAL_TLS_SERVER_CA_CERT_PATH: file('absent.pem') });
    expect(missing!.variable).toBe('TEMPORAL_TLS_SERVER_CA_CERT_PATH');
    expect(missing!.messages[0]).toMatch(/^cannot read .*absent\.pem: ENOENT/);
    expect(problemsOf({ ...base, TEMPORAL_TLS_SERVER_CA_CERT_PATH: file('client.key') })).toEqual([
      { variable: 'TEMPORAL_TLS_SERVER_CA_CERT_PATH', messages: ['is not a PEM certificate (-----BEGIN CERTIFICATE-----)'] },
    ]);
    expect(problemsOf({ ...base, TEMPORAL_TLS_CLIENT_CERT_PATH: file('client.pem'), TEMPORAL_TLS_CLIENT_KEY_PATH: file('client.pem') })).toEqual([
      { variable: 'TEMPORAL_TLS_CLIENT_KEY_PATH', messages: ['is not a PEM private key (-----BEGIN PRIVATE KEY-----)'] },
    ]);
  });

  test('a file and inline text for the same item', () => {
    expect(problemsOf({ ...base, TEMPORAL_TLS_SERVER_CA_CERT_PATH: file('ca.pem'), TEMPORAL_TLS_SERVER_CA_CERT_DATA: pemText('ca.pem') })).toEqual([
      { variable: 'TEMPORAL_TLS_SERVER_CA_CERT_DATA', messages: ['set TEMPORAL_TLS_SERVER_CA_CERT_PATH or TEMPORAL_TLS_SERVER_CA_CERT_DATA, not both'] },
    ]);
  });

  test('TLS settings with TEMPORAL_TLS=false', () => {
    expect(problemsOf({ ...base, TEMPORAL_TLS: 'false', TEMPORAL_TLS_SERVER_NAME: 'x', TEMPORAL_TLS_SERVER_CA_CERT_PATH: file('ca.pem') })).toEqual([
      { variable: 'TEMPORAL_TLS', messages: ['TEMPORAL_TLS=false but TEMPORAL_TLS_SERVER_NAME, TEMPORAL_TLS_SERVER_CA_CERT_PATH are set: remove them or turn TLS on'] },
    ]);
    expect(problemsOf({ ...base, TEMPORAL_TLS: 'yes' }).map((p) => p.variable)).toEqual(['TEMPORAL_TLS']);
  });

  test('TLS or an API key without TEMPORAL_ADDRESS (the embedded dev server has neither)', () => {
    expect(problemsOf({ TEMPORAL_API_KEY: 'k' })).toEqual([
      { variable: 'TEMPORAL_ADDRESS', messages: ['TEMPORAL_ADDRESS is required with TEMPORAL_API_KEY: the embedded dev server has no TLS or API keys'] },
    ]);
    expect(problemsOf({ TEMPORAL_TLS_CLIENT_CERT_PATH: file('client.pem'), TEMPORAL_TLS_CLIENT_KEY_PATH: file('client.key') }).map((p) => p.variable)).toEqual(['TEMPORAL_ADDRESS']);
  });

  test('production accepts a complete Temporal Cloud configuration', () => {
    const config = loadConfig({
      RELANCE_ENV: 'production', DATABASE_URL: 'postgres://u:p@db:5432/relance', RELANCE_DEV_API_KEY: 'k'.repeat(32),
      RELANCE_LINK_SECRET: 's'.repeat(32), RELANCE_PUBLIC_URL: 'https://relance.example.com',
      TEMPORAL_ADDRESS: CLOUD, TEMPORAL_NAMESPACE: 'relance.a1b2c', TEMPORAL_API_KEY: 'eyJ.key',
    });
    expect(temporalConnectionOptions(config)).toEqual({ address: CLOUD, tls: {}, apiKey: 'eyJ.key' });
  });
});
