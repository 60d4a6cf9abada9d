import { describe, expect, test } from '@jest/globals';
import { planIntake } from '../../src/invoices/intake-plan.js';
import { DEFAULT_PRIORITY_KEY, startPriority } from '../../src/temporal/task-priority.js';
import type { InvoiceDunningInput } from '../../workflows/definitions.js';

// 10 May 2026, 12:00 in Paris. The built-in scenario: −3, +1, +7, +15, +30 days at 9:00 (no calendar, no window).
const NOW = Date.parse('2026-05-10T10:00:00Z');
const invoice = (dueDate: string, extra: Partial<InvoiceDunningInput> = {}): InvoiceDunningInput => ({
  invoiceId: 'inv-1', dueDate, currency: 'EUR', openAmountMinor: '120000', timeZone: 'Europe/Paris', sendHour: 9, ...extra,
});

describe('start priority', () => {
  test('live: news first, then due work, then starts that only set a timer at Temporal\'s default', () => {
    expect(startPriority('live', 'reacting')).toEqual({ priorityKey: 1 });
    expect(startPriority('live', 'due_now')).toEqual({ priorityKey: 2 });
    expect(startPriority('live', 'scheduled')).toEqual({ priorityKey: DEFAULT_PRIORITY_KEY });
  });

  test('bulk: below every live level, due work ahead of the rest of the load', () => {
    expect(startPriority('bulk', 'due_now')).toEqual({ priorityKey: 4 });
    expect(startPriority('bulk', 'scheduled')).toEqual({ priorityKey: 5 });
    for (const urgency of ['reacting', 'due_now', 'scheduled'] as const) {
      expect(startPriority('bulk', urgency).priorityKey).toBeGreaterThan(startPriority('live', 'scheduled').priorityKey);
    }
  });
});

describe('intake plan', () => {
  test('an invoice not yet due only sets its first timer: default priority, its first next action projected', () => {
    expect(planIntake(invoice('2026-06-01'), NOW)).toEqual({
      urgency: 'scheduled', projected: { at: '2026-05-29T07:00:00.000Z', step: 'courtesy_notice' },
    });
  });

  test('an invoice 8 days overdue at intake has a step due: it goes first and its workflow writes the projection', () => {
    const plan = planIntake(invoice('2026-05-02'), NOW);
    expect(plan).toEqual({ urgency: 'due_now', projected: undefined });
    expect(startPriority('live', plan.urgency).priorityKey).toBeLessThan(startPriority('live', planIntake(invoice('2026-06-01'), NOW).urgency).priorityKey);
  });

  test('a step falls due at the send hour, not before', () => {
    // Due 13 May: its courtesy notice fell due at 9:00 today, three hours ago.
    expect(planIntake(invoice('2026-05-13'), NOW).urgency).toBe('due_now');
    // Due 14 May: its courtesy notice is tomorrow at 9:00.
    expect(planIntake(invoice('2026-05-14'), NOW)).toEqual({
      urgency: 'scheduled', projected: { at: '2026-05-11T07:00:00.000Z', step: 'courtesy_notice' },
    });
  });

  test('a paused invoice waits for its resume: nothing due, nothing projected', () => {
    const paused = invoice('2026-05-02', { pauses: [{ pauseId: 'p1', scope: 'customer', reason: 'dispute', until: null }] });
    expect(planIntake(paused, NOW)).toEqual({ urgency: 'scheduled', projected: undefined });
  });
});
