import { describe, expect, test } from '@jest/globals';
import { memoisedLocalDate, pauseProgress, stepProgress, type StepEventRow } from '../../src/simulation/invoice-progress.js';
import { dateInZone } from '../../workflows/domain/calendar.js';
import { atLeast } from '../../src/simulation/portfolio-state.reader.js';

const d = (iso: string) => new Date(iso);
const event = (type: string, dedupeKey: string, occurredAt = '2026-05-04T07:00:00Z', then: string | null = null): StepEventRow => ({
  type, dedupeKey, occurredAt: d(occurredAt), then,
});

describe('step progress from the timeline', () => {
  test('executed, condition-skipped, superseded and checkpoint-skipped steps are handled; only executed ones have a date', () => {
    const progress = stepProgress([
      event('reminder_sent', 'step:courtesy', '2026-05-04T22:30:00Z'), // 00:30 on 5 May in Paris
      event('task_created', 'step:call', '2026-05-06T07:00:00Z'),
      event('step_skipped', 'step:sms_smb'),
      event('reminder_skipped', 'skip:reminder_1'),
      event('checkpoint_closed', 'checkpoint_closed:final', '2026-05-07T07:00:00Z', 'skip'),
      event('checkpoint_closed', 'checkpoint_closed:approved', '2026-05-07T07:00:00Z', 'proceed'),
      event('checkpoint_opened', 'checkpoint:waiting'),
      event('invoice_created', 'created'),
      event('dunning_paused', 'paused:0f3c'),
    ], 'Europe/Paris');
    expect(progress.handled.sort()).toEqual(['call', 'courtesy', 'final', 'reminder_1', 'sms_smb']);
    expect(progress.executedOn).toEqual({ courtesy: '2026-05-05', call: '2026-05-06' });
    expect(progress.awaitingCheckpoint).toBe('waiting');
    // Closed (or run) checkpoints are not waiting.
    expect(stepProgress([event('checkpoint_opened', 'checkpoint:final'), event('checkpoint_closed', 'checkpoint_closed:final', undefined, 'proceed')], 'Europe/Paris').awaitingCheckpoint)
      .toBeNull();
    // The same instant is still 4 May in New York.
    expect(stepProgress([event('reminder_sent', 'step:courtesy', '2026-05-04T22:30:00Z')], 'America/New_York').executedOn)
      .toEqual({ courtesy: '2026-05-04' });
  });
});

describe('local dates, remembered per quarter hour', () => {
  test('agree with dateInZone minute by minute around midnights and clock changes, in zones with odd offsets', () => {
    const localDate = memoisedLocalDate();
    const starts = ['2026-03-28T20:00:00Z', '2026-10-24T20:00:00Z', '2026-06-30T17:00:00Z'];
    for (const zone of ['Europe/Paris', 'America/New_York', 'Asia/Kathmandu', 'Australia/Eucla', 'Pacific/Chatham']) {
      for (const start of starts) {
        for (let t = Date.parse(start); t < Date.parse(start) + 2 * 86_400_000; t += 60_000 + 7) {
          if (localDate(t, zone) !== dateInZone(t, zone)) throw new Error(`${zone} ${new Date(t).toISOString()}`);
        }
      }
    }
  });
});

describe('pause progress from the pause rows', () => {
  const created = d('2026-04-01T08:00:00Z');
  const now = Date.parse('2026-05-10T08:00:00Z');
  const pause = (createdAt: string, end: { until?: string; resumedAt?: string } = {}) => ({
    createdAt: d(createdAt), until: end.until ? d(end.until) : null, resumedAt: end.resumedAt ? d(end.resumedAt) : null,
  });

  test('closed pauses add their whole local days; overlapping invoice and customer pauses count once', () => {
    // 20 → 24 April: 4 days.
    expect(pauseProgress([pause('2026-04-20T08:00:00Z', { resumedAt: '2026-04-24T10:00:00Z' })], created, now, 'Europe/Paris'))
      .toEqual({ pausedDays: 4, activePause: null });
    // 20 → 24 April and 22 → 27 April overlap: the clock stood still 20 → 27 April, 7 days (not 4 + 5).
    const overlapping = [pause('2026-04-20T08:00:00Z', { resumedAt: '2026-04-24T10:00:00Z' }), pause('2026-04-22T08:00:00Z', { resumedAt: '2026-04-27T10:00:00Z' })];
    expect(pauseProgress(overlapping, created, now, 'Europe/Paris').pausedDays).toBe(7);
    // Apart: 20 → 22 April and 25 → 27 April, 2 + 2 days.
    const apart = [pause('2026-04-20T08:00:00Z', { resumedAt: '2026-04-22T10:00:00Z' }), pause('2026-04-25T08:00:00Z', { resumedAt: '2026-04-27T10:00:00Z' })];
    expect(pauseProgress(apart, created, now, 'Europe/Paris').pausedDays).toBe(4);
  });

  test('a pause whose end date passed is over even if no one closed the row; same-day pauses count nothing', () => {
    expect(pauseProgress([pause('2026-04-20T08:00:00Z', { until: '2026-04-23T08:00:00Z' })], created, now, 'Europe/Paris'))
      .toEqual({ pausedDays: 3, activePause: null });
    expect(pauseProgress([pause('2026-04-20T08:00:00Z', { resumedAt: '2026-04-20T15:00:00Z' })], created, now, 'Europe/Paris').pausedDays).toBe(0);
  });

  test('the pause in force is active, merged with one overlapping it; an indefinite one has no end', () => {
    const active = pauseProgress([
      pause('2026-05-01T08:00:00Z', { resumedAt: '2026-05-06T08:00:00Z' }),
      pause('2026-05-05T08:00:00Z', { until: '2026-05-12T08:00:00Z' }),
    ], created, now, 'Europe/Paris');
    expect(active).toEqual({ pausedDays: 0, activePause: { since: Date.parse('2026-05-01T08:00:00Z'), until: Date.parse('2026-05-12T08:00:00Z') } });
    expect(pauseProgress([pause('2026-05-05T08:00:00Z')], created, now, 'Europe/Paris').activePause)
      .toEqual({ since: Date.parse('2026-05-05T08:00:00Z'), until: null });
  });

  test('pauses count from the invoice creation: a customer paused before starts its invoice paused', () => {
    const customerPause = [pause('2026-03-20T08:00:00Z', { resumedAt: '2026-04-03T08:00:00Z' })];
    expect(pauseProgress(customerPause, created, now, 'Europe/Paris').pausedDays).toBe(2); // 1 → 3 April
    expect(pauseProgress([pause('2026-03-01T08:00:00Z', { resumedAt: '2026-03-10T08:00:00Z' })], created, now, 'Europe/Paris').pausedDays).toBe(0);
  });
});

describe('minimum open amount', () => {
  test('compares exactly in the currency minor unit', () => {
    expect(atLeast(125_000n, 'EUR', '1250')).toBe(true);
    expect(atLeast(125_000n, 'EUR', '1250.00')).toBe(true);
    expect(atLeast(125_000n, 'EUR', '1250.01')).toBe(false);
    expect(atLeast(125_000n, 'EUR', '1249.995')).toBe(true);
    expect(atLeast(1250n, 'JPY', '1250.5')).toBe(false);
    expect(atLeast(1_250_500n, 'KWD', '1250.5')).toBe(true);
  });
});
