/**
 * Relance's Temporal connections over TLS, mTLS and an API key, end to end with the real SDKs: the
 * API's client (grpc-js), its /health probe and the worker's NativeConnection (Rust core) built from the
 * same configuration reach the suite's dev server through a TLS front (test/support/grpc-tls-proxy.ts)
 * that requires the test CA's client certificate and a bearer key, as Temporal Cloud does.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { loadConfig } from '../../src/config/app-config.js';
import { temporalConnectionOptions } from '../../src/temporal/temporal-connection-options.js';
import { TemporalHealthProbe } from '../../src/temporal/temporal-health.probe.js';
import { startGrpcTlsProxy, type GrpcTlsProxy } from '../support/grpc-tls-proxy.js';
import { uniqueId } from '../support/platform.js';
import { suiteState } from '../support/suite-state.js';

const fixture = (name: string) => join(process.cwd(), 'test/fixtures/temporal-tls', name);
const API_KEY = 'relance-test-api-key-0123456789';
let proxy: GrpcTlsProxy;

const secured = (overrides: Record<string, string> = {}) => loadConfig({
  TEMPORAL_ADDRESS: proxy.address,
  TEMPORAL_API_KEY: API_KEY,
  TEMPORAL_TLS_SERVER_NAME: 'temporal.test',
  TEMPORAL_TLS_SERVER_CA_CERT_PATH: fixture('ca.pem'),
  TEMPORAL_TLS_CLIENT_CERT_PATH: fixture('client.pem'),
  TEMPORAL_TLS_CLIENT_KEY_PATH: fixture('client.key'),
  ...overrides,
});

beforeAll(async () => {
  proxy = await startGrpcTlsProxy(suiteState().temporalAddress, { requireClientCertificate: true, apiKey: API_KEY });
});
afterAll(async () => {
  await proxy?.close();
});

describe('with the client pair, the CA, the server name and the API key', () => {
  test("the API's client starts and describes a workflow through TLS", async () => {
    const connection = await Connection.connect(temporalConnectionOptions(secured()));
    try {
      const client = new Client({ connection });
      const workflowId = uniqueId('tls-probe');
      // Nothing polls this queue: the start and the describe are what cross the TLS front.
      const handle = await client.workflow.start('tlsProbeWorkflow', { taskQueue: uniqueId('tls-nobody'), workflowId });
      expect((await handle.describe()).status.name).toBe('RUNNING');
      await handle.terminate('test over');
    } finally {
      await connection.close();
    }
    const started = proxy.calls.filter((c) => c.path.endsWith('/StartWorkflowExecution'));
    expect(started).toEqual([{ path: '/temporal.api.workflowservice.v1.WorkflowService/StartWorkflowExecution', authorization: `Bearer ${API_KEY}`, clientCertificate: 'relance-worker', serverName: 'temporal.test' }]);
  });

  test("the worker's native connection (Rust core) connects with the same options", async () => {
    const before = proxy.calls.length;
    const connection = await NativeConnection.connect(temporalConnectionOptions(secured()));
    try {
      const info = await connection.workflowService.getSystemInfo({});
      expect(info.capabilities).toBeTruthy();
    } finally {
      await connection.close();
    }
    const calls = proxy.calls.slice(before);
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) expect([call.authorization, call.clientCertificate, call.serverName]).toEqual([`Bearer ${API_KEY}`, 'relance-worker', 'temporal.test']);
  });

  test('the /health probe reaches Temporal through the same options', async () => {
    const probe = new TemporalHealthProbe(secured());
    try {
      await expect(probe.check(5000)).resolves.toBeUndefined();
    } finally {
      await probe.onApplicationShutdown();
    }
  });
});

describe('refused when a part is missing', () => {
  test('a wrong API key is refused by the server (UNAUTHENTICATED)', async () => {
    // Connection.connect asks for the server's system info first: that call is refused.
    const refused = await Connection.connect(temporalConnectionOptions(secured({ TEMPORAL_API_KEY: 'not-the-key' }))).then(() => null, (err: unknown) => err);
    expect(String((refused as Error).cause ?? refused)).toMatch(/UNAUTHENTICATED: missing or wrong API key/);
  });

  test('no client certificate: the TLS handshake fails', async () => {
    const config = secured({ TEMPORAL_TLS_CLIENT_CERT_PATH: '', TEMPORAL_TLS_CLIENT_KEY_PATH: '' });
    expect(temporalConnectionOptions(config).tls).toEqual(expect.not.objectContaining({ clientCertPair: expect.anything() }));
    await expect(NativeConnection.connect({ ...temporalConnectionOptions(config), connectTimeout: '3s' } as Parameters<typeof NativeConnection.connect>[0])).rejects.toThrow();
  });

  test('plain gRPC to a TLS endpoint fails', async () => {
    const config = loadConfig({ TEMPORAL_ADDRESS: proxy.address, TEMPORAL_API_KEY: API_KEY, TEMPORAL_TLS: 'false' });
    expect(temporalConnectionOptions(config).tls).toBe(false);
    await expect(NativeConnection.connect(temporalConnectionOptions(config))).rejects.toThrow();
  });
});
