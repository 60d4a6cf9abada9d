import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startPlatform, type Platform } from '../support/platform.js';

describe('authentication and health', () => {
  let platform: Platform;
  beforeAll(async () => {
    platform = await startPlatform({ worker: false });
  });
  afterAll(async () => {
    await platform?.close();
  });

  test('every API route needs the bearer key', async () => {
    for (const [method, path] of [['GET', '/api/v1/messages'], ['POST', '/api/v1/invoices'], ['POST', '/api/v1/payments'], ['GET', '/api/v1/invoices/x']]) {
      const missing = await platform.request(method!, path!, method === 'POST' ? {} : undefined, { apiKey: null });
      expect({ path, status: missing.status }).toEqual({ path, status: 401 });
      expect(missing.headers.get('www-authenticate')).toContain('Bearer');
      const wrong = await platform.request(method!, path!, method === 'POST' ? {} : undefined, { apiKey: 'wrong-key-0123456789abcdef' });
      expect({ path, status: wrong.status }).toEqual({ path, status: 401 });
    }
  });

  test('a refused request writes nothing', async () => {
    await platform.request('POST', '/api/v1/invoices', { externalId: 'X' }, { apiKey: null });
    const [{ n }] = await platform.db.dataSource.query('SELECT count(*)::int AS n FROM customers');
    expect(n).toBe(0);
  });

  test('health answers without a key when PostgreSQL and Temporal answer', async () => {
    const res = await platform.request('GET', '/health', undefined, { apiKey: null });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', checks: { database: 'up', temporal: 'up' }, taskQueues: { backpressure: false } });
  });
});

describe('health when Temporal is down', () => {
  let platform: Platform;
  beforeAll(async () => {
    // Port 9 (discard) has no Temporal behind it.
    platform = await startPlatform({ worker: false, env: { TEMPORAL_ADDRESS: '127.0.0.1:9' } });
  });
  afterAll(async () => {
    await platform?.close();
  });

  test('is 503 and says which dependency failed', async () => {
    const res = await platform.request('GET', '/health', undefined, { apiKey: null });
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ status: 'unavailable', checks: { database: 'up', temporal: 'down' } });
  });
});
