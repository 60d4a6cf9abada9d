/**
 * One message per customer, not per invoice: invoices of one customer that
 * reach a step the same day are listed in one message per channel, sent by
 * the customer's communications workflow; each invoice's timeline still says
 * what happened to it. Real worker, PostgreSQL and provider stand-in on the
 * time-skipping server.
 */
import { describe, expect, test } from '@jest/globals';
import { MockActivityEnvironment } from '@temporalio/testing';
import {
  createCustomerMessageActivities, type SendCustomerMessagesInput, type SendCustomerMessagesResult,
} from '../../activities/customer-messages.activities.js';
import { DUNNING_ACTIVITY_PORTS, type WorkerActivityPorts } from '../../src/dunning/dunning.module.js';
import { Invoice } from '../../src/invoices/invoice.entity.js';
import { OutboundMessage } from '../../src/messages/outbound-message.entity.js';
import {
  CUSTOMER_MESSAGE_BATCH_DELAY_MS, customerCommsWorkflowId, paymentAppliedSignal, type CustomerMessageRequest,
} from '../../workflows/definitions.js';
import { BUILT_IN_SCENARIO } from '../../workflows/domain/scenario-schedule.js';
import {
  advanceTo, AFTER_BATCH_MS, customerCommsSettled, parisDate, providerTraffic, seedInvoice, settled, shiftDate,
  useDunningHarness, stepInstant, timeline, workflowResult, type SeededInvoice,
} from '../support/time-skipping.js';

/** RELANCE_MESSAGE_BATCH_QUIET_SECONDS's default, which the harness keeps. */
const QUIET_MS = 5_000;

const h = useDunningHarness();

async function today(): Promise<string> {
  return parisDate(await h.env.currentTimeMs());
}

/** Three invoices of one customer, due the same day, with different amounts (€1,000.00 + €250.50 + €99.99 = €1,350.49). */
async function seedThree(dueDate: string): Promise<SeededInvoice[]> {
  const first = await seedInvoice(h.dataSource, { dueDate, amountMinor: 100_000n });
  return [
    first,
    await seedInvoice(h.dataSource, { dueDate, amountMinor: 25_050n, sameCustomerAs: first }),
    await seedInvoice(h.dataSource, { dueDate, amountMinor: 9_999n, sameCustomerAs: first }),
  ];
}

const stepEvent = async (invoiceId: string, step: string) =>
  (await timeline(h.dataSource, invoiceId)).find((e) => e.dedupeKey === `step:${step}`);

describe('customer communications', () => {
  test('three invoices of one customer due the same day: one email and one SMS listing the three; another customer gets its own', async () => {
    const due = shiftDate(await today(), 5);
    const three = await seedThree(due);
    const other = await seedInvoice(h.dataSource, { dueDate: due });
    const handles = [];
    for (const invoice of [...three, other]) handles.push(await h.startWorkflow(invoice));
    for (const handle of handles) await settled(h, handle);

    // The courtesy notice (email) fires for all four at 09:00; the three of one customer wait for their batch,
    // which closes a quiet period after the latest of them (never later than the batch delay after the first).
    const courtesy = stepInstant(due, 'courtesy_notice');
    await advanceTo(h.env, courtesy + QUIET_MS / 2);
    for (const handle of handles) await settled(h, handle);
    const waiting = await customerCommsSettled(h, three[0]!.customerId);
    expect(waiting?.pending).toEqual([{
      date: shiftDate(due, -3), action: 'reminder', sendAt: expect.any(String), invoiceIds: expect.arrayContaining(three.map((i) => i.id)),
    }]);
    expect(Date.parse(waiting!.pending[0]!.sendAt) - courtesy).toBeGreaterThanOrEqual(QUIET_MS);
    expect(Date.parse(waiting!.pending[0]!.sendAt) - courtesy).toBeLessThan(CUSTOMER_MESSAGE_BATCH_DELAY_MS);
    expect(providerTraffic(h.providers, three[0]!).email).toEqual([]);

    await advanceTo(h.env, courtesy + AFTER_BATCH_MS);
    for (const handle of handles) await settled(h, handle);
    const emails = providerTraffic(h.providers, three[0]!).email;
    expect(emails.map((r) => r.status)).toEqual([202]);
    const email = emails[0]!.body;
    const body = email.content?.map((c) => c.value).join('\n') ?? '';
    for (const invoice of three) expect(body).toContain(invoice.number);
    expect(body).toContain('Total outstanding: €1,350.49');
    expect(email.personalizations?.[0]?.subject ?? email.subject).toBe('3 invoices falling due, total €1,350.49');
    const key = `customer:${three[0]!.customerId}:${shiftDate(due, -3)}:email:reminder`;
    expect(email.custom_args?.relance_idempotency_key).toBe(key);
    // The customer's workflow closed by itself once its batch had left.
    expect(await customerCommsSettled(h, three[0]!.customerId)).toBeNull();

    // The message lists the three invoices; each invoice's timeline has the step with that message.
    const message = await h.dataSource.manager.findOneByOrFail(OutboundMessage, { idempotencyKey: key });
    expect(message).toMatchObject({ invoiceId: null, step: 'courtesy_notice', channel: 'email', status: 'sent' });
    for (const invoice of three) {
      expect((await stepEvent(invoice.id, 'courtesy_notice'))?.data).toMatchObject({
        step: 'courtesy_notice', messageIds: [message.id], consolidatedMessageId: message.id, channels: ['email'],
      });
      expect((await stepEvent(invoice.id, 'courtesy_notice'))?.type).toBe('reminder_sent');
    }

    // The other customer's invoice went alone: its step's own message under its per-invoice key.
    const alone = providerTraffic(h.providers, other).email;
    expect(alone.map((r) => [r.status, r.body.custom_args?.relance_idempotency_key])).toEqual([
      [202, `invoice:${other.id}:step:courtesy_notice:email`],
    ]);
    expect(alone[0]!.body.content?.[0]?.value).toContain(other.number);
    expect((await stepEvent(other.id, 'courtesy_notice'))?.data).toMatchObject({ consolidatedMessageId: null, messageIds: [expect.any(String)] });

    // reminder_2 goes out by email and SMS: one of each for the three invoices.
    await advanceTo(h.env, stepInstant(due, 'reminder_2') + AFTER_BATCH_MS);
    for (const handle of handles) await settled(h, handle);
    const traffic = providerTraffic(h.providers, three[0]!);
    expect(traffic.email.map((r) => r.status)).toEqual([202, 202, 202]); // courtesy_notice, reminder_1, reminder_2
    for (const r of traffic.email) for (const invoice of three) expect(r.body.content?.[0]?.value).toContain(invoice.number);
    expect(traffic.sms.map((r) => [r.status, r.body.Body])).toEqual([[201, '3 invoices remain unpaid, total €1,350.49. Please arrange payment or contact us.']]);
    for (const invoice of three) {
      const event = await stepEvent(invoice.id, 'reminder_2');
      expect(event?.data).toMatchObject({ channels: ['email', 'sms'], consolidatedMessageIds: { email: expect.any(String), sms: expect.any(String) } });
    }
    expect(providerTraffic(h.providers, other).sms).toHaveLength(1);
  });

  test('an invoice paid between the hand-off and the batch is left out of the message', async () => {
    const due = shiftDate(await today(), 5);
    const [a, paid, c] = await seedThree(due);
    const handles = [];
    for (const invoice of [a!, paid!, c!]) handles.push(await h.startWorkflow(invoice));
    for (const handle of handles) await settled(h, handle);
    const courtesy = stepInstant(due, 'courtesy_notice');
    await advanceTo(h.env, courtesy + QUIET_MS / 2);
    for (const handle of handles) await settled(h, handle);
    expect((await customerCommsSettled(h, a!.customerId))?.pending[0]?.invoiceIds).toHaveLength(3);

    // Paid after its step handed it over, before the batch closes.
    await h.dataSource.manager.update(Invoice, { id: paid!.id }, { openAmountMinor: 0n, status: 'paid' });
    await handles[1]!.signal(paymentAppliedSignal, { paymentId: 'PAY-1', openAmountMinor: '0' });
    await expect(workflowResult(h, handles[1]!)).resolves.toMatchObject({ status: 'paid' });

    await advanceTo(h.env, courtesy + AFTER_BATCH_MS);
    for (const handle of handles) await settled(h, handle);
    const emails = providerTraffic(h.providers, a!).email;
    expect(emails.map((r) => r.status)).toEqual([202]);
    const body = emails[0]!.body.content?.[0]?.value ?? '';
    expect(body).toContain(a!.number);
    expect(body).toContain(c!.number);
    expect(body).not.toContain(paid!.number);
    expect(body).toContain('Total outstanding: €1,099.99');
    expect((await stepEvent(paid!.id, 'courtesy_notice'))).toMatchObject({
      type: 'step_skipped', data: { reasons: ['invoice no longer open when the customer\'s messages left'] },
    });
    expect((await stepEvent(a!.id, 'courtesy_notice'))?.type).toBe('reminder_sent');
  });

  test('the send activity run twice (a retry) sends and stores each message once; a later batch that day gets its own key', async () => {
    const date = await today();
    const scheduledAt = new Date(await h.env.currentTimeMs()).toISOString();
    const three = await seedThree(shiftDate(date, -8));
    const ports = h.worker.context.get<WorkerActivityPorts>(DUNNING_ACTIVITY_PORTS);
    const activities = createCustomerMessageActivities(ports);
    const reminder2 = BUILT_IN_SCENARIO.steps.find((s) => s.key === 'reminder_2')!;
    const request = (invoice: SeededInvoice): CustomerMessageRequest => ({
      key: `invoice:${invoice.id}:step:reminder_2`, invoiceId: invoice.id, step: reminder2, channels: ['email', 'sms'],
      scheduledAt, scheduledDate: date, scenario: null,
    });
    const input: SendCustomerMessagesInput = { customerId: three[0]!.customerId, date, action: 'reminder', requests: three.map(request) };
    const attempt = (n: number, i = input) =>
      new MockActivityEnvironment({ attempt: n }).run(activities.sendCustomerMessages, i) as Promise<SendCustomerMessagesResult>;

    const first = await attempt(1);
    const second = await attempt(2);
    expect(first.messages.map((m) => [m.channel, m.status, m.invoiceIds.length])).toEqual([['email', 'sent', 3], ['sms', 'sent', 3]]);
    expect(second).toEqual(first);
    const traffic = providerTraffic(h.providers, three[0]!);
    expect(traffic.email.map((r) => r.status)).toEqual([202]);
    expect(traffic.sms.map((r) => r.status)).toEqual([201]);
    const rows = await h.dataSource.manager.find(OutboundMessage, { where: { customerId: three[0]!.customerId } });
    expect(rows.map((m) => m.idempotencyKey).sort()).toEqual([
      `customer:${three[0]!.customerId}:${date}:email:reminder`, `customer:${three[0]!.customerId}:${date}:sms:reminder`,
    ]);
    for (const invoice of three) {
      expect((await timeline(h.dataSource, invoice.id)).filter((e) => e.dedupeKey === 'step:reminder_2')).toHaveLength(1);
    }

    // A hand-off repeated after its batch left (a new run of the customer's workflow) changes nothing…
    expect((await attempt(1, { ...input, requests: [request(three[1]!)] })).messages.map((m) => m.messageId))
      .toEqual(first.messages.map((m) => m.messageId));
    // …while invoices reaching the step later that day make a second batch, under the next key.
    const later = [
      await seedInvoice(h.dataSource, { dueDate: shiftDate(date, -8), sameCustomerAs: three[0]! }),
      await seedInvoice(h.dataSource, { dueDate: shiftDate(date, -8), sameCustomerAs: three[0]! }),
    ];
    const again = await attempt(1, { ...input, requests: later.map(request) });
    expect(again.messages.map((m) => [m.channel, m.invoiceIds.length])).toEqual([['email', 2], ['sms', 2]]);
    const keys = (await h.dataSource.manager.findBy(OutboundMessage, { customerId: three[0]!.customerId })).map((m) => m.idempotencyKey);
    expect(keys).toContain(`customer:${three[0]!.customerId}:${date}:email:reminder:2`);
    expect(providerTraffic(h.providers, three[0]!).email.map((r) => r.status)).toEqual([202, 202]);
    // Nothing was left running for the customer by this test (the activity ran outside any workflow).
    await expect(h.env.client.workflow.getHandle(customerCommsWorkflowId(three[0]!.customerId)).describe()).rejects.toThrow();
  });
});
