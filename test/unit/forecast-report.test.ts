import { describe, expect, test } from '@jest/globals';
import { ForecastReport } from '../../src/simulation/forecast-report.js';
import type { SimulatedAction } from '../../src/simulation/dunning-simulation.js';

const MINUTE = 60_000;
const nine = Date.parse('2026-05-04T07:00:00Z'); // Monday 4 May, 09:00 Paris

const invoice = (id: string, customerId: string, reachable: ('email' | 'sms' | 'letter')[] = ['email', 'sms', 'letter']) => ({
  invoiceId: id, invoiceNumber: `F-${id}`, customerId, customerName: `Customer ${customerId}`, reachable,
});
const action = (stepKey: string, extra: Partial<SimulatedAction> = {}): SimulatedAction => ({
  at: nine, date: '2026-05-04', scheduledDate: '2026-05-04', stepKey, action: 'reminder', channels: ['email', 'sms'], outcome: 'run', ...extra,
});
const zero = { email: 0, sms: 0, letter: 0, call_task: 0, checkpoint: 0, litigation_handover: 0, internal_notification: 0, account_statement: 0, formal_notice: 0, skipped: 0 };

function report(add: (r: ForecastReport) => void) {
  const r = new ForecastReport('2026-05-04', '2026-05-05', 15 * MINUTE);
  add(r);
  return r.toJSON();
}

describe('forecast totals', () => {
  test('reminders of one customer on one day make one message per channel; each invoice keeps its action', () => {
    const json = report((r) => {
      r.add(invoice('1', 'c1'), [action('reminder_1')]);
      r.add(invoice('2', 'c1'), [action('reminder_2')]);
      r.add(invoice('3', 'c2', ['email', 'letter']), [action('reminder_1')]); // no phone: no SMS
    });
    expect(json.days[0]!.actions.map((a) => [a.invoiceId, a.stepKey, a.channels.join('+')])).toEqual([
      ['1', 'reminder_1', 'email+sms'], ['2', 'reminder_2', 'email+sms'], ['3', 'reminder_1', 'email'],
    ]);
    // Invoice 3's SMS reaches nobody: the run will ask a collector for a contact.
    expect(json.days[0]!.actions.map((a) => a.unreachableChannels.join('+'))).toEqual(['', '', 'sms']);
    expect(json.days[0]!.totals).toEqual({ ...zero, email: 2, sms: 1 });
    expect(json.totals).toEqual({ ...zero, email: 2, sms: 1 });
  });

  test('a step arriving after the batch closed, another planned date or another action opens a new batch', () => {
    const json = report((r) => {
      r.add(invoice('1', 'c1'), [action('a', { channels: ['email'] })]);
      r.add(invoice('2', 'c1'), [action('a', { channels: ['email'], at: nine + 14 * MINUTE })]); // same batch
      r.add(invoice('3', 'c1'), [action('a', { channels: ['email'], at: nine + 15 * MINUTE })]); // closed: next batch
      r.add(invoice('4', 'c1'), [action('a', { channels: ['email'], scheduledDate: '2026-05-01' })]); // a catch-up planned another day
      r.add(invoice('5', 'c1'), [action('s', { channels: ['email'], action: 'account_statement' })]);
      r.add(invoice('6', 'c1'), [action('s', { channels: ['email'], action: 'account_statement' })]);
    });
    expect(json.days[0]!.totals).toEqual({ ...zero, email: 4, account_statement: 2 });
  });

  test('formal notices go per invoice; tasks, checkpoints and skips count per step; days outside the period are left out', () => {
    const json = report((r) => {
      const notice = { action: 'formal_notice' as const, channels: ['email' as const, 'letter' as const] };
      r.add(invoice('1', 'c1'), [action('notice', notice), action('call', { action: 'call_task', channels: [], date: '2026-05-05' })]);
      r.add(invoice('2', 'c1'), [
        action('notice', notice),
        action('old', { outcome: 'superseded' }),
        action('sms_smb', { outcome: 'skipped_condition', channels: ['sms'] }),
        action('final', { ...notice, outcome: 'awaits_approval', date: '2026-05-05' }),
        action('later', { date: '2026-05-06' }),
      ]);
    });
    expect(json.days.map((d) => d.date)).toEqual(['2026-05-04', '2026-05-05']);
    expect(json.days[0]!.totals).toEqual({ ...zero, email: 2, letter: 2, formal_notice: 2, skipped: 2 });
    expect(json.days[1]!.totals).toEqual({ ...zero, call_task: 1, checkpoint: 1 });
    expect(json.totals).toEqual({ ...zero, email: 2, letter: 2, formal_notice: 2, skipped: 2, call_task: 1, checkpoint: 1 });
  });
});
