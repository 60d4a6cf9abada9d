/**
 * The invoice dunning workflow over time, on the time-skipping test server with
 * the real worker, activities, PostgreSQL and SDK senders (providers = stand-in).
 */
import { describe, expect, test } from '@jest/globals';
import { Invoice } from '../../src/invoices/invoice.entity.js';
import { dunningStateQuery, invoiceChangedSignal, type InvoiceDunningState } from '../../workflows/definitions.js';
import {
  advanceTo, AFTER_BATCH_MS, DAY_MS, loadInvoice, messages, parisDate, parisSendInstant, parisWallClock, providerTraffic, seedInvoice,
  sentSteps, settled, shiftDate, SPECIFIED_STEPS, specifiedStep, useDunningHarness, stepInstant, timeline,
  type SeededInvoice, type SpecifiedStep,
} from '../support/time-skipping.js';

const MINUTE = 60_000;

const h = useDunningHarness();

/** Paris calendar date on the test server's clock. */
async function today(): Promise<string> {
  return parisDate(await h.env.currentTimeMs());
}

function keys(...steps: SpecifiedStep['step'][]): string[] {
  return steps.flatMap((s) => specifiedStep(s).channels.map((c) => `${s}/${c}`)).sort();
}

/** The workflow waits for `step` at its instant, and the invoice projection says so. */
async function expectNext(invoice: SeededInvoice, state: InvoiceDunningState | null, step: SpecifiedStep['step'], dueDate = invoice.dueDate) {
  const at = new Date(stepInstant(dueDate, step));
  expect(state?.nextAction).toEqual({ at: at.toISOString(), step, channels: [...specifiedStep(step).channels] });
  const row = await loadInvoice(h.dataSource, invoice.id);
  expect({ step: row.nextActionStep, at: row.nextActionAt?.toISOString() }).toEqual({ step, at: at.toISOString() });
}

describe('invoice dunning schedule', () => {
  test('45 days without payment: each step runs once, at 09:00 Paris on its day, never early; its messages leave with the customer\'s batch', async () => {
    const invoice = await seedInvoice(h.dataSource, { dueDate: shiftDate(await today(), 5) });
    const handle = await h.startWorkflow(invoice);
    let state = await settled(h, handle);
    const sent: string[] = [];

    for (const spec of SPECIFIED_STEPS) {
      const at = stepInstant(invoice.dueDate, spec.step);
      expect(parisWallClock(at)).toBe(`${shiftDate(invoice.dueDate, spec.offsetDays)} 09:00`);
      await expectNext(invoice, state, spec.step);

      await advanceTo(h.env, at - MINUTE); // 08:59 Paris: not yet
      expect(await settled(h, handle)).toMatchObject({ nextAction: { step: spec.step } });
      expect(await sentSteps(h.dataSource, invoice.id)).toEqual([...sent].sort());

      await advanceTo(h.env, at + MINUTE); // 09:01 Paris: the step has run
      expect((await settled(h, handle))?.handledSteps).toContain(spec.step);
      await advanceTo(h.env, at + AFTER_BATCH_MS); // 09:16 Paris: sent (a formal notice at once, reminders when the batch closed)
      state = await settled(h, handle);
      sent.push(...keys(spec.step));
      expect(await sentSteps(h.dataSource, invoice.id)).toEqual([...sent].sort());
    }

    expect(state?.nextAction).toBeNull();
    expect(await loadInvoice(h.dataSource, invoice.id)).toMatchObject({ nextActionAt: null, nextActionStep: null });
    await advanceTo(h.env, parisSendInstant(shiftDate(invoice.dueDate, 45)) + 12 * 3_600_000);
    state = await settled(h, handle);
    expect(state).toMatchObject({ status: 'open', nextAction: null, handledSteps: SPECIFIED_STEPS.map((s) => s.step) });

    // Exactly once per step and channel, delivered through the providers (letters wait for the post).
    const rows = await messages(h.dataSource, invoice.id);
    expect(rows.map((m) => `${m.step}/${m.channel}`).sort()).toEqual([...sent].sort());
    for (const m of rows) {
      if (m.channel === 'letter') expect(m).toMatchObject({ status: 'to_post', providerMessageId: null });
      else expect(m).toMatchObject({ status: 'sent', providerMessageId: expect.any(String), error: null });
      expect(m.recipient).toBe(m.channel === 'email' ? invoice.email : m.channel === 'sms' ? invoice.phone : 'Acme SARL');
    }
    const traffic = providerTraffic(h.providers, invoice);
    const emailSteps = SPECIFIED_STEPS.filter((s) => (s.channels as readonly string[]).includes('email')).map((s) => s.step);
    expect(traffic.email.map((r) => [r.status, r.body.custom_args?.relance_idempotency_key])).toEqual(
      emailSteps.map((step) => [202, `invoice:${invoice.id}:step:${step}:email`]),
    );
    const byKey = new Map(rows.map((m) => [`${m.step}/${m.channel}`, m]));
    expect(traffic.email.map((r) => r.body.subject ?? r.body.personalizations?.[0]?.subject)).toEqual(
      emailSteps.map((step) => byKey.get(`${step}/email`)!.subject),
    );
    expect(traffic.sms.map((r) => [r.status, r.body.Body])).toEqual(
      ['reminder_2', 'final_notice'].map((step) => [201, byKey.get(`${step}/sms`)!.body]),
    );

    const reminders = (await timeline(h.dataSource, invoice.id)).filter((e) => e.type === 'reminder_sent');
    expect(reminders.map((e) => [e.data.step, e.data.scheduledAt])).toEqual(
      SPECIFIED_STEPS.map((s) => [s.step, new Date(stepInstant(invoice.dueDate, s.step)).toISOString()]),
    );
  });

  test('catch-up: an invoice 8 days overdue gets only reminder_2 at once (with its customer\'s batch); earlier steps are recorded as skipped', async () => {
    const invoice = await seedInvoice(h.dataSource, { dueDate: shiftDate(await today(), -8) });
    const handle = await h.startWorkflow(invoice);
    await settled(h, handle);
    await advanceTo(h.env, (await h.env.currentTimeMs()) + AFTER_BATCH_MS);
    const state = await settled(h, handle);

    expect(await sentSteps(h.dataSource, invoice.id)).toEqual(keys('reminder_2'));
    expect([...state!.handledSteps].sort()).toEqual(['courtesy_notice', 'reminder_1', 'reminder_2']);
    await expectNext(invoice, state, 'final_notice');
    const events = await timeline(h.dataSource, invoice.id);
    expect(events.filter((e) => e.type === 'reminder_skipped').map((e) => e.data)).toEqual([
      { step: 'courtesy_notice', scheduledAt: new Date(stepInstant(invoice.dueDate, 'courtesy_notice')).toISOString(), supersededBy: 'reminder_2' },
      { step: 'reminder_1', scheduledAt: new Date(stepInstant(invoice.dueDate, 'reminder_1')).toISOString(), supersededBy: 'reminder_2' },
    ]);
    expect(events.filter((e) => e.type === 'reminder_sent').map((e) => e.data.step)).toEqual(['reminder_2']);

    await advanceTo(h.env, stepInstant(invoice.dueDate, 'final_notice') + AFTER_BATCH_MS);
    await expectNext(invoice, await settled(h, handle), 'formal_notice');
    expect(await sentSteps(h.dataSource, invoice.id)).toEqual(keys('reminder_2', 'final_notice'));
  });

  test('reschedule: moving the due date 10 days later moves reminder_1 to the new date', async () => {
    const invoice = await seedInvoice(h.dataSource, { dueDate: shiftDate(await today(), 5) });
    const handle = await h.startWorkflow(invoice);
    await settled(h, handle);
    await advanceTo(h.env, stepInstant(invoice.dueDate, 'courtesy_notice') + AFTER_BATCH_MS);
    await expectNext(invoice, await settled(h, handle), 'reminder_1');
    expect(await sentSteps(h.dataSource, invoice.id)).toEqual(keys('courtesy_notice'));

    const newDueDate = shiftDate(invoice.dueDate, 10);
    await h.dataSource.manager.update(Invoice, { id: invoice.id }, { dueDate: newDueDate });
    await handle.signal(invoiceChangedSignal, { dueDate: newDueDate, openAmountMinor: invoice.amountMinor.toString() });
    const state = await settled(h, handle, { until: (s) => s.dueDate === newDueDate });
    await expectNext(invoice, state, 'reminder_1', newDueDate);

    // The old reminder_1 instant passes quietly, and so does the new courtesy date (already handled).
    await advanceTo(h.env, stepInstant(invoice.dueDate, 'reminder_1') + DAY_MS);
    await advanceTo(h.env, stepInstant(newDueDate, 'courtesy_notice') + MINUTE);
    await advanceTo(h.env, stepInstant(newDueDate, 'reminder_1') - MINUTE);
    expect(await settled(h, handle)).toMatchObject({ nextAction: { step: 'reminder_1' } });
    expect(await sentSteps(h.dataSource, invoice.id)).toEqual(keys('courtesy_notice'));

    await advanceTo(h.env, stepInstant(newDueDate, 'reminder_1') + AFTER_BATCH_MS);
    await expectNext(invoice, await settled(h, handle), 'reminder_2', newDueDate);
    expect(await sentSteps(h.dataSource, invoice.id)).toEqual(keys('courtesy_notice', 'reminder_1'));
    const sent = (await timeline(h.dataSource, invoice.id)).filter((e) => e.type === 'reminder_sent');
    expect(sent.map((e) => [e.data.step, e.data.scheduledAt])).toEqual([
      ['courtesy_notice', new Date(stepInstant(invoice.dueDate, 'courtesy_notice')).toISOString()],
      ['reminder_1', new Date(stepInstant(newDueDate, 'reminder_1')).toISOString()],
    ]);
  });

  test('continue-as-new carries the handled steps and due date over; later steps still fire exactly once', async () => {
    const invoice = await seedInvoice(h.dataSource, { dueDate: shiftDate(await today(), 5) });
    const handle = await h.startWorkflow(invoice, { continueAsNewAfterEvents: 30 });
    const firstRunId = handle.firstExecutionRunId;
    await settled(h, handle);
    await advanceTo(h.env, stepInstant(invoice.dueDate, 'courtesy_notice') + MINUTE);
    await settled(h, handle);
    const firstRun = h.env.client.workflow.getHandle(invoice.workflowId, firstRunId);
    expect((await firstRun.describe()).status.name).toBe('RUNNING');

    // Each signal adds a handful of events; a few cross the 30-event threshold.
    const sameTerms = { dueDate: invoice.dueDate, openAmountMinor: invoice.amountMinor.toString() };
    for (let i = 0; i < 3; i++) {
      await handle.signal(invoiceChangedSignal, sameTerms);
      await settled(h, handle);
    }
    const latest = h.env.client.workflow.getHandle(invoice.workflowId);
    const description = await latest.describe();
    expect(description.runId).not.toBe(firstRunId);
    expect((await firstRun.describe()).status.name).toBe('CONTINUED_AS_NEW');
    const carried = await latest.query(dunningStateQuery);
    expect(carried).toMatchObject({ status: 'open', dueDate: invoice.dueDate, handledSteps: ['courtesy_notice'] });
    await expectNext(invoice, carried, 'reminder_1');

    await advanceTo(h.env, stepInstant(invoice.dueDate, 'formal_notice') + MINUTE);
    const state = await settled(h, handle);
    expect(state).toMatchObject({ handledSteps: SPECIFIED_STEPS.map((s) => s.step), nextAction: null });
    expect(await sentSteps(h.dataSource, invoice.id)).toEqual(keys(...SPECIFIED_STEPS.map((s) => s.step)));
    const sent = (await timeline(h.dataSource, invoice.id)).filter((e) => e.type === 'reminder_sent');
    expect(sent.map((e) => e.data.step)).toEqual(SPECIFIED_STEPS.map((s) => s.step));
    // Every run stayed short: the limit applies to each continued run too.
    const runs = await runChain(invoice.workflowId, firstRunId);
    expect(runs.length).toBeGreaterThanOrEqual(2);
  });
});

/** Run ids from the first run to the latest, following continue-as-new. */
async function runChain(workflowId: string, firstRunId: string): Promise<string[]> {
  const runs = [firstRunId];
  for (;;) {
    const history = await h.env.client.workflow.getHandle(workflowId, runs[runs.length - 1]).fetchHistory();
    const last = history.events![history.events!.length - 1]!;
    const next = last.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId;
    if (!next) return runs;
    runs.push(next);
  }
}
