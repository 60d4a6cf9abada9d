import { describe, expect, test } from '@jest/globals';
import { buildStatement } from '../../src/customer-account/statement.js';
import { buildTimeline } from '../../src/customer-account/timeline.js';

const inv = (id: string, amountMinor: bigint, issueDate: string, dueDate: string, status = 'open', currency = 'EUR') =>
  ({ id, number: id.toUpperCase(), status, currency, amountMinor, issueDate, dueDate });

describe('statement as of a day', () => {
  const invoices = [
    inv('a', 100000n, '2026-01-05', '2026-02-04'),
    inv('b', 50000n, '2026-02-10', '2026-03-12'),
    inv('c', 30000n, '2026-03-20', '2026-04-19'),
    inv('d', 20000n, '2026-01-20', '2026-02-19', 'cancelled'),
    inv('e', 7000n, '2026-01-01', '2026-01-31', 'open', 'USD'),
  ];
  const reductions = [
    { invoiceId: 'a', date: '2026-02-20', amountMinor: 40000n },
    { invoiceId: 'a', date: '2026-03-20', amountMinor: 60000n },
    { invoiceId: 'b', date: '2026-03-01', amountMinor: 50000n },
  ];

  test('only documents issued and reductions dated on or before asOf count', () => {
    // 15 March: a 1000 − 400 = 600 (39 days late); b paid in full on 1 March; c not yet issued; d cancelled; e 70 USD.
    const s = buildStatement('2026-03-15', invoices, reductions);
    expect(s.lines.map((l) => [l.number, l.currency, l.settledMinor, l.openMinor, l.daysOverdue])).toEqual([
      ['E', 'USD', 0n, 7000n, 43],
      ['A', 'EUR', 40000n, 60000n, 39],
    ]);
    expect(s.totals).toEqual([
      { currency: 'EUR', openMinor: 60000n, overdueMinor: 60000n },
      { currency: 'USD', openMinor: 7000n, overdueMinor: 7000n },
    ]);
  });

  test('a later payment leaves an earlier statement unchanged', () => {
    const before = buildStatement('2026-02-28', invoices, reductions);
    const withLatePayment = buildStatement('2026-02-28', invoices, [...reductions, { invoiceId: 'e', date: '2026-03-02', amountMinor: 7000n }]);
    expect(withLatePayment).toEqual(before);
    expect(before.lines.map((l) => [l.number, l.openMinor, l.daysOverdue])).toEqual([['E', 7000n, 28], ['A', 60000n, 24], ['B', 50000n, -12]]);
    expect(before.totals[0]).toEqual({ currency: 'EUR', openMinor: 110000n, overdueMinor: 60000n });
  });

  test('over-settled invoices are not negative; the day itself counts', () => {
    const s = buildStatement('2026-03-20', invoices, [...reductions, { invoiceId: 'c', date: '2026-03-20', amountMinor: 99999n }]);
    expect(s.lines.map((l) => l.number)).toEqual(['E']);
  });
});

describe('customer timeline', () => {
  test('merges every source newest first, payments grouped, echoed invoice events dropped', () => {
    const t = buildTimeline({
      numbers: new Map([['i1', 'F-1'], ['i2', 'F-2']]),
      events: [
        { invoiceId: 'i1', type: 'invoice_created', at: new Date('2026-01-01T10:00:00Z'), data: {} },
        { invoiceId: 'i1', type: 'payment_received', at: new Date('2026-01-05T10:00:00Z'), data: {} },
        { invoiceId: 'i1', type: 'dunning_paused', at: new Date('2026-01-06T10:00:00Z'), data: {} },
      ],
      allocations: [
        { paymentId: 'p1', paymentExternalId: 'PAY-1', invoiceId: 'i1', currency: 'EUR', amountMinor: 1000n, receivedAt: new Date('2026-01-05T09:00:00Z') },
        { paymentId: 'p1', paymentExternalId: 'PAY-1', invoiceId: 'i2', currency: 'EUR', amountMinor: 250n, receivedAt: new Date('2026-01-05T09:00:00Z') },
      ],
      messages: [],
      disputes: [],
      pauses: [{ id: 'z', scope: 'invoice', invoiceId: 'i1', reason: 'Promise', since: new Date('2026-01-06T10:00:00Z'), until: null, resumedAt: new Date('2026-01-08T10:00:00Z') }],
      limits: [{ amountMinor: 500000n, currency: 'EUR', kind: 'manual', validUntil: null, requestId: null, createdAt: new Date('2026-01-02T10:00:00Z') }],
    });
    expect(t.map((e) => [e.source, e.type, e.summary])).toEqual([
      ['pause', 'dunning_resumed', 'Resumed dunning of F-1'],
      ['pause', 'dunning_paused', 'Paused dunning of F-1: Promise'],
      ['payment', 'payment_received', 'Payment PAY-1: 12.50 EUR on F-1, F-2'],
      ['credit_limit', 'credit_limit_changed', 'Credit limit 5000.00 EUR (manual)'],
      ['invoice', 'invoice_created', 'invoice created on F-1'],
    ]);
  });
});
