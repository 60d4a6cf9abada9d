import { describe, expect, test } from '@jest/globals';
import {
  addDays, dateInZone, daysBetween, isIsoDate, isValidTimeZone, zonedDateHourToEpoch,
} from '../../workflows/domain/calendar.js';

describe('calendar', () => {
  test('validates ISO dates, including impossible ones', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('26-01-01')).toBe(false);
  });

  test('adds days across months, years and leap days', () => {
    expect(addDays('2026-01-30', 3)).toBe('2026-02-02');
    expect(addDays('2026-12-30', 5)).toBe('2027-01-04');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -3)).toBe('2026-02-26');
    expect(daysBetween('2026-01-01', '2026-03-01')).toBe(59);
    expect(daysBetween('2026-03-01', '2026-01-01')).toBe(-59);
  });

  test('09:00 in Paris is 08:00 UTC in winter and 07:00 UTC in summer', () => {
    expect(new Date(zonedDateHourToEpoch('2026-01-15', 9, 'Europe/Paris')).toISOString()).toBe('2026-01-15T08:00:00.000Z');
    expect(new Date(zonedDateHourToEpoch('2026-07-15', 9, 'Europe/Paris')).toISOString()).toBe('2026-07-15T07:00:00.000Z');
  });

  test('handles the days clocks change', () => {
    // Paris springs forward on 2026-03-29 at 02:00 and falls back on 2026-10-25 at 03:00.
    expect(new Date(zonedDateHourToEpoch('2026-03-29', 9, 'Europe/Paris')).toISOString()).toBe('2026-03-29T07:00:00.000Z');
    expect(new Date(zonedDateHourToEpoch('2026-10-25', 9, 'Europe/Paris')).toISOString()).toBe('2026-10-25T08:00:00.000Z');
    expect(new Date(zonedDateHourToEpoch('2026-03-08', 9, 'America/New_York')).toISOString()).toBe('2026-03-08T13:00:00.000Z');
  });

  test('handles zones east and west of UTC, with half hours', () => {
    expect(new Date(zonedDateHourToEpoch('2026-05-01', 9, 'Asia/Kolkata')).toISOString()).toBe('2026-05-01T03:30:00.000Z');
    expect(new Date(zonedDateHourToEpoch('2026-05-01', 9, 'Pacific/Auckland')).toISOString()).toBe('2026-04-30T21:00:00.000Z');
    expect(new Date(zonedDateHourToEpoch('2026-05-01', 9, 'America/Los_Angeles')).toISOString()).toBe('2026-05-01T16:00:00.000Z');
  });

  test('reads the local date of an instant', () => {
    const instant = Date.parse('2026-05-01T22:30:00Z');
    expect(dateInZone(instant, 'Europe/Paris')).toBe('2026-05-02');
    expect(dateInZone(instant, 'America/New_York')).toBe('2026-05-01');
  });

  test('recognises IANA zones', () => {
    expect(isValidTimeZone('Europe/Paris')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });
});
