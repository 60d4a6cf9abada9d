/**
 * Business days (weekends, French public holidays, per-entity overrides) and
 * sending windows in local time. Pure and deterministic: the calendar is plain
 * JSON, stored per legal entity and passed into workflows as-is.
 */
import { addDays, dateInZone, daysBetween, hourInZone, isIsoDate, zonedDateHourToEpoch } from './calendar.js';

/** Beyond this many days without a business day the calendar is considered broken. */
const MAX_SEARCH_DAYS = 3660;

/** Easter Sunday (anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  assertYear(year);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/**
 * The 11 public holidays of the Code du travail (L3133-1), sorted. Lundi de
 * Pentecôte stays listed although many employers work it as the journée de
 * solidarité: an entity that works it removes it with `removedHolidays`.
 * Alsace-Moselle (local law) adds Good Friday and 26 December.
 */
export function frenchPublicHolidays(year: number, options: { alsaceMoselle?: boolean } = {}): string[] {
  const easter = easterSunday(year);
  const dates = [
    `${year}-01-01`,
    addDays(easter, 1), // Lundi de Pâques
    `${year}-05-01`,
    `${year}-05-08`,
    addDays(easter, 39), // Ascension
    addDays(easter, 50), // Lundi de Pentecôte
    `${year}-07-14`,
    `${year}-08-15`,
    `${year}-11-01`,
    `${year}-11-11`,
    `${year}-12-25`,
  ];
  if (options.alsaceMoselle) dates.push(addDays(easter, -2), `${year}-12-26`);
  return dates.sort();
}

export type HolidayCountry = 'FR' | 'none';

export interface BusinessCalendarOptions {
  /** Public holidays to observe; default 'FR'. */
  country?: HolidayCountry;
  /** Adds Good Friday and 26 December; only with country 'FR'. */
  alsaceMoselle?: boolean;
  /** Closed days on top of the public holidays (bridges, company closures). */
  extraHolidays?: readonly string[];
  /** Public holidays the entity works. */
  removedHolidays?: readonly string[];
  /** 0 = Sunday … 6 = Saturday; default [0, 6]. */
  weekendDays?: readonly number[];
}

/** Normalised options: plain JSON, equal to itself after a JSON round trip. */
export interface BusinessCalendar {
  country: HolidayCountry;
  alsaceMoselle: boolean;
  extraHolidays: string[];
  removedHolidays: string[];
  weekendDays: number[];
}

/** Validates and normalises; use it too on calendars read back from storage. */
export function createBusinessCalendar(options: BusinessCalendarOptions = {}): BusinessCalendar {
  const country = options.country ?? 'FR';
  if (country !== 'FR' && country !== 'none') throw new RangeError(`Unknown holiday country: ${String(country)}`);
  const alsaceMoselle = options.alsaceMoselle ?? false;
  if (alsaceMoselle && country !== 'FR') throw new RangeError('alsaceMoselle applies to country FR only');
  const extraHolidays = normaliseDates(options.extraHolidays ?? [], 'extraHolidays');
  const removedHolidays = normaliseDates(options.removedHolidays ?? [], 'removedHolidays');
  const both = extraHolidays.filter((d) => removedHolidays.includes(d));
  if (both.length > 0) throw new RangeError(`Both added and removed as holidays: ${both.join(', ')}`);
  const weekendDays = [...new Set(options.weekendDays ?? [0, 6])].sort((x, y) => x - y);
  if (weekendDays.some((d) => !Number.isInteger(d) || d < 0 || d > 6)) {
    throw new RangeError(`weekendDays are integers 0 (Sunday) to 6 (Saturday): ${weekendDays.join(', ')}`);
  }
  if (weekendDays.length === 7) throw new RangeError('A week needs at least one working day');
  return { country, alsaceMoselle, extraHolidays, removedHolidays, weekendDays };
}

export function isHoliday(date: string, calendar: BusinessCalendar): boolean {
  if (calendar.extraHolidays.includes(date)) return true;
  if (calendar.removedHolidays.includes(date)) return false;
  return publicHolidays(yearOf(date), calendar).includes(date);
}

export function isBusinessDay(date: string, calendar: BusinessCalendar): boolean {
  return !calendar.weekendDays.includes(dayOfWeek(date)) && !isHoliday(date, calendar);
}

/** `date` itself when it is a business day, else the first one after it. */
export function nextBusinessDay(date: string, calendar: BusinessCalendar): string {
  for (let d = date, i = 0; i <= MAX_SEARCH_DAYS; d = addDays(d, 1), i++) {
    if (isBusinessDay(d, calendar)) return d;
  }
  throw new RangeError(`No business day within ${MAX_SEARCH_DAYS} days after ${date}`);
}

/**
 * Moves `n` business days forward (backward when negative), not counting
 * `date` itself: Friday + 1 is Monday. `n` = 0 returns `date` unchanged, even
 * on a closed day (use nextBusinessDay to land on an open one).
 */
export function addBusinessDays(date: string, n: number, calendar: BusinessCalendar): string {
  if (!Number.isSafeInteger(n)) throw new RangeError(`Not a whole number of business days: ${n}`);
  assertDate(date);
  const step = n < 0 ? -1 : 1;
  let d = date;
  for (let left = Math.abs(n), idle = 0; left > 0; ) {
    d = addDays(d, step);
    if (isBusinessDay(d, calendar)) {
      left--;
      idle = 0;
    } else if (++idle > MAX_SEARCH_DAYS) {
      throw new RangeError(`No business day within ${MAX_SEARCH_DAYS} days of ${d}`);
    }
  }
  return d;
}

/** Holidays from `from` to `to` inclusive, sorted, including those falling on a weekend. */
export function holidaysBetween(from: string, to: string, calendar: BusinessCalendar): string[] {
  if (daysBetween(from, to) < 0) return [];
  const found = new Set(calendar.extraHolidays.filter((d) => d >= from && d <= to));
  for (let year = yearOf(from); year <= yearOf(to); year++) {
    for (const d of publicHolidays(year, calendar)) {
      if (d >= from && d <= to && !calendar.removedHolidays.includes(d)) found.add(d);
    }
  }
  return [...found].sort();
}

/** Local hours [startHour, endHour) during which messages may go out. */
export interface SendingWindow {
  startHour: number;
  endHour: number;
  businessDaysOnly: boolean;
}

export const DEFAULT_SENDING_WINDOW: SendingWindow = { startHour: 9, endHour: 18, businessDaysOnly: true };

/**
 * The earliest instant ≥ `epochMs` whose wall clock in `timeZone` lies inside
 * the window (on a business day when required); `epochMs` itself when no window.
 * Each day's opening is computed from the local date, so DST changes are handled:
 * an opening hour the clocks skip opens at the end of the gap, a repeated one
 * at its first occurrence.
 */
export function nextSendingInstant(
  epochMs: number,
  timeZone: string,
  window: SendingWindow | null,
  calendar: BusinessCalendar,
): number {
  if (window === null) return epochMs;
  assertWindow(window);
  const inside = (t: number): boolean => {
    const hour = hourInZone(t, timeZone);
    if (hour < window.startHour || hour >= window.endHour) return false;
    return !window.businessDaysOnly || isBusinessDay(dateInZone(t, timeZone), calendar);
  };
  if (inside(epochMs)) return epochMs;
  const today = dateInZone(epochMs, timeZone);
  for (let i = 0; i <= MAX_SEARCH_DAYS; i++) {
    const opening = openingInstant(addDays(today, i), window.startHour, timeZone);
    if (opening >= epochMs && inside(opening)) return opening;
  }
  throw new RangeError(`No sending instant within ${MAX_SEARCH_DAYS} days of ${today}`);
}

/** The first instant of local `hour` on `date`; when clocks go back over it, its first occurrence. */
function openingInstant(date: string, hour: number, timeZone: string): number {
  const instant = zonedDateHourToEpoch(date, hour, timeZone);
  const hourEarlier = instant - 3_600_000;
  const repeated = hourInZone(hourEarlier, timeZone) === hour && dateInZone(hourEarlier, timeZone) === date;
  return repeated ? hourEarlier : instant;
}

function assertWindow(w: SendingWindow): void {
  const ok = Number.isInteger(w.startHour) && Number.isInteger(w.endHour)
    && w.startHour >= 0 && w.startHour < w.endHour && w.endHour <= 24;
  if (!ok) throw new RangeError(`Invalid sending window ${w.startHour}–${w.endHour}`);
}

function publicHolidays(year: number, calendar: BusinessCalendar): string[] {
  return calendar.country === 'FR' ? frenchPublicHolidays(year, { alsaceMoselle: calendar.alsaceMoselle }) : [];
}

function normaliseDates(dates: readonly string[], field: string): string[] {
  const invalid = dates.filter((d) => !isIsoDate(d));
  if (invalid.length > 0) throw new RangeError(`${field}: not ISO dates: ${invalid.join(', ')}`);
  return [...new Set(dates)].sort();
}

/** 0 = Sunday … 6 = Saturday; 1970-01-01 was a Thursday (4). */
function dayOfWeek(date: string): number {
  return (((daysBetween('1970-01-01', date) + 4) % 7) + 7) % 7;
}

function yearOf(date: string): number {
  assertDate(date);
  return Number(date.slice(0, 4));
}

function assertDate(date: string): void {
  if (!isIsoDate(date)) throw new RangeError(`Invalid ISO date: ${date}`);
}

function assertYear(year: number): void {
  // The Gregorian algorithm holds from 1583; ISO dates here have 4-digit years.
  if (!Number.isInteger(year) || year < 1583 || year > 9999) throw new RangeError(`Unsupported year: ${year}`);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
