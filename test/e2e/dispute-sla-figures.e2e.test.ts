// Open disputes past their SLA, as the dashboard shows them: counted at the API's now (an injected clock moved forward).
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { Clock } from '../../src/clock/clock.js';
import { createUsers, eventually, isoDateDaysFromToday, startPlatform, uniqueId, type Platform } from '../support/platform.js';

class SettableClock extends Clock {
  constructor(public at: number) {
    super();
  }

  nowMs(): number {
    return this.at;
  }
}

const HOUR = 3_600_000;
const clock = new SettableClock(Date.now());
let platform: Platform;
let tokens: Record<string, string>;

beforeAll(async () => {
  platform = await startPlatform({ clock });
  ({ tokens } = await createUsers(platform, { collector: ['collector'] }));
});
afterAll(async () => {
  await platform?.close();
});

describe('dispute figures: past the SLA', () => {
  test('an open dispute counts past its SLA once the resolution hours of its rule have run out', async () => {
    const externalId = uniqueId('INV');
    const invoice = await platform.request('POST', '/api/v1/invoices', {
      externalId, number: externalId, amount: '480.00', currency: 'EUR', issueDate: isoDateDaysFromToday(-40), dueDate: isoDateDaysFromToday(-10),
      customer: { externalId: uniqueId('C'), name: 'Menuiserie Petit', email: 'ap@petit.example' },
    });
    expect(invoice.status).toBe(201);
    const opened = await platform.request('POST', '/api/v1/disputes', {
      invoiceIds: [invoice.body.id], reasonCode: 'quantity', comment: 'Deux palettes manquantes',
    }, { apiKey: tokens.collector });
    expect(opened.status).toBe(201);
    const dispute = await eventually(async () => {
      const d = await platform.request('GET', `/api/v1/disputes/${opened.body.id}`);
      return d.body.status === 'in_review' && d.body;
    });

    const figure = async () => (await platform.request('GET', '/api/v1/disputes/stats')).body.openByReason
      .find((r: { reasonCode: string }) => r.reasonCode === 'quantity');
    expect(await figure()).toEqual({ reasonCode: 'quantity', count: 1, amount: '480.00', currency: 'EUR', pastSla: 0 });

    // The inbox's due instant is where the SLA runs out: one hour before it, not yet; a second after it, past.
    const dueAt = Date.parse(dispute.createdAt) + (await resolutionHours(dispute.id)) * HOUR;
    clock.at = dueAt - HOUR;
    expect((await figure()).pastSla).toBe(0);
    clock.at = dueAt + 1000;
    expect((await figure()).pastSla).toBe(1);
  });
});

async function resolutionHours(disputeId: string): Promise<number> {
  const [row] = await platform.db.dataSource.query(`SELECT (snapshot->>'resolutionHours')::int AS hours FROM disputes WHERE id = $1`, [disputeId]);
  return row.hours as number;
}
