/**
 * Fail closed: when the order check cannot read what it needs (here the
 * disputes capability's table, renamed away in this test's own database) the
 * API answers 503 DEPENDENCY_UNAVAILABLE, never an `allow` computed without it.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startPlatform, uniqueId, type Platform } from '../support/platform.js';

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform({ worker: false });
});
afterAll(async () => {
  await platform?.close();
});

describe('the order check fails closed', () => {
  test('disputes unreadable: 503 with a code for the check and the risk view; readable again: the check answers', async () => {
    const customer = { externalId: uniqueId('CUST'), name: 'Blind SA', email: 'ap@blind.example' };
    const externalId = uniqueId('INV');
    const created = await platform.request('POST', '/api/v1/invoices', {
      externalId, number: externalId, issueDate: '2026-11-01', dueDate: '2026-12-01', amount: '1000.00', currency: 'EUR', customer,
    });
    expect(created.status).toBe(201);
    const check = () => platform.request('POST', `/api/v1/customers/${customer.externalId}/order-check`, { amount: '100.00', currency: 'EUR' });
    const before = await check();
    expect({ status: before.status, decision: before.body.decision }).toEqual({ status: 200, decision: 'allow' });

    await platform.db.dataSource.query(`ALTER TABLE disputes RENAME TO disputes_away`);
    try {
      const blind = await check();
      expect(blind.status).toBe(503);
      expect(blind.body).toMatchObject({ statusCode: 503, code: 'DEPENDENCY_UNAVAILABLE', dependency: 'Disputes' });
      expect(blind.body.decision).toBeUndefined();
      const risk = await platform.request('GET', `/api/v1/customers/${customer.externalId}/risk`);
      expect({ status: risk.status, code: risk.body.code }).toEqual({ status: 503, code: 'DEPENDENCY_UNAVAILABLE' });
    } finally {
      await platform.db.dataSource.query(`ALTER TABLE disputes_away RENAME TO disputes`);
    }
    const after = await check();
    expect({ status: after.status, decision: after.body.decision }).toEqual({ status: 200, decision: 'allow' });
  });
});
