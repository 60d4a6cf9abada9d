import { describe, expect, test } from '@jest/globals';
import { buildTimeline } from '../../../src/customer-account/timeline.js';

describe('notes and collectors’ tasks in the customer timeline', () => {
  test('a note (on the customer or an invoice) and a logged call, newest first, with author, outcome and note', () => {
    const t = buildTimeline({
      numbers: new Map([['i1', 'F-1']]),
      events: [], allocations: [], messages: [], disputes: [], pauses: [], limits: [],
      notes: [
        { id: 'n1', invoiceId: null, authorName: 'Alice', body: 'AP contact changes in January', createdAt: new Date('2026-12-01T09:00:00Z') },
        { id: 'n2', invoiceId: 'i1', authorName: 'Bob', body: 'x'.repeat(250), createdAt: new Date('2026-12-03T09:00:00Z') },
      ],
      tasks: [{
        id: 't1', kind: 'call', title: 'Call Acme', invoiceId: 'i1', outcome: 'promise', note: 'Transfer next week', closedBy: 'Alice',
        closedAt: new Date('2026-12-02T09:00:00Z'), data: { invoiceIds: ['i1'], promiseTerms: { amount: '10.00' }, promiseId: null },
      }],
    });
    expect(t.map((e) => [e.source, e.type, e.invoiceIds, e.summary])).toEqual([
      ['note', 'note', ['i1'], `Note by Bob on F-1: ${'x'.repeat(199)}…`],
      ['task', 'call_promise', ['i1'], 'Call by Alice: promise — Transfer next week'],
      ['note', 'note', [], 'Note by Alice: AP contact changes in January'],
    ]);
    expect(t[0]!.details.body).toHaveLength(250);
    expect(t[1]!.details).toMatchObject({ taskId: 't1', outcome: 'promise', note: 'Transfer next week', promiseTerms: { amount: '10.00' }, promiseId: null });
  });
});
