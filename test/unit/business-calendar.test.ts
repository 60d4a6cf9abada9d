import { describe, expect, test } from '@jest/globals';
import {
  addBusinessDays, createBusinessCalendar, DEFAULT_SENDING_WINDOW, easterSunday, frenchPublicHolidays,
  holidaysBetween, isBusinessDay, nextBusinessDay, nextSendingInstant,
} from '../../workflows/domain/business-calendar.js';
import { hourInZone } from '../../workflows/domain/calendar.js';

const fr = createBusinessCalendar();
const iso = (epochMs: number) => new Date(epochMs).toISOString();
const at = (isoInstant: string) => Date.parse(isoInstant);

describe('French public holidays', () => {
  test('computes Easter', () => {
    // 2025: a = 11, b = 20, c = 25, d = 5, e = 0, f = 1, g = 6,
    // h = (209 + 20 − 5 − 6 + 15) mod 30 = 23, i = 6, k = 1, l = (32 + 0 + 12 − 23 − 1) mod 7 = 6,
    // m = (11 + 253 + 132) div 451 = 0, month = 143 div 31 = 4, day = 143 mod 31 + 1 = 20 → 20 April.
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2038)).toBe('2038-04-25'); // latest possible date
    expect(easterSunday(2285)).toBe('2285-03-22'); // earliest possible date
  });

  test('lists the 11 holidays of 2025, sorted', () => {
    // Easter 20 April: Monday +1 = 21 April, Ascension +39 = 29 May, Whit Monday +50 = 9 June.
    expect(frenchPublicHolidays(2025)).toEqual([
      '2025-01-01', '2025-04-21', '2025-05-01', '2025-05-08', '2025-05-29', '2025-06-09',
      '2025-07-14', '2025-08-15', '2025-11-01', '2025-11-11', '2025-12-25',
    ]);
  });

  test('Alsace-Moselle adds Good Friday and 26 December', () => {
    // 2026: Easter 5 April → Good Friday 3 April, Easter Monday 6 April, Ascension 14 May, Whit Monday 25 May.
    const holidays = frenchPublicHolidays(2026, { alsaceMoselle: true });
    expect(holidays).toHaveLength(13);
    expect(holidays.slice(0, 3)).toEqual(['2026-01-01', '2026-04-03', '2026-04-06']);
    expect(holidays).toContain('2026-05-14');
    expect(holidays).toContain('2026-05-25');
    expect(holidays.at(-1)).toBe('2026-12-26');
  });
});

describe('business calendar', () => {
  // 2025-05-01 is a Thursday (1 January 2025 was a Wednesday).
  test('weekends and holidays are not business days', () => {
    expect(isBusinessDay('2025-05-01', fr)).toBe(false); // Thursday, Fête du travail
    expect(isBusinessDay('2025-05-02', fr)).toBe(true); // Friday
    expect(isBusinessDay('2025-05-03', fr)).toBe(false); // Saturday
    expect(isBusinessDay('2025-05-01', createBusinessCalendar({ country: 'none' }))).toBe(true);
  });

  test('next business day is the date itself when open', () => {
    expect(nextBusinessDay('2025-05-02', fr)).toBe('2025-05-02');
    expect(nextBusinessDay('2025-05-01', fr)).toBe('2025-05-02');
    expect(nextBusinessDay('2025-05-03', fr)).toBe('2025-05-05'); // Saturday → Monday
    // Thursday 25 December 2025: Friday 26 is open, except in Alsace-Moselle (→ Monday 29).
    expect(nextBusinessDay('2025-12-25', fr)).toBe('2025-12-26');
    expect(nextBusinessDay('2025-12-25', createBusinessCalendar({ alsaceMoselle: true }))).toBe('2025-12-29');
  });

  test('adds business days forward and backward', () => {
    // Wed 30 April + 3: Thu 1 May closed, Fri 2 (1), weekend, Mon 5 (2), Tue 6 (3).
    expect(addBusinessDays('2025-04-30', 3, fr)).toBe('2025-05-06');
    expect(addBusinessDays('2025-05-06', -3, fr)).toBe('2025-04-30');
    expect(addBusinessDays('2025-05-02', 1, fr)).toBe('2025-05-05'); // Friday + 1 = Monday
    expect(addBusinessDays('2025-05-03', 0, fr)).toBe('2025-05-03');
    expect(() => addBusinessDays('2025-05-03', 1.5, fr)).toThrow(RangeError);
  });

  test('lists holidays in a range, across years', () => {
    expect(holidaysBetween('2025-04-01', '2025-06-30', fr))
      .toEqual(['2025-04-21', '2025-05-01', '2025-05-08', '2025-05-29', '2025-06-09']);
    expect(holidaysBetween('2025-12-20', '2026-01-05', fr)).toEqual(['2025-12-25', '2026-01-01']);
    expect(holidaysBetween('2025-06-30', '2025-04-01', fr)).toEqual([]);
  });

  test('an entity adds bridges and works holidays', () => {
    const cal = createBusinessCalendar({ extraHolidays: ['2025-05-02'], removedHolidays: ['2025-06-09'] });
    expect(nextBusinessDay('2025-05-01', cal)).toBe('2025-05-05');
    expect(isBusinessDay('2025-06-09', cal)).toBe(true); // Whit Monday worked (journée de solidarité)
    expect(holidaysBetween('2025-05-01', '2025-06-30', cal))
      .toEqual(['2025-05-01', '2025-05-02', '2025-05-08', '2025-05-29']);
  });

  test('other weekends', () => {
    const cal = createBusinessCalendar({ country: 'none', weekendDays: [5, 6] });
    expect(isBusinessDay('2025-05-02', cal)).toBe(false); // Friday
    expect(isBusinessDay('2025-05-04', cal)).toBe(true); // Sunday
  });

  test('is plain JSON that survives a round trip', () => {
    const cal = createBusinessCalendar({ alsaceMoselle: true, extraHolidays: ['2025-05-02', '2025-05-02'] });
    expect(cal).toEqual({
      country: 'FR', alsaceMoselle: true, extraHolidays: ['2025-05-02'], removedHolidays: [], weekendDays: [0, 6],
    });
    const restored = JSON.parse(JSON.stringify(cal)) as typeof cal;
    expect(restored).toEqual(cal);
    expect(createBusinessCalendar(restored)).toEqual(cal);
  });

  test('refuses invalid options', () => {
    expect(() => createBusinessCalendar({ weekendDays: [0, 1, 2, 3, 4, 5, 6] })).toThrow(RangeError);
    expect(() => createBusinessCalendar({ weekendDays: [7] })).toThrow(RangeError);
    expect(() => createBusinessCalendar({ extraHolidays: ['2025-02-30'] })).toThrow(RangeError);
    expect(() => createBusinessCalendar({ extraHolidays: ['2025-05-02'], removedHolidays: ['2025-05-02'] })).toThrow(RangeError);
    expect(() => createBusinessCalendar({ country: 'none', alsaceMoselle: true })).toThrow(RangeError);
  });
});

describe('sending window', () => {
  const paris = 'Europe/Paris';

  test('reads the local hour of an instant', () => {
    expect(hourInZone(at('2026-01-15T23:30:00Z'), paris)).toBe(0); // UTC+1
    expect(hourInZone(at('2026-07-15T23:30:00Z'), paris)).toBe(1); // UTC+2
    expect(hourInZone(at('2026-01-16T02:00:00Z'), 'America/New_York')).toBe(21); // UTC−5
  });

  test('inside the window, now', () => {
    // Friday 2026-03-27 17:30 Paris (UTC+1) = 16:30Z.
    expect(iso(nextSendingInstant(at('2026-03-27T16:30:00Z'), paris, DEFAULT_SENDING_WINDOW, fr))).toBe('2026-03-27T16:30:00.000Z');
    expect(nextSendingInstant(123, paris, null, fr)).toBe(123);
  });

  test('before opening, at opening', () => {
    // Thursday 2026-01-15 08:00 Paris = 07:00Z → 09:00 Paris = 08:00Z.
    expect(iso(nextSendingInstant(at('2026-01-15T07:00:00Z'), paris, DEFAULT_SENDING_WINDOW, fr))).toBe('2026-01-15T08:00:00.000Z');
    // 2026-01-15T23:30Z is already Friday 16 January 00:30 in Paris → that day's 09:00 = 08:00Z.
    expect(iso(nextSendingInstant(at('2026-01-15T23:30:00Z'), paris, DEFAULT_SENDING_WINDOW, fr))).toBe('2026-01-16T08:00:00.000Z');
  });

  test('after closing on Friday, Monday 09:00 across a DST change', () => {
    // Friday 2026-03-27 18:00 Paris = 17:00Z (end is exclusive). Clocks spring forward on Sunday 29 March:
    // Monday 30 March 09:00 Paris is UTC+2 = 07:00Z (not 08:00Z).
    expect(iso(nextSendingInstant(at('2026-03-27T17:00:00Z'), paris, DEFAULT_SENDING_WINDOW, fr))).toBe('2026-03-30T07:00:00.000Z');
    // Friday 2026-10-23 19:00 Paris (UTC+2) = 17:00Z; back to UTC+1 on Sunday 25 → Monday 26 09:00 = 08:00Z.
    expect(iso(nextSendingInstant(at('2026-10-23T17:00:00Z'), paris, DEFAULT_SENDING_WINDOW, fr))).toBe('2026-10-26T08:00:00.000Z');
  });

  test('skips holidays and weekends unless the window allows any day', () => {
    // Thursday 2026-04-30 20:00 Paris = 18:00Z; Friday 1 May closed, then the weekend → Monday 4 May 07:00Z.
    expect(iso(nextSendingInstant(at('2026-04-30T18:00:00Z'), paris, DEFAULT_SENDING_WINDOW, fr))).toBe('2026-05-04T07:00:00.000Z');
    const anyDay = { ...DEFAULT_SENDING_WINDOW, businessDaysOnly: false };
    expect(iso(nextSendingInstant(at('2026-04-30T18:00:00Z'), paris, anyDay, fr))).toBe('2026-05-01T07:00:00.000Z');
  });

  test('uses the local date of the time zone, not the UTC date', () => {
    // 2026-01-16T02:00Z is Thursday 15 January 21:00 in New York (UTC−5) → Friday 16 09:00 = 14:00Z.
    const none = createBusinessCalendar({ country: 'none' });
    expect(iso(nextSendingInstant(at('2026-01-16T02:00:00Z'), 'America/New_York', DEFAULT_SENDING_WINDOW, none)))
      .toBe('2026-01-16T14:00:00.000Z');
  });

  test('opening hours the clocks skip or repeat', () => {
    // 2026-03-29 in Paris: 02:00 CET becomes 03:00 CEST at 01:00Z, so hour 2 does not exist.
    // Window 2–4 opens at the end of the gap, 03:00 CEST = 01:00Z.
    const twoToFour = { startHour: 2, endHour: 4, businessDaysOnly: false };
    expect(iso(nextSendingInstant(at('2026-03-29T00:00:00Z'), paris, twoToFour, fr))).toBe('2026-03-29T01:00:00.000Z');
    // Window 2–3 never opens that day → Monday 30 March 02:00 CEST = 00:00Z.
    const twoToThree = { startHour: 2, endHour: 3, businessDaysOnly: false };
    expect(iso(nextSendingInstant(at('2026-03-29T00:00:00Z'), paris, twoToThree, fr))).toBe('2026-03-30T00:00:00.000Z');
    // 2026-10-25: 03:00 CEST becomes 02:00 CET at 01:00Z, so 02:00 happens at 00:00Z and again at 01:00Z.
    // From 01:30 CEST (2026-10-24T23:30Z) the window opens at the first 02:00, 00:00Z.
    expect(iso(nextSendingInstant(at('2026-10-24T23:30:00Z'), paris, twoToFour, fr))).toBe('2026-10-25T00:00:00.000Z');
  });

  test('refuses an empty window', () => {
    expect(() => nextSendingInstant(0, paris, { startHour: 18, endHour: 9, businessDaysOnly: true }, fr)).toThrow(RangeError);
  });
});
