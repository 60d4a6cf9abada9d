/**
 * The dunning send activity against PostgreSQL and the provider stand-in:
 * idempotent across attempts, and telling refusals from transient failures.
 */
import { describe, expect, test } from '@jest/globals';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createDunningActivities, type ExecuteDunningStepResult } from '../../activities/dunning.activities.js';
import type { DunningActivityPorts } from '../../activities/ports.js';
import { DUNNING_ACTIVITY_PORTS } from '../../src/dunning/dunning.module.js';
import { customerCommsWorkflowId } from '../../workflows/definitions.js';
import {
  advanceTo, AFTER_BATCH_MS, messages, parisDate, providerTraffic, seedInvoice, sentSteps, settled, shiftDate, useDunningHarness,
  stepInstant, timeline,
} from '../support/time-skipping.js';


const h = useDunningHarness();

async function today(): Promise<string> {
  return parisDate(await h.env.currentTimeMs());
}

describe('executeDunningStep', () => {
  test('running the same step twice (an activity retry) sends and stores one message per channel', async () => {
    const invoice = await seedInvoice(h.dataSource, { dueDate: shiftDate(await today(), -8) });
    // The worker's own ports: the real stores over PostgreSQL and the SDK senders.
    const activities = createDunningActivities(h.worker.context.get<DunningActivityPorts>(DUNNING_ACTIVITY_PORTS));
    const input = {
      invoiceId: invoice.id,
      step: 'reminder_2' as const,
      channels: ['email' as const, 'sms' as const],
      scheduledAt: new Date(stepInstant(invoice.dueDate, 'reminder_2')).toISOString(),
      scheduledDate: shiftDate(invoice.dueDate, 7),
    };

    const attempt = (n: number) =>
      new MockActivityEnvironment({ attempt: n }).run(activities.executeDunningStep, input) as Promise<ExecuteDunningStepResult>;
    const first = await attempt(1);
    const second = await attempt(2);

    expect(first).toMatchObject({ outcome: 'executed', messageIds: [expect.any(String), expect.any(String)] });
    expect(second).toEqual(first);
    const rows = await messages(h.dataSource, invoice.id);
    expect(rows.map((m) => [m.step, m.channel, m.status]).sort()).toEqual([
      ['reminder_2', 'email', 'sent'],
      ['reminder_2', 'sms', 'sent'],
    ]);
    expect(rows.map((m) => m.id).sort()).toEqual([...first.messageIds].sort());
    const traffic = providerTraffic(h.providers, invoice);
    expect(traffic.email.map((r) => r.status)).toEqual([202]);
    expect(traffic.sms.map((r) => r.status)).toEqual([201]);
    expect((await timeline(h.dataSource, invoice.id)).filter((e) => e.type === 'reminder_sent')).toHaveLength(1);
  });

  test('an email the provider refuses (400) is recorded as failed and the dunning goes on', async () => {
    const invoice = await seedInvoice(h.dataSource, { dueDate: shiftDate(await today(), 5) });
    const handle = await h.startWorkflow(invoice);
    await settled(h, handle);

    h.providers.failNext(400);
    await advanceTo(h.env, stepInstant(invoice.dueDate, 'courtesy_notice') + AFTER_BATCH_MS);
    expect(await settled(h, handle)).toMatchObject({ status: 'open', nextAction: { step: 'reminder_1' } });

    const [failed, ...others] = await messages(h.dataSource, invoice.id);
    expect(others).toEqual([]);
    expect(failed).toMatchObject({ step: 'courtesy_notice', channel: 'email', status: 'failed', providerMessageId: null });
    expect(failed!.error).toMatch(/^SendGrid rejected the email \(HTTP 400\)/);
    expect(providerTraffic(h.providers, invoice).email.map((r) => r.status)).toEqual([400]); // not retried
    const [sent] = (await timeline(h.dataSource, invoice.id)).filter((e) => e.type === 'reminder_sent');
    expect(sent?.data).toMatchObject({ step: 'courtesy_notice', failedChannels: ['email'], messageIds: [failed!.id] });

    await advanceTo(h.env, stepInstant(invoice.dueDate, 'reminder_1') + AFTER_BATCH_MS);
    await settled(h, handle);
    expect((await messages(h.dataSource, invoice.id)).map((m) => [m.step, m.status])).toEqual([
      ['courtesy_notice', 'failed'],
      ['reminder_1', 'sent'],
    ]);
  });

  test('a provider failure (500) is retried by the activity and the email goes out exactly once', async () => {
    const invoice = await seedInvoice(h.dataSource, { dueDate: shiftDate(await today(), 5) });
    const handle = await h.startWorkflow(invoice);
    await settled(h, handle);

    h.providers.failNext(500);
    await advanceTo(h.env, stepInstant(invoice.dueDate, 'courtesy_notice') + AFTER_BATCH_MS);
    expect(await settled(h, handle)).toMatchObject({ status: 'open', nextAction: { step: 'reminder_1' } });

    expect(await sentSteps(h.dataSource, invoice.id)).toEqual(['courtesy_notice/email']);
    const [message] = await messages(h.dataSource, invoice.id);
    expect(message).toMatchObject({ status: 'sent', error: null, providerMessageId: expect.any(String) });
    const key = `invoice:${invoice.id}:step:courtesy_notice:email`;
    expect(providerTraffic(h.providers, invoice).email.map((r) => [r.status, r.body.custom_args?.relance_idempotency_key])).toEqual([
      [500, key],
      [202, key],
    ]);
    // The retry was Temporal's: the send activity of the customer's batch completed on its second attempt.
    const history = await h.env.client.workflow.getHandle(customerCommsWorkflowId(invoice.customerId)).fetchHistory();
    const attempts = history.events!
      .filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'sendCustomerMessages')
      .map((scheduled) => history.events!.find((e) => e.activityTaskStartedEventAttributes?.scheduledEventId?.toString() === scheduled.eventId?.toString()))
      .map((started) => started?.activityTaskStartedEventAttributes?.attempt);
    expect(attempts).toEqual([2]);
  });

  test('a refused email and a failing SMS in one step: only the SMS is retried, and the timeline keeps the refusal', async () => {
    const invoice = await seedInvoice(h.dataSource, { dueDate: shiftDate(await today(), -8) });
    h.providers.failNext(400); // the email (sent first) is refused
    h.providers.failNext(500); // the SMS fails once
    const handle = await h.startWorkflow(invoice);
    await advanceTo(h.env, (await h.env.currentTimeMs()) + AFTER_BATCH_MS); // past the batch and the retry backoff
    expect(await settled(h, handle)).toMatchObject({ nextAction: { step: 'final_notice' } });

    const rows = await messages(h.dataSource, invoice.id);
    expect(rows.map((m) => [m.step, m.channel, m.status]).sort()).toEqual([
      ['reminder_2', 'email', 'failed'],
      ['reminder_2', 'sms', 'sent'],
    ]);
    const traffic = providerTraffic(h.providers, invoice);
    expect(traffic.email.map((r) => r.status)).toEqual([400]);
    expect(traffic.sms.map((r) => r.status)).toEqual([500, 201]);
    const [sent] = (await timeline(h.dataSource, invoice.id)).filter((e) => e.type === 'reminder_sent');
    expect(sent?.data).toMatchObject({ step: 'reminder_2', failedChannels: ['email'] });
  });
});
