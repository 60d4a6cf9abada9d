/**
 * One message per customer, through the API: three overdue invoices of one
 * customer posted together get one email and one SMS listing them; each
 * invoice's messages and timeline show it.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { eventually, isoDateDaysFromToday, startPlatform, uniqueId, type Platform } from '../support/platform.js';

let platform: Platform;
beforeAll(async () => {
  // Long enough for three POSTs to land in one batch, short enough for a wall-clock test.
  platform = await startPlatform({ env: { RELANCE_MESSAGE_BATCH_SECONDS: '5' } });
});
afterAll(async () => {
  await platform?.close();
});

describe('customer messages', () => {
  test('three invoices of one customer due the same day: one email and one SMS listing the three', async () => {
    const customer = { externalId: uniqueId('CUST'), name: 'Garage Moreau', email: 'compta@moreau.example', phone: '+33622334455', language: 'fr' };
    const amounts = ['1000.00', '250.50', '99.99'];
    const invoices: { id: string; number: string }[] = [];
    for (const amount of amounts) {
      const number = uniqueId('F2026');
      const res = await platform.request('POST', '/api/v1/invoices', {
        externalId: uniqueId('INV'), number, customer, issueDate: isoDateDaysFromToday(-38), dueDate: isoDateDaysFromToday(-8), amount, currency: 'EUR',
      });
      expect(res.status).toBe(201);
      invoices.push({ id: res.body.id, number });
    }

    const listed = await eventually(async () => {
      const list = (await platform.request('GET', `/api/v1/messages?invoiceId=${invoices[0]!.id}`)).body as any[];
      return list.length === 2 && list.every((m) => m.status === 'sent') ? list : null;
    }, 30_000);
    expect(listed.map((m) => [m.channel, m.invoiceId, m.step, [...m.invoiceIds].sort()]).sort()).toEqual([
      ['email', null, 'reminder_2', invoices.map((i) => i.id).sort()],
      ['sms', null, 'reminder_2', invoices.map((i) => i.id).sort()],
    ]);
    const email = listed.find((m) => m.channel === 'email');
    for (const invoice of invoices) expect(email.body).toContain(invoice.number);
    expect(email.body).toMatch(/Total restant dû : 1\s350,49\s€/);
    expect(platform.providers.acceptedEmails()).toHaveLength(1);
    expect(platform.providers.acceptedSms().map((m) => m.Body)).toEqual([listed.find((m) => m.channel === 'sms').body]);

    for (const invoice of invoices) {
      expect((await platform.request('GET', `/api/v1/messages?invoiceId=${invoice.id}`)).body.map((m: any) => m.id).sort())
        .toEqual(listed.map((m) => m.id).sort());
      const view = (await platform.request('GET', `/api/v1/invoices/${invoice.id}`)).body;
      expect(view.timeline.find((e: any) => e.type === 'reminder_sent')).toMatchObject({
        step: 'reminder_2', consolidatedMessageId: email.id, messageIds: expect.arrayContaining(listed.map((m) => m.id)),
      });
    }
  });
});
