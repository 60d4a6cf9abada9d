import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { Clock } from '../../src/clock/clock.js';
import { startPlatform, TEST_API_KEY, type Platform } from '../support/platform.js';

/**
 * Ages count from today in the entity's zone, read from the injected Clock, never the wall clock
 * nor the UTC date: pinned at 23:30 UTC on 10 January 2030, it is already 11 January in Paris.
 */
class PinnedClock extends Clock {
  constructor(private readonly at: number) {
    super();
  }

  nowMs(): number {
    return this.at;
  }
}

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform({ worker: false, clock: new PinnedClock(Date.parse('2030-01-10T23:30:00Z')) });
  for (const [number, dueDate] of [['Z-1', '2030-01-01'], ['Z-2', '2030-01-10'], ['Z-3', '2030-01-11']] as const) {
    const res = await platform.request('POST', '/api/v1/invoices', {
      externalId: `X-${number}`, number, amount: '100.00', currency: 'EUR', issueDate: '2029-12-01', dueDate,
      customer: { externalId: 'ZULU', name: 'Zulu SA', email: 'ap@zulu.example' },
    });
    expect(res.status).toBe(201);
  }
}, 60_000);
afterAll(async () => {
  await platform?.close();
});

describe('the injected clock, in the entity’s zone', () => {
  test('invoice list: daysOverdue and the overdue filter count from 11 January (Paris), not 10 January (UTC)', async () => {
    const res = await platform.request('GET', '/api/v1/invoices?sort=dueDate');
    expect(res.body.items.map((i: { number: string; daysOverdue: number }) => [i.number, i.daysOverdue])).toEqual([['Z-1', 10], ['Z-2', 1], ['Z-3', 0]]);
    const overdue = await platform.request('GET', '/api/v1/invoices?overdue=true');
    expect(overdue.body.items.map((i: { number: string }) => i.number)).toEqual(['Z-1', 'Z-2']);
  });

  test('customer list, account and statement use the same day', async () => {
    const list = await platform.request('GET', '/api/v1/customers');
    expect(list.body.items[0].balances).toEqual([{ currency: 'EUR', open: '300.00', overdue: '200.00', openCount: 3, overdueCount: 2, unapplied: '0.00', balance: '300.00' }]);
    const account = await platform.request('GET', '/api/v1/customers/ZULU');
    expect(account.body.asOf).toBe('2030-01-11');
    expect(account.body.openItems.map((i: { daysOverdue: number }) => i.daysOverdue)).toEqual([10, 1, 0]);
    const res = await fetch(`${platform.baseUrl}/api/v1/customers/ZULU/statement`, {
      headers: { authorization: `Bearer ${TEST_API_KEY}`, accept: 'text/csv' },
    });
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="statement-ZULU-2030-01-11.csv"');
    const rows = parse(await res.text(), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.number, r.daysOverdue])).toEqual([['Z-1', '10'], ['Z-2', '1'], ['Z-3', '0'], ['TOTAL', '']]);
  });
});
