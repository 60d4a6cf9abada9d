/**
 * Disputes through their workflow on the time-skipping server, with the real
 * worker and PostgreSQL: the full status machine with an information
 * round-trip, refusals that never enter the history, two-level approval,
 * SLA reminder and escalation decided by the manager, the invoice's dunning
 * paused then resumed (or reduced by the credit note).
 */
import { afterEach, describe, expect, test } from '@jest/globals';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { DunningPause } from '../../src/dunning-pauses/dunning-pause.entity.js';
import { Dispute } from '../../src/disputes/dispute.entity.js';
import { answerDisputeInfoUpdate } from '../../workflows/dispute.definitions.js';
import { dunningStateQuery } from '../../workflows/definitions.js';
import {
  advanceTo, AFTER_BATCH_MS, loadInvoice, parisDate, seedInvoice, sentSteps, settled, shiftDate, stepInstant, timeline,
  useDunningHarness,
} from '../support/time-skipping.js';
import {
  acceptedUpdates, decide, disputeSettled, erpEvents, history, mailKeys, result, seedPeople, startDispute, type DisputeHandle,
} from './dispute-support.js';

const h = useDunningHarness();
const HOUR = 3_600_000;
const started: DisputeHandle[] = [];

afterEach(async () => {
  for (const handle of started.splice(0)) {
    if (await disputeSettled(handle).catch(() => null)) await handle.terminate('test over');
  }
});

const today = async () => parisDate(await h.env.currentTimeMs());

async function refusal(promise: Promise<unknown>): Promise<string | null | undefined> {
  const err = await promise.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  const cause = (err as WorkflowUpdateFailedError).cause;
  expect(cause).toBeInstanceOf(ApplicationFailure);
  return (cause as ApplicationFailure).type;
}

async function openOn(dueInDays: number, extra: Partial<Parameters<typeof startDispute>[1]> = {}) {
  const people = await seedPeople(h.dataSource);
  const invoice = await seedInvoice(h.dataSource, { dueDate: shiftDate(await today(), dueInDays), amountMinor: 500_000n });
  const invoiceHandle = await h.startWorkflow(invoice);
  await settled(h, invoiceHandle);
  const run = await startDispute(h, { invoices: [invoice], people, ...extra });
  started.push(run.handle);
  const state = await disputeSettled(run.handle);
  return { people, invoice, invoiceHandle, ...run, state };
}

describe('dispute workflow', () => {
  test('open → in_review ⇄ info_requested → accepted (partial) → closed: credit note reduces the invoice, dunning resumes', async () => {
    const { people: p, invoice, invoiceHandle, dispute, handle, state } = await openOn(20, { amountMinor: 200_000n });
    expect(state).toMatchObject({ status: 'in_review', level: 1, assignees: [p.v1.id, p.v2.id] });
    // Dunning paused on the invoice for this dispute.
    const paused = await settled(h, invoiceHandle, { until: (s) => s.pauses.length === 1 });
    expect(paused?.pauses[0]).toMatchObject({ scope: 'invoice', reason: `dispute:${dispute.id}` });
    expect(await mailKeys(h.dataSource, dispute.id)).toEqual([
      `decision_requested:level1:${p.v1.id}`, `decision_requested:level1:${p.v2.id}`,
    ].sort());

    const asked = await decide(handle, p.v1, { decision: 'request_info', comment: 'Send the purchase order' });
    expect(asked.status).toBe('info_requested');
    // No decision while information is awaited; the answer puts it back in review.
    expect(await refusal(decide(handle, p.v2, { decision: 'accept', comment: 'ok' }))).toBe('DISPUTE_NOT_IN_REVIEW');
    const answered = await handle.executeUpdate(answerDisputeInfoUpdate, {
      args: [{ comment: 'PO 4711 attached', author: { userId: p.collector.id, name: p.collector.name } }],
    });
    expect(answered.status).toBe('in_review');
    expect(await refusal(handle.executeUpdate(answerDisputeInfoUpdate, {
      args: [{ comment: 'again', author: { userId: p.collector.id, name: p.collector.name } }],
    }))).toBe('NOT_AWAITING_INFO');

    const accepted = await decide(handle, p.v2, { decision: 'accept', amountMinor: '150000', comment: 'Price error confirmed' });
    expect(accepted).toMatchObject({ status: 'accepted', acceptedAmountMinor: '150000' });
    expect(await result(h, handle)).toEqual({ status: 'accepted', acceptedAmountMinor: '150000' });

    expect(await history(h.dataSource, dispute.id)).toEqual([
      'opened:->open', 'review_started:open>in_review', 'info_requested:in_review>info_requested',
      'info_answered:info_requested>in_review', 'accepted:in_review>accepted', 'closed:accepted>closed', 'credit_note_applied:accepted>accepted',
    ]);
    expect(await h.dataSource.manager.findOneByOrFail(Dispute, { id: dispute.id }))
      .toMatchObject({ status: 'closed', acceptedAmountMinor: 150_000n });
    expect(await loadInvoice(h.dataSource, invoice.id)).toMatchObject({ openAmountMinor: 350_000n, status: 'open' });
    // The receivables ledger has the credit note, once.
    expect(await h.dataSource.query(
      `SELECT kind, amount_minor::int AS amount FROM receivable_movements WHERE source_key = $1`, [`credit_note:dispute:${dispute.id}:${invoice.id}`],
    )).toEqual([{ kind: 'credit_note', amount: -150_000 }]);
    const erp = await erpEvents(h.dataSource, dispute.id);
    expect(erp.map((e) => e.type)).toEqual(['credit_note.requested']);
    expect(erp[0]!.data).toMatchObject({
      disputeId: dispute.id, amount: { amount: '1500.00', currency: 'EUR' }, full: false,
      invoices: [{ invoiceId: invoice.id, amount: '1500.00' }],
    });
    const resumed = await settled(h, invoiceHandle, { until: (s) => s.pauses.length === 0 && s.openAmountMinor === '350000' });
    expect(resumed).toMatchObject({ status: 'open', openAmountMinor: '350000' });
    expect((await timeline(h.dataSource, invoice.id)).map((e) => e.type)).toEqual(
      expect.arrayContaining(['dunning_paused', 'credit_note_applied', 'dunning_resumed']),
    );
    expect(await mailKeys(h.dataSource, dispute.id)).toEqual(expect.arrayContaining([
      `info_requested:info:1:${p.collector.id}`, `info_answered:info:1:${p.v1.id}`, `accepted:outcome:${p.collector.id}`,
    ]));
  });

  test('refused decisions never enter the history: not assigned, amount above the disputed one', async () => {
    const { people: p, handle } = await openOn(20);
    const before = await acceptedUpdates(handle);
    expect(await refusal(decide(handle, p.outsider, { decision: 'accept', comment: 'x' }))).toBe('NOT_ASSIGNED');
    expect(await refusal(decide(handle, null, { decision: 'reject', comment: 'x' }))).toBe('NOT_ASSIGNED');
    expect(await refusal(decide(handle, p.fm, { decision: 'accept', comment: 'x' }))).toBe('NOT_ASSIGNED');
    expect(await refusal(decide(handle, p.manager, { decision: 'accept', comment: 'not escalated yet' }))).toBe('NOT_ASSIGNED');
    expect(await refusal(decide(handle, p.v1, { decision: 'accept', amountMinor: '500001', comment: 'x' }))).toBe('AMOUNT_ABOVE_DISPUTED');
    expect(await acceptedUpdates(handle)).toBe(before);
    expect((await disputeSettled(handle))?.status).toBe('in_review');
  });

  test('from the threshold on, a finance manager confirms the acceptance (level 2); full acceptance clears the invoice', async () => {
    const { people: p, invoice, invoiceHandle, dispute, handle } = await openOn(20, { secondLevelFromMinor: 100_000n });
    const proposed = await decide(handle, p.v1, { decision: 'accept', comment: 'Goods damaged on arrival' });
    expect(proposed).toMatchObject({ status: 'in_review', level: 2, proposedAmountMinor: '500000', assignees: [p.fm.id] });
    expect(await mailKeys(h.dataSource, dispute.id)).toContain(`confirmation_requested:level2:${p.fm.id}`);
    expect(await refusal(decide(handle, p.v2, { decision: 'accept', comment: 'me too' }))).toBe('NOT_ASSIGNED');
    expect(await refusal(decide(handle, p.fm, { decision: 'request_info', comment: '?' }))).toBe('DECISION_NOT_ALLOWED');
    expect(await refusal(decide(handle, p.fm, { decision: 'accept', amountMinor: '500001', comment: '?' }))).toBe('AMOUNT_ABOVE_DISPUTED');

    const confirmed = await decide(handle, p.fm, { decision: 'accept', comment: 'Confirmed' });
    expect(confirmed).toMatchObject({ status: 'accepted', acceptedAmountMinor: '500000' });
    expect(await result(h, handle)).toEqual({ status: 'accepted', acceptedAmountMinor: '500000' });
    expect(await history(h.dataSource, dispute.id)).toEqual(expect.arrayContaining([
      'acceptance_proposed:in_review>in_review', 'accepted:in_review>accepted', 'closed:accepted>closed',
    ]));
    expect(await loadInvoice(h.dataSource, invoice.id)).toMatchObject({ openAmountMinor: 0n, status: 'paid' });
    expect((await erpEvents(h.dataSource, dispute.id))[0]!.data).toMatchObject({ full: true, amount: { amount: '5000.00' } });
    // The credit note settled the invoice: its dunning ends.
    expect(await settled(h, invoiceHandle)).toBeNull();
  });

  test('a rejection at level 2 rejects the dispute and leaves the invoice whole', async () => {
    const { people: p, invoice, dispute, handle } = await openOn(20, { secondLevelFromMinor: 100_000n });
    await decide(handle, p.v1, { decision: 'accept', comment: 'ok for me' });
    const rejected = await decide(handle, p.fm, { decision: 'reject', comment: 'Not justified' });
    expect(rejected.status).toBe('rejected');
    expect(await result(h, handle)).toEqual({ status: 'rejected', acceptedAmountMinor: null });
    expect(await loadInvoice(h.dataSource, invoice.id)).toMatchObject({ openAmountMinor: 500_000n, status: 'open' });
    expect(await erpEvents(h.dataSource, dispute.id)).toEqual([]);
    expect(await history(h.dataSource, dispute.id)).toEqual(expect.arrayContaining(['rejected:in_review>rejected', 'closed:rejected>closed']));
  });

  test('on an overdue invoice: reminders stop, the SLA reminds then escalates to the manager who rejects; dunning resumes where it was', async () => {
    // Due in 1 day: reminder_1 (due + 1) falls inside the 72-hour resolution window.
    const { people: p, invoice, invoiceHandle, dispute, handle } = await openOn(1, { resolutionHours: 72 });
    const openedAt = await h.env.currentTimeMs();
    expect(await settled(h, invoiceHandle, { until: (s) => s.pauses.length === 1 })).toBeTruthy();

    await advanceTo(h.env, openedAt + 54 * HOUR + 60_000);
    const reminded = await disputeSettled(handle);
    expect(reminded).toMatchObject({ status: 'in_review', escalated: false });
    expect(reminded?.remindedAt).not.toBeNull();
    expect(await mailKeys(h.dataSource, dispute.id)).toEqual(expect.arrayContaining([`reminder:sla:${p.v1.id}`, `reminder:sla:${p.v2.id}`]));
    expect(await refusal(decide(handle, p.manager, { decision: 'reject', comment: 'too early' }))).toBe('NOT_ASSIGNED');

    await advanceTo(h.env, openedAt + 72 * HOUR + 60_000);
    const escalated = await disputeSettled(handle);
    expect(escalated).toMatchObject({ status: 'in_review', escalated: true });
    expect(escalated?.assignees).toEqual(expect.arrayContaining([p.v1.id, p.v2.id, p.manager.id]));
    expect(await mailKeys(h.dataSource, dispute.id)).toContain(`escalated:sla:${p.manager.id}`);
    // reminder_1's date has passed during the dispute: nothing went out.
    expect(await h.env.currentTimeMs()).toBeGreaterThan(stepInstant(invoice.dueDate, 'reminder_1'));
    expect(await sentSteps(h.dataSource, invoice.id)).not.toContain('reminder_1/email');

    const rejected = await decide(handle, p.manager, { decision: 'reject', comment: 'Price was agreed' });
    expect(rejected.status).toBe('rejected');
    expect(await result(h, handle)).toEqual({ status: 'rejected', acceptedAmountMinor: null });
    expect(await history(h.dataSource, dispute.id)).toEqual([
      'opened:->open', 'review_started:open>in_review', 'reminded:in_review>in_review', 'escalated:in_review>in_review',
      'rejected:in_review>rejected', 'closed:rejected>closed',
    ]);
    expect(await h.dataSource.manager.findOneBy(DunningPause, { invoiceId: invoice.id, reason: `dispute:${dispute.id}` }))
      .toMatchObject({ resumedAt: expect.any(Date) });
    // Resumed where it was: reminder_1 is next, moved by the days the dispute held it, and goes out then.
    const resumed = await settled(h, invoiceHandle, { until: (s) => s.pauses.length === 0 });
    expect(resumed?.pausedDays).toBeGreaterThan(0);
    expect(resumed?.nextAction?.step).toBe('reminder_1');
    const next = Date.parse(resumed!.nextAction!.at);
    expect(next).toBeGreaterThan(stepInstant(invoice.dueDate, 'reminder_1'));
    await advanceTo(h.env, next + AFTER_BATCH_MS);
    await settled(h, invoiceHandle);
    expect(await sentSteps(h.dataSource, invoice.id)).toContain('reminder_1/email');
    expect((await invoiceHandle.query(dunningStateQuery)).openAmountMinor).toBe('500000');
  });
});
