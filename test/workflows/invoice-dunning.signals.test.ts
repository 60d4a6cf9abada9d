/**
 * How the invoice dunning workflow reacts to payments and cancellations, on the
 * time-skipping test server with the real worker, activities and PostgreSQL.
 */
import { describe, expect, test } from '@jest/globals';
import { Invoice } from '../../src/invoices/invoice.entity.js';
import { invoiceCancelledSignal, paymentAppliedSignal } from '../../workflows/definitions.js';
import {
  advanceTo, AFTER_BATCH_MS, workflowResult, DAY_MS, loadInvoice, messages, parisDate, providerTraffic, seedInvoice, sentSteps, settled, shiftDate,
  specifiedStep, useDunningHarness, stepInstant, timeline, type SpecifiedStep,
} from '../support/time-skipping.js';

const MINUTE = 60_000;

const h = useDunningHarness();

async function today(): Promise<string> {
  return parisDate(await h.env.currentTimeMs());
}

function keys(...steps: SpecifiedStep['step'][]): string[] {
  return steps.flatMap((s) => specifiedStep(s).channels.map((c) => `${s}/${c}`)).sort();
}

/** An open invoice due in 5 days whose workflow has sent its courtesy notice and reminder_1. */
async function invoicePastReminder1(options: { amountMinor?: bigint } = {}) {
  const invoice = await seedInvoice(h.dataSource, { dueDate: shiftDate(await today(), 5), ...options });
  const handle = await h.startWorkflow(invoice);
  await settled(h, handle);
  await advanceTo(h.env, stepInstant(invoice.dueDate, 'reminder_1') + AFTER_BATCH_MS);
  await settled(h, handle);
  expect(await sentSteps(h.dataSource, invoice.id)).toEqual(keys('courtesy_notice', 'reminder_1'));
  return { invoice, handle };
}

describe('invoice dunning signals', () => {
  test('a full payment after reminder_1 stops the dunning: the workflow ends paid and nothing more is sent', async () => {
    const { invoice, handle } = await invoicePastReminder1();

    // What the payments service does: settle the invoice, then tell its workflow.
    await h.dataSource.manager.update(Invoice, { id: invoice.id }, { openAmountMinor: 0n, status: 'paid' });
    await handle.signal(paymentAppliedSignal, { paymentId: 'PAY-1', openAmountMinor: '0' });
    await expect(workflowResult(h, handle)).resolves.toEqual({ status: 'paid', handledSteps: ['courtesy_notice', 'reminder_1'] });

    await advanceTo(h.env, (await h.env.currentTimeMs()) + 45 * DAY_MS);
    expect(await sentSteps(h.dataSource, invoice.id)).toEqual(keys('courtesy_notice', 'reminder_1'));
    expect(await loadInvoice(h.dataSource, invoice.id)).toMatchObject({ nextActionAt: null, nextActionStep: null });
    const events = await timeline(h.dataSource, invoice.id);
    expect(events.filter((e) => e.type === 'dunning_stopped').map((e) => e.data)).toEqual([
      { reason: 'paid', cause: { kind: 'payment', ref: 'PAY-1' } },
    ]);
    expect(providerTraffic(h.providers, invoice).email).toHaveLength(2);
  });

  test('a partial payment keeps the dunning going, and later messages state the lower open amount', async () => {
    const { invoice, handle } = await invoicePastReminder1({ amountMinor: 125_000n });

    await h.dataSource.manager.update(Invoice, { id: invoice.id }, { openAmountMinor: 50_000n });
    await handle.signal(paymentAppliedSignal, { paymentId: 'PAY-2', openAmountMinor: '50000' });
    const state = await settled(h, handle, { until: (s) => s.openAmountMinor === '50000' });
    expect(state).toMatchObject({ status: 'open', nextAction: { step: 'reminder_2' } });

    await advanceTo(h.env, stepInstant(invoice.dueDate, 'reminder_2') + AFTER_BATCH_MS);
    await settled(h, handle);
    expect(await sentSteps(h.dataSource, invoice.id)).toEqual(keys('courtesy_notice', 'reminder_1', 'reminder_2'));
    const bodies = new Map((await messages(h.dataSource, invoice.id)).map((m) => [`${m.step}/${m.channel}`, m.body]));
    expect(bodies.get('reminder_1/email')).toContain('€1,250.00');
    for (const key of ['reminder_2/email', 'reminder_2/sms']) {
      expect(bodies.get(key)).toContain('€500.00');
      expect(bodies.get(key)).not.toContain('€1,250.00');
    }
    const traffic = providerTraffic(h.providers, invoice);
    expect(traffic.sms.map((r) => r.body.Body)).toEqual([bodies.get('reminder_2/sms')]);
  });

  test('a cancellation ends the workflow as cancelled and nothing more is sent', async () => {
    const invoice = await seedInvoice(h.dataSource, { dueDate: shiftDate(await today(), 5) });
    const handle = await h.startWorkflow(invoice);
    await settled(h, handle);
    await advanceTo(h.env, stepInstant(invoice.dueDate, 'courtesy_notice') + AFTER_BATCH_MS);
    await settled(h, handle);

    await handle.signal(invoiceCancelledSignal, { reason: 'credit note' });
    await expect(workflowResult(h, handle)).resolves.toEqual({ status: 'cancelled', handledSteps: ['courtesy_notice'] });
    await advanceTo(h.env, (await h.env.currentTimeMs()) + 45 * DAY_MS);

    expect(await sentSteps(h.dataSource, invoice.id)).toEqual(keys('courtesy_notice'));
    expect(await loadInvoice(h.dataSource, invoice.id)).toMatchObject({ nextActionAt: null, nextActionStep: null });
    const events = await timeline(h.dataSource, invoice.id);
    expect(events.filter((e) => e.type === 'dunning_stopped').map((e) => e.data)).toEqual([
      { reason: 'cancelled', cause: { kind: 'cancellation', ref: null, reason: 'credit note' } },
    ]);
  });

  test('an invoice paid between the decision and the send (no signal yet) gets no message', async () => {
    const invoice = await seedInvoice(h.dataSource, { dueDate: shiftDate(await today(), 5) });
    const handle = await h.startWorkflow(invoice);
    expect(await settled(h, handle)).toMatchObject({ status: 'open', nextAction: { step: 'courtesy_notice' } });

    // The payment reached the database, but its signal never reached the workflow.
    await h.dataSource.manager.update(Invoice, { id: invoice.id }, { openAmountMinor: 0n, status: 'paid' });
    await advanceTo(h.env, stepInstant(invoice.dueDate, 'courtesy_notice') + MINUTE);

    // The step's activity re-reads the invoice, sends nothing, and the workflow ends on what it read.
    await expect(workflowResult(h, handle)).resolves.toEqual({ status: 'paid', handledSteps: ['courtesy_notice'] });
    expect(await messages(h.dataSource, invoice.id)).toEqual([]);
    const events = await timeline(h.dataSource, invoice.id);
    expect(events.filter((e) => e.type === 'reminder_sent')).toEqual([]);
    expect(events.filter((e) => e.type === 'dunning_stopped').map((e) => e.data)).toEqual([{ reason: 'paid' }]);
    expect(providerTraffic(h.providers, invoice)).toEqual({ email: [], sms: [] });
  });
});
