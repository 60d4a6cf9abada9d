/**
 * Scenario effectiveness against the real API, worker, Temporal dev server and
 * PostgreSQL: steps really run and send, payments and a dispute follow, and the
 * figures are those counted by hand below. The API's clock then moves 30 days
 * ahead of the worker's, so every 3/7/14-day window after today's steps is over.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { Clock } from '../../src/clock/clock.js';
import { eventually, isoDateDaysFromToday, startPlatform, uniqueId, type Platform } from '../support/platform.js';

const DAY_MS = 86_400_000;
/** The machine's clock, moved forward by `aheadDays` (changed by the test). */
class AheadClock extends Clock {
  aheadDays = 0;

  nowMs(): number {
    return Date.now() + this.aheadDays * DAY_MS;
  }
}

const clock = new AheadClock();
/** SendGrid's event-webhook key pair, made here: the platform is given its public half. */
const sendgridKeys = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform({
    clock,
    env: { SENDGRID_WEBHOOK_PUBLIC_KEY: sendgridKeys.publicKey.export({ type: 'spki', format: 'der' }).toString('base64') },
  });
});

/** Posts provider events signed as SendGrid signs them (P-256 over timestamp + body). */
async function postSendGridEvents(events: { messageId: string; event: string }[]) {
  const body = JSON.stringify(events.map((e, n) => ({
    event: e.event, email: 'x@example.com', timestamp: 1_800_000_000 + n, sg_event_id: uniqueId('ev'), relance_message_id: e.messageId,
  })));
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = sign('sha256', Buffer.from(timestamp + body, 'utf8'), { key: sendgridKeys.privateKey, dsaEncoding: 'der' }).toString('base64');
  const res = await fetch(`${platform.baseUrl}/api/v1/webhooks/sendgrid/events`, {
    method: 'POST', body,
    headers: { 'content-type': 'application/json', 'x-twilio-email-event-webhook-timestamp': timestamp, 'x-twilio-email-event-webhook-signature': signature },
  });
  expect(res.status).toBeLessThan(300);
}
afterAll(async () => {
  await platform?.close();
});

async function postInvoice(customer: Record<string, unknown>, amount: string, dueInDays: number) {
  const externalId = uniqueId('INV');
  const res = await platform.request('POST', '/api/v1/invoices', {
    externalId, number: externalId, issueDate: isoDateDaysFromToday(dueInDays - 30), dueDate: isoDateDaysFromToday(dueInDays),
    amount, currency: 'EUR', customer: { name: `Client ${customer.externalId as string}`, ...customer },
  });
  expect(res.status).toBe(201);
  return { id: res.body.id as string, externalId };
}

async function pay(invoiceExternalId: string, amount: string, daysFromToday: number) {
  const res = await platform.request('POST', '/api/v1/payments', {
    externalId: uniqueId('PAY'), amount, currency: 'EUR', receivedAt: `${isoDateDaysFromToday(daysFromToday)}T10:00:00Z`,
    allocations: [{ invoiceExternalId, amount }],
  });
  expect(res.status).toBe(201);
}

const timeline = async (id: string) => (await platform.request('GET', `/api/v1/invoices/${id}`)).body.timeline as { type: string; step?: string }[];

describe('GET /api/v1/scenarios/:id/effectiveness', () => {
  test('per version, step and channel: messages, paid within 3/7/14 days, cash, disputes, days late', async () => {
    const created = await platform.request('POST', '/api/v1/scenarios', {
      name: uniqueId('Effective'),
      definition: { steps: [
        { key: 'first', trigger: { kind: 'due_date', offsetDays: 1 }, action: 'reminder', channels: ['email', 'sms'] },
        { key: 'notice', trigger: { kind: 'due_date', offsetDays: 10 }, action: 'formal_notice', channels: ['email', 'letter'] },
      ] },
    });
    const scenarioId = created.body.id as string;
    expect((await platform.request('POST', `/api/v1/scenarios/${scenarioId}/publish`, { inFlightPolicy: 'keep_version' })).status).toBe(201);
    const segment = uniqueId('seg');
    expect((await platform.request('PUT', '/api/v1/scenario-assignments/segments', { segment, scenarioId })).status).toBe(200);

    // Due 3 days ago: "first" (due + 1) runs today, "notice" (due + 10) is ahead. Due 12 days ago: only "notice" runs
    // (an invoice arriving late runs its latest passed step).
    const email = (name: string) => `ap@${name}.example`;
    const inv1 = await postInvoice({ externalId: uniqueId('C1'), email: email('c1'), phone: '+33611000001', segment }, '300.00', -3);
    const inv2 = await postInvoice({ externalId: uniqueId('C2'), email: email('c2'), segment }, '200.00', -3);
    const c3 = { externalId: uniqueId('C3'), email: email('c3'), segment };
    const inv3a = await postInvoice(c3, '250.00', -3);
    const inv3b = await postInvoice(c3, '150.00', -3);
    const inv4 = await postInvoice({ externalId: uniqueId('C4'), email: email('c4'), segment }, '400.00', -12);

    for (const [invoice, step] of [[inv1, 'first'], [inv2, 'first'], [inv3a, 'first'], [inv3b, 'first'], [inv4, 'notice']] as const) {
      await eventually(async () => (await timeline(invoice.id)).some((e) => e.type === 'reminder_sent' && e.step === step), 30_000);
    }
    let sent: { id: string; status: string; channel: string; recipient: string }[] = [];
    await eventually(async () => {
      const all = (await platform.request('GET', '/api/v1/messages')).body;
      sent = (Array.isArray(all) ? all : all.items) as typeof sent;
      return sent.length > 0 && sent.every((m) => m.status !== 'pending');
    }, 30_000);
    // What SendGrid reports: C1's and C3's reminder emails delivered, C3's opened; nothing yet about C2's.
    const emailTo = (name: string) => sent.find((m) => m.channel === 'email' && m.recipient === email(name))!.id;
    await postSendGridEvents([
      { messageId: emailTo('c1'), event: 'processed' }, { messageId: emailTo('c1'), event: 'delivered' },
      { messageId: emailTo('c3'), event: 'delivered' }, { messageId: emailTo('c3'), event: 'open' },
    ]);

    // What followed today's steps (days from today): a promise on inv2 today; inv1 paid in full at +2, inv2 at +5,
    // inv3a 100.00 of 250.00 at +1, inv4 paid at +20; a dispute on inv3b today.
    const promise = await platform.request('POST', '/api/v1/promises', {
      customerExternalId: (await platform.request('GET', `/api/v1/invoices/${inv2.id}`)).body.customer.externalId,
      invoiceExternalIds: [inv2.externalId], amount: '200.00', currency: 'EUR', promisedFor: isoDateDaysFromToday(5), channel: 'phone',
    });
    expect(promise.status).toBe(201);
    await pay(inv1.externalId, '300.00', 2);
    await pay(inv2.externalId, '200.00', 5);
    await pay(inv3a.externalId, '100.00', 1);
    await pay(inv4.externalId, '400.00', 20);
    const dispute = await platform.request('POST', '/api/v1/disputes', { invoiceIds: [inv3b.id], reasonCode: 'price', comment: 'Price above the order' });
    expect(dispute.status).toBe(201);

    clock.aheadDays = 30;
    const res = await platform.request('GET', `/api/v1/scenarios/${scenarioId}/effectiveness`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ scenarioId, asOf: isoDateDaysFromToday(30), tracked: { delivery: true } });
    const [v1] = res.body.versions;
    expect(v1.version).toBe(1);
    expect(v1.invoices).toBe(5);
    const [first, notice] = v1.steps;
    // first (today) reached inv1, inv2, inv3a, inv3b. Messages: inv1's email and SMS, inv2's email (no phone: no SMS), and one
    // email to C3 listing both its invoices → 4 sent. Paid within 3 days: inv1 (+2) → 1 of 4; within 7: inv1, inv2 (+5) → 2 of 4;
    // within 14: 2 of 4. Cash after it: 300.00 + 200.00 + 100.00 = 600.00. Promise: inv2's. Dispute: inv3b's. Days late: inv1 2 − (−3) = 5,
    // inv2 5 − (−3) = 8 → 6.5 over 2 paid invoices.
    expect(first).toMatchObject({
      step: 'first', action: 'reminder', invoices: 4,
      messages: { sent: 4, failed: 0, pending: 0, delivered: 2, opened: 1 },
      paidWithin: { days3: { paid: 1, decided: 4, rate: 0.25 }, days7: { paid: 2, decided: 4, rate: 0.5 }, days14: { paid: 2, decided: 4, rate: 0.5 } },
      collected: [{ currency: 'EUR', amount: '600.00' }], promises: 1, disputes: 1, averageDaysLate: 6.5, paidInvoices: 2,
    });
    // By channel: the email reached all four (3 distinct messages); the SMS inv1 only (paid at +2, 300.00, 5 days late).
    expect(first.channels.map((c: { channel: string; invoices: number; messages: { sent: number } }) => [c.channel, c.invoices, c.messages.sent]))
      .toEqual([['email', 4, 3], ['sms', 1, 1]]);
    // Delivery: of the 3 emails, C1's and C3's delivered, C3's opened; the SMS has no event yet (not tracked).
    expect(first.channels[0].messages).toMatchObject({ delivered: 2, opened: 1 });
    expect(first.channels[1].messages).toMatchObject({ delivered: null, opened: null });
    expect(first.channels[1]).toMatchObject({
      paidWithin: { days3: { paid: 1, decided: 1, rate: 1 }, days14: { paid: 1, decided: 1, rate: 1 } },
      collected: [{ currency: 'EUR', amount: '300.00' }], promises: 0, disputes: 0, averageDaysLate: 5,
    });
    // notice (today) reached inv4: an email and a letter. Paid at +20: not within 14 days, and its 400.00 came too long after
    // the step to be attributed to it. Days late: 20 − (−12) = 32.
    expect(notice).toMatchObject({
      step: 'notice', action: 'formal_notice', invoices: 1, messages: { sent: 2, failed: 0, pending: 0, delivered: null, opened: null },
      paidWithin: { days3: { paid: 0, decided: 1, rate: 0 }, days7: { paid: 0, decided: 1, rate: 0 }, days14: { paid: 0, decided: 1, rate: 0 } },
      collected: [], promises: 0, disputes: 0, averageDaysLate: 32, paidInvoices: 1,
    });
    expect(notice.channels.map((c: { channel: string }) => c.channel)).toEqual(['email', 'letter']);

    expect((await platform.request('GET', '/api/v1/scenarios/00000000-0000-4000-8000-000000000000/effectiveness')).status).toBe(404);
    expect((await platform.request('GET', '/api/v1/scenarios/not-a-uuid/effectiveness')).status).toBe(404);
  });
});
