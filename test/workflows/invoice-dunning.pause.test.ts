/**
 * Dunning stops: a pause stops the dunning clock, so the invoice resumes
 * where it was; an end date lifts it by itself; invoice and customer pauses
 * are independent. Time-skipping server, real worker, activities, PostgreSQL.
 */
import { describe, expect, test } from '@jest/globals';
import { dunningPausedSignal, dunningResumedSignal, dunningStateQuery } from '../../workflows/definitions.js';
import {
  advanceTo, AFTER_BATCH_MS, DAY_MS, loadInvoice, parisDate, seedInvoice, sentSteps, settled, shiftDate, specifiedStep,
  useDunningHarness, stepInstant, timeline, type SpecifiedStep,
} from '../support/time-skipping.js';

const MINUTE = 60_000;

const h = useDunningHarness();

const today = async () => parisDate(await h.env.currentTimeMs());
const keys = (...steps: SpecifiedStep['step'][]) =>
  steps.flatMap((s) => specifiedStep(s).channels.map((c) => `${s}/${c}`)).sort();

describe('dunning pauses', () => {
  test('a 10-day pause before reminder_1 moves it, and every later step, by 10 days', async () => {
    const invoice = await seedInvoice(h.dataSource, { dueDate: shiftDate(await today(), 5) });
    const handle = await h.startWorkflow(invoice);
    await settled(h, handle);
    await advanceTo(h.env, stepInstant(invoice.dueDate, 'courtesy_notice') + AFTER_BATCH_MS);
    await settled(h, handle);
    expect(await sentSteps(h.dataSource, invoice.id)).toEqual(keys('courtesy_notice'));

    await handle.signal(dunningPausedSignal, { pauseId: 'pause-1', scope: 'invoice', reason: 'customer on holiday', until: null });
    const paused = await settled(h, handle, { until: (s) => s.pauses.length === 1 });
    expect(paused).toMatchObject({ nextAction: null, pauses: [{ pauseId: 'pause-1', scope: 'invoice', until: null }] });
    expect(await loadInvoice(h.dataSource, invoice.id)).toMatchObject({ nextActionAt: null });

    // Ten days later, past reminder_1's original date: nothing went out.
    await advanceTo(h.env, (await h.env.currentTimeMs()) + 10 * DAY_MS);
    expect(await sentSteps(h.dataSource, invoice.id)).toEqual(keys('courtesy_notice'));

    await handle.signal(dunningResumedSignal, { scope: 'invoice' });
    const resumed = await settled(h, handle, { until: (s) => s.pauses.length === 0 });
    expect(resumed?.pausedDays).toBe(10);
    const movedDue = shiftDate(invoice.dueDate, 10);
    expect(resumed?.nextAction).toMatchObject({ step: 'reminder_1', at: new Date(stepInstant(movedDue, 'reminder_1')).toISOString() });

    await advanceTo(h.env, stepInstant(movedDue, 'reminder_1') - MINUTE);
    expect(await sentSteps(h.dataSource, invoice.id)).toEqual(keys('courtesy_notice'));
    await advanceTo(h.env, stepInstant(movedDue, 'reminder_1') + AFTER_BATCH_MS);
    await settled(h, handle);
    expect(await sentSteps(h.dataSource, invoice.id)).toEqual(keys('courtesy_notice', 'reminder_1'));
    await advanceTo(h.env, stepInstant(movedDue, 'reminder_2') + AFTER_BATCH_MS);
    await settled(h, handle);
    expect(await sentSteps(h.dataSource, invoice.id)).toEqual(keys('courtesy_notice', 'reminder_1', 'reminder_2'));
  });

  test('a pause with an end date lifts by itself and says so in the timeline', async () => {
    const invoice = await seedInvoice(h.dataSource, { dueDate: shiftDate(await today(), 5) });
    const handle = await h.startWorkflow(invoice);
    await settled(h, handle);
    const until = (await h.env.currentTimeMs()) + 7 * DAY_MS;
    await handle.signal(dunningPausedSignal, { pauseId: 'pause-2', scope: 'invoice', reason: 'promise to pay', until: new Date(until).toISOString() });
    await settled(h, handle, { until: (s) => s.pauses.length === 1 });

    // The courtesy notice's original date (due − 3 days) passes during the pause: nothing goes out.
    await advanceTo(h.env, until - MINUTE);
    expect(await sentSteps(h.dataSource, invoice.id)).toEqual([]);
    await advanceTo(h.env, until + MINUTE);
    const state = await settled(h, handle, { until: (s) => s.pauses.length === 0 });
    expect(state?.pausedDays).toBe(7);
    expect(state?.nextAction).toMatchObject({
      step: 'courtesy_notice', at: new Date(stepInstant(shiftDate(invoice.dueDate, 7), 'courtesy_notice')).toISOString(),
    });
    const resumed = (await timeline(h.dataSource, invoice.id)).filter((e) => e.type === 'dunning_resumed');
    expect(resumed.map((e) => e.data)).toEqual([{ scope: 'invoice', cause: 'expired', pauseId: 'pause-2' }]);
    expect(await sentSteps(h.dataSource, invoice.id)).toEqual([]);
  });

  test('invoice and customer pauses are independent; a workflow can start paused', async () => {
    const invoice = await seedInvoice(h.dataSource, { dueDate: shiftDate(await today(), -2) });
    const handle = await h.startWorkflow(invoice, {
      pauses: [{ pauseId: 'cust-pause', scope: 'customer', reason: 'strategic account', until: null }],
    });
    await settled(h, handle);
    expect(await sentSteps(h.dataSource, invoice.id)).toEqual([]);
    await handle.signal(dunningPausedSignal, { pauseId: 'inv-pause', scope: 'invoice', reason: 'dispute', until: null });
    await settled(h, handle, { until: (s) => s.pauses.length === 2 });

    await handle.signal(dunningResumedSignal, { scope: 'customer' });
    const stillPaused = await settled(h, handle, { until: (s) => s.pauses.length === 1 });
    expect(stillPaused?.pauses.map((p) => p.scope)).toEqual(['invoice']);
    await advanceTo(h.env, (await h.env.currentTimeMs()) + 3 * DAY_MS);
    expect(await sentSteps(h.dataSource, invoice.id)).toEqual([]);

    await handle.signal(dunningResumedSignal, { scope: 'invoice' });
    await settled(h, handle, { until: (s) => s.pauses.length === 0 });
    await advanceTo(h.env, (await h.env.currentTimeMs()) + AFTER_BATCH_MS); // its message leaves with the customer's batch
    await settled(h, handle);
    // Overdue by 2 days when paused: reminder_1 had passed, so it runs once on resume.
    expect(await sentSteps(h.dataSource, invoice.id)).toEqual(keys('reminder_1'));
    expect((await handle.query(dunningStateQuery)).pausedDays).toBe(3);
  });

  test('pauses survive continue-as-new', async () => {
    const invoice = await seedInvoice(h.dataSource, { dueDate: shiftDate(await today(), 5) });
    const handle = await h.startWorkflow(invoice, { continueAsNewAfterEvents: 20 });
    await settled(h, handle);
    const until = (await h.env.currentTimeMs()) + 30 * DAY_MS;
    for (let i = 0; i < 8; i++) {
      await handle.signal(dunningPausedSignal, { pauseId: 'p-can', scope: 'invoice', reason: `try ${i}`, until: new Date(until).toISOString() });
    }
    const state = await settled(h, handle, { until: (s) => s.pauses[0]?.reason === 'try 7' });
    expect(state?.pauses).toHaveLength(1);
    const description = await h.env.client.workflow.getHandle(handle.workflowId).describe();
    expect(description.runId).not.toBe(handle.firstExecutionRunId);
    await advanceTo(h.env, until - MINUTE);
    expect(await sentSteps(h.dataSource, invoice.id)).toEqual([]);
  });
});
