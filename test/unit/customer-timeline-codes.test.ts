// The customer timeline's entries carry a code and params (for the console to write in the reader's language)
// beside the English summary kept for API integrators.
import { describe, expect, test } from '@jest/globals';
import { buildTimeline, TIMELINE_CODES, type TimelineInput } from '../../src/customer-account/timeline.js';

const at = (day: number) => new Date(Date.UTC(2026, 0, day, 10));
const message = (over: Partial<TimelineInput['messages'][number]>): TimelineInput['messages'][number] => ({
  id: 'm1', invoiceId: 'i1', invoiceIds: ['i1'], step: 'first', audience: 'customer', channel: 'email', recipient: 'ap@acme.example',
  subject: 'Reminder F-1', body: '…', status: 'sent', deliveryStatus: null, providerMessageId: null, error: null,
  createdAt: at(3).toISOString(), sentAt: at(3).toISOString(), documentUrl: null, ...over,
});

describe('customer timeline codes and params', () => {
  const timeline = buildTimeline({
    numbers: new Map([['i1', 'F-1'], ['i2', 'F-2']]),
    events: [{ invoiceId: 'i1', type: 'invoice_created', at: at(1), data: {} }],
    allocations: [
      { paymentId: 'p1', paymentExternalId: 'PAY-1', invoiceId: 'i1', currency: 'EUR', amountMinor: 100000n, receivedAt: at(2) },
      { paymentId: 'p1', paymentExternalId: 'PAY-1', invoiceId: 'i2', currency: 'EUR', amountMinor: 2050n, receivedAt: at(2) },
    ],
    messages: [message({}), message({ id: 'm2', channel: 'sms', recipient: '+33600000000', subject: null, createdAt: at(4).toISOString(), sentAt: null, status: 'failed' })],
    replies: [{ id: 'r1', messageId: 'm1', fromAddress: 'ap@acme.example', subject: null, text: 'Paid', attachmentNames: [], receivedAt: at(5).toISOString() }],
    disputes: [{
      id: 'd1', status: 'in_review', reasonCode: 'quantity', type: 'dispute', currency: 'EUR', amountMinor: 100n, acceptedAmountMinor: null,
      invoiceIds: ['i1'], openedAt: at(6), resolvedAt: null, closedAt: null,
      events: [{ event: 'opened', status: 'open', actor: 'Alice', comment: 'Two pallets missing', at: at(6) }],
    }],
    pauses: [
      { id: 'z1', scope: 'customer', invoiceId: null, reason: 'Holidays', since: at(7), until: null, resumedAt: at(8) },
      { id: 'z2', scope: 'invoice', invoiceId: 'i2', reason: 'Promise', since: at(9), until: null, resumedAt: null },
    ],
    limits: [
      { amountMinor: 500000n, currency: 'EUR', kind: 'temporary', validUntil: '2026-06-30', requestId: 'q1', createdAt: at(10) },
      { amountMinor: null, currency: 'EUR', kind: 'manual', validUntil: null, requestId: null, createdAt: at(11) },
    ],
    notes: [{ id: 'n1', invoiceId: null, authorName: 'Bob', body: 'New AP contact', createdAt: at(12) }],
    tasks: [{ id: 't1', kind: 'checkpoint', title: 'Approve "second"', invoiceId: 'i1', outcome: null, note: null, closedBy: 'Alice', closedAt: at(13), data: {} }],
    portal: [
      { id: 'e1', at: at(14), actor: 'ap@acme.example', type: 'pay_clicked', invoiceIds: ['i1', 'i2'], data: {} },
      { id: 'e2', at: at(15), actor: 'ap@acme.example', type: 'portal_opened', invoiceIds: [], data: {} },
    ],
  });
  const oldestFirst = [...timeline].reverse();

  test('each entry has a code of the list, its params as strings and numbers (money as decimal strings beside the currency)', () => {
    expect(oldestFirst.map((e) => [e.code, e.params, e.summary])).toEqual([
      ['INVOICE_EVENT', { event: 'invoice_created', invoice: 'F-1' }, 'invoice created on F-1'],
      ['PAYMENT_RECEIVED', { payment: 'PAY-1', amount: '1020.50', currency: 'EUR', invoices: 'F-1, F-2', count: 2 }, 'Payment PAY-1: 1020.50 EUR on F-1, F-2'],
      ['MESSAGE', { channel: 'email', recipient: 'ap@acme.example', status: 'sent', withSubject: 'yes', subject: 'Reminder F-1' }, 'email to ap@acme.example: Reminder F-1 (sent)'],
      ['MESSAGE', { channel: 'sms', recipient: '+33600000000', status: 'failed', withSubject: 'no' }, 'sms to +33600000000 (failed)'],
      ['REPLY_RECEIVED', { from: 'ap@acme.example', withSubject: 'no' }, 'Reply from ap@acme.example'],
      ['DISPUTE_EVENT', { reason: 'quantity', event: 'opened', actor: 'Alice' }, 'Dispute (quantity) opened by Alice'],
      ['DUNNING_PAUSED', { scope: 'customer', reason: 'Holidays' }, 'Paused all dunning: Holidays'],
      ['DUNNING_RESUMED', { scope: 'customer' }, 'Resumed all dunning'],
      ['DUNNING_PAUSED', { scope: 'invoice', invoice: 'F-2', reason: 'Promise' }, 'Paused dunning of F-2: Promise'],
      ['CREDIT_LIMIT_CHANGED', { withLimit: 'yes', amount: '5000.00', currency: 'EUR', kind: 'temporary', withValidUntil: 'yes', validUntil: '2026-06-30' },
        'Credit limit 5000.00 EUR (temporary until 2026-06-30)'],
      ['CREDIT_LIMIT_CHANGED', { withLimit: 'no', currency: 'EUR', kind: 'manual', withValidUntil: 'no' }, 'Credit limit none (manual)'],
      ['NOTE', { author: 'Bob', onInvoice: 'no', body: 'New AP contact' }, 'Note by Bob: New AP contact'],
      ['TASK_CLOSED', { kind: 'checkpoint', title: 'Approve "second"', by: 'Alice', outcome: 'done', withNote: 'no' }, 'Approve "second" by Alice: done'],
      ['PORTAL_ACTION', { actor: 'ap@acme.example', action: 'pay_clicked', invoices: 'F-1, F-2', count: 2 },
        'ap@acme.example went to the payment page for F-1, F-2 (customer portal)'],
      ['PORTAL_ACTION', { actor: 'ap@acme.example', action: 'portal_opened', invoices: '', count: 0 }, 'ap@acme.example opened the customer portal (customer portal)'],
    ]);
    for (const e of timeline) {
      expect(TIMELINE_CODES).toContain(e.code);
      for (const value of Object.values(e.params)) expect(['string', 'number']).toContain(typeof value);
    }
  });

  test('a flag says yes exactly when its optional value is there', () => {
    const flags: [string, string][] = [['withSubject', 'subject'], ['withLimit', 'amount'], ['withValidUntil', 'validUntil'], ['onInvoice', 'invoice'], ['withNote', 'note']];
    for (const e of timeline) {
      for (const [flag, value] of flags) if (flag in e.params) expect(e.params[flag] === 'yes').toBe(value in e.params);
    }
  });

  test('a long note is cut the same in params and summary', () => {
    const [entry] = buildTimeline({
      numbers: new Map([['i1', 'F-1']]), events: [], allocations: [], messages: [], disputes: [], pauses: [], limits: [],
      notes: [{ id: 'n', invoiceId: 'i1', authorName: 'Bob', body: 'x'.repeat(250), createdAt: at(1) }],
    });
    expect(entry!.params).toEqual({ author: 'Bob', onInvoice: 'yes', invoice: 'F-1', body: `${'x'.repeat(199)}…` });
    expect(entry!.summary).toBe(`Note by Bob on F-1: ${'x'.repeat(199)}…`);
  });
});
