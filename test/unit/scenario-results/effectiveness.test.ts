import { describe, expect, test } from '@jest/globals';
import { scenarioEffectiveness, type EffectivenessInput, type StepExecution, type StepMessage } from '../../../src/scenario-results/effectiveness.js';

const run = (invoiceId: string, version: number, step: string, date: string): StepExecution =>
  ({ invoiceId, version, step, date, at: `${date}T08:00:00.000Z` });
const msg = (invoiceId: string, step: string, channel: string, outcome: StepMessage['outcome'] = 'sent', messageId = `${invoiceId}-${step}-${channel}`): StepMessage =>
  ({ invoiceId, step, channel, messageId, outcome, delivered: null, opened: null });
const none = { sent: 0, failed: 0, pending: 0, delivered: null, opened: null };

/**
 * A hand-built portfolio, as of 2026-05-31. Version 1: reminder1 (reminder), call (call_task);
 * version 2: reminder1, notice (formal_notice). All invoices due 2026-04-01 except i5 (2026-05-28).
 *
 *   i1 EUR  v1 reminder1 04-02                  paid 100.00 on 04-04 → settled 04-04
 *   i2 EUR  v1 reminder1 04-02, call 04-10      paid 50.00 on 04-05, 150.00 on 04-12 → settled 04-12; promise 04-03
 *   i3 EUR  v1 reminder1 04-02, call 04-10      open; dispute raised 04-11; 20.00 on 05-20 (40 days after the call)
 *   i4 USD  v2 reminder1 04-05, notice 04-15    paid 300.00 on 04-20 → settled 04-20
 *   i5 EUR  v2 reminder1 05-29                  open (its windows are not over on 05-31)
 */
const input: EffectivenessInput = {
  asOf: '2026-05-31',
  versions: [
    { version: 1, steps: [{ key: 'reminder1', action: 'reminder' }, { key: 'call', action: 'call_task' }] },
    { version: 2, steps: [{ key: 'reminder1', action: 'reminder' }, { key: 'notice', action: 'formal_notice' }] },
  ],
  executions: [
    run('i1', 1, 'reminder1', '2026-04-02'), run('i2', 1, 'reminder1', '2026-04-02'), run('i3', 1, 'reminder1', '2026-04-02'),
    run('i2', 1, 'call', '2026-04-10'), run('i3', 1, 'call', '2026-04-10'),
    run('i4', 2, 'reminder1', '2026-04-05'), run('i4', 2, 'notice', '2026-04-15'), run('i5', 2, 'reminder1', '2026-05-29'),
  ],
  invoices: [
    { id: 'i1', currency: 'EUR', dueDate: '2026-04-01', settledOn: '2026-04-04', closedOtherwise: false },
    { id: 'i2', currency: 'EUR', dueDate: '2026-04-01', settledOn: '2026-04-12', closedOtherwise: false },
    { id: 'i3', currency: 'EUR', dueDate: '2026-04-01', settledOn: null, closedOtherwise: false },
    { id: 'i4', currency: 'USD', dueDate: '2026-04-01', settledOn: '2026-04-20', closedOtherwise: false },
    { id: 'i5', currency: 'EUR', dueDate: '2026-05-28', settledOn: null, closedOtherwise: false },
  ],
  messages: [
    msg('i1', 'reminder1', 'email'), msg('i1', 'reminder1', 'sms', 'failed'), msg('i2', 'reminder1', 'email'),
    msg('i3', 'reminder1', 'email'), msg('i3', 'reminder1', 'sms'),
    msg('i4', 'reminder1', 'email'), msg('i4', 'notice', 'email'), msg('i4', 'notice', 'letter'), msg('i5', 'reminder1', 'email', 'pending'),
  ],
  collections: [
    { invoiceId: 'i1', date: '2026-04-04', amountMinor: 10_000n },
    { invoiceId: 'i2', date: '2026-04-05', amountMinor: 5_000n },
    { invoiceId: 'i2', date: '2026-04-12', amountMinor: 15_000n },
    { invoiceId: 'i3', date: '2026-05-20', amountMinor: 2_000n },
    { invoiceId: 'i4', date: '2026-04-20', amountMinor: 30_000n },
  ],
  disputes: [{ invoiceId: 'i3', date: '2026-04-11' }],
  promises: [{ invoiceId: 'i2', date: '2026-04-03' }],
};

describe('scenario effectiveness on a hand-built portfolio', () => {
  const [v1, v2] = scenarioEffectiveness(input);

  test('version 1, reminder1: 3 invoices reached on 04-02', () => {
    // paid within 3 days (by 04-05): i1 (04-04) → 1 of 3; within 7 (by 04-09): i1 → 1 of 3; within 14 (by 04-16): i1, i2 → 2 of 3.
    // collected: i1's 100.00 (04-04) and i2's first 50.00 (04-05) follow this step; i2's 150.00 (04-12) follows the call.
    // promise: i2's (04-03). days late: i1 04-04 − 04-01 = 3, i2 04-12 − 04-01 = 11 → 7 (i3 still open).
    const step = v1!.steps[0]!;
    expect(v1!.invoices).toBe(3);
    expect({ ...step, channels: undefined }).toEqual({
      step: 'reminder1', action: 'reminder', invoices: 3,
      messages: { sent: 4, failed: 1, pending: 0, delivered: null, opened: null },
      paidWithin: { days3: { paid: 1, decided: 3, rate: 0.3333 }, days7: { paid: 1, decided: 3, rate: 0.3333 }, days14: { paid: 2, decided: 3, rate: 0.6667 } },
      collected: [{ currency: 'EUR', amount: '150.00' }],
      promises: 1, disputes: 0, averageDaysLate: 7, paidInvoices: 2, channels: undefined,
    });
    // The email reached all three; the SMS i1 (failed) and i3 only: 1 of 2 paid in each window, i1's 100.00, i1's 3 days late.
    expect(step.channels.map((c) => [c.channel, c.invoices, c.messages])).toEqual([
      ['email', 3, { sent: 3, failed: 0, pending: 0, delivered: null, opened: null }],
      ['sms', 2, { sent: 1, failed: 1, pending: 0, delivered: null, opened: null }],
    ]);
    expect(step.channels[1]).toMatchObject({
      paidWithin: { days3: { paid: 1, decided: 2, rate: 0.5 }, days7: { paid: 1, decided: 2, rate: 0.5 }, days14: { paid: 1, decided: 2, rate: 0.5 } },
      collected: [{ currency: 'EUR', amount: '100.00' }], promises: 0, disputes: 0, averageDaysLate: 3, paidInvoices: 1,
    });
  });

  test('version 1, call: i2 and i3 on 04-10, no message', () => {
    // within 3 days (by 04-13): i2 (04-12) → 1 of 2, and so within 7 and 14. collected: i2's 150.00; i3's 20.00 on 05-20 is
    // 40 days after the call, beyond the 14-day attribution: nobody's. dispute: i3's (04-11). days late: i2 → 11.
    expect(v1!.steps[1]).toEqual({
      step: 'call', action: 'call_task', invoices: 2, messages: none,
      paidWithin: { days3: { paid: 1, decided: 2, rate: 0.5 }, days7: { paid: 1, decided: 2, rate: 0.5 }, days14: { paid: 1, decided: 2, rate: 0.5 } },
      collected: [{ currency: 'EUR', amount: '150.00' }], promises: 0, disputes: 1, averageDaysLate: 11, paidInvoices: 1, channels: [],
    });
  });

  test('version 2: windows not over yet are left out; cash follows the latest step', () => {
    // reminder1: i4 on 04-05 (settled 04-20: after 04-08, 04-12 and 04-19 → 0 of 1 in each window); i5 on 05-29: its windows end
    // 06-01 or later, after 05-31 → undecided. i4's 300.00 USD (04-20) follows the notice (04-15), not reminder1. i4: 19 days late.
    expect(v2!.invoices).toBe(2);
    expect(v2!.steps[0]).toMatchObject({
      step: 'reminder1', invoices: 2, messages: { sent: 1, failed: 0, pending: 1, delivered: null, opened: null },
      paidWithin: { days3: { paid: 0, decided: 1, rate: 0 }, days7: { paid: 0, decided: 1, rate: 0 }, days14: { paid: 0, decided: 1, rate: 0 } },
      collected: [], promises: 0, disputes: 0, averageDaysLate: 19, paidInvoices: 1,
    });
    // notice on 04-15: paid 04-20 → not within 3 days (04-18), within 7 (04-22) and 14.
    expect(v2!.steps[1]).toMatchObject({
      step: 'notice', action: 'formal_notice', invoices: 1, messages: { sent: 2, failed: 0, pending: 0 },
      paidWithin: { days3: { paid: 0, decided: 1, rate: 0 }, days7: { paid: 1, decided: 1, rate: 1 }, days14: { paid: 1, decided: 1, rate: 1 } },
      collected: [{ currency: 'USD', amount: '300.00' }], averageDaysLate: 19,
    });
    expect(v2!.steps[1]!.channels.map((c) => [c.channel, c.messages.sent, c.collected])).toEqual([
      ['email', 1, [{ currency: 'USD', amount: '300.00' }]],
      ['letter', 1, [{ currency: 'USD', amount: '300.00' }]],
    ]);
  });

  test('a message consolidating several invoices counts once in the step and channel', () => {
    const messages = [msg('i1', 'reminder1', 'email', 'sent', 'batch-1'), msg('i2', 'reminder1', 'email', 'sent', 'batch-1'), msg('i3', 'reminder1', 'email')];
    const [first] = scenarioEffectiveness({ ...input, messages });
    expect(first!.steps[0]!.messages).toEqual({ sent: 2, failed: 0, pending: 0, delivered: null, opened: null });
    expect(first!.steps[0]!.channels[0]).toMatchObject({ channel: 'email', invoices: 3, messages: { sent: 2 } });
  });

  test('delivery counted once it is tracked (null before)', () => {
    const messages = [
      { ...msg('i1', 'reminder1', 'email'), delivered: true, opened: true },
      { ...msg('i2', 'reminder1', 'email'), delivered: true, opened: false },
      { ...msg('i3', 'reminder1', 'email'), delivered: false, opened: false },
    ];
    const [first] = scenarioEffectiveness({ ...input, messages });
    expect(first!.steps[0]).toMatchObject({ messages: { sent: 3, delivered: 2, opened: 1 } });
  });

  test('a cancelled invoice is never "paid"; a step no longer in the definition is still reported', () => {
    const [only] = scenarioEffectiveness({
      ...input,
      versions: [{ version: 1, steps: [] }],
      executions: [run('i1', 1, 'old_step', '2026-04-02')],
      invoices: [{ id: 'i1', currency: 'EUR', dueDate: '2026-04-01', settledOn: '2026-04-03', closedOtherwise: true }],
      collections: [], messages: [], disputes: [], promises: [],
    });
    expect(only!.steps).toEqual([expect.objectContaining({
      step: 'old_step', action: null, invoices: 1, averageDaysLate: null, paidInvoices: 0,
      paidWithin: { days3: { paid: 0, decided: 1, rate: 0 }, days7: { paid: 0, decided: 1, rate: 0 }, days14: { paid: 0, decided: 1, rate: 0 } },
    })]);
  });
});
