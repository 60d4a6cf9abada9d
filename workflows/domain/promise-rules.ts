/**
 * Promises to pay: when a promise is judged, and how. Pure and Node-free (the
 * promise workflow imports it): amounts are bigint minor units, dates civil
 * dates (YYYY-MM-DD) in the customer's zone, business days from the entity's
 * calendar (French/EU rules in business-calendar.ts).
 *
 * - Grace: a promise is judged at the end of the `graceBusinessDays`-th
 *   business day after the promised date (Friday + 2 → Tuesday; holidays and
 *   weekends do not count). Default 2 business days.
 * - Kept: payments received toward it (on its invoices, from its creation on)
 *   reach the promised amount before that instant; kept late when the day they
 *   did was after the promised date. Broken: not covered when the grace ends.
 * - Repeat: a customer's broken promise is a repeat when another of its
 *   promises broke within the 90 days before (inclusive): it escalates to the
 *   credit manager.
 */
import { addBusinessDays, type BusinessCalendar } from './business-calendar.js';
import { addDays, daysBetween, isIsoDate, zonedDateHourToEpoch } from './calendar.js';

export const DEFAULT_PROMISE_GRACE_BUSINESS_DAYS = 2;
export const REPEAT_BREAK_WINDOW_DAYS = 90;

export const PROMISE_STATUSES = ['open', 'kept', 'broken', 'cancelled'] as const;
export type PromiseStatus = (typeof PROMISE_STATUSES)[number];

export interface PromiseDeadline {
  /** The last day (local) a payment still keeps the promise. */
  graceEndsOn: string;
  /** Epoch ms of the start of the day after `graceEndsOn` in `timeZone`: the promise is judged then. */
  judgedAt: number;
}

export function promiseDeadline(
  promisedFor: string, graceBusinessDays: number, calendar: BusinessCalendar, timeZone: string,
): PromiseDeadline {
  if (!isIsoDate(promisedFor)) throw new RangeError(`Invalid promised date: ${promisedFor}`);
  if (!Number.isSafeInteger(graceBusinessDays) || graceBusinessDays < 0) {
    throw new RangeError(`Grace is a whole number of business days ≥ 0: ${graceBusinessDays}`);
  }
  const graceEndsOn = addBusinessDays(promisedFor, graceBusinessDays, calendar);
  return { graceEndsOn, judgedAt: zonedDateHourToEpoch(addDays(graceEndsOn, 1), 0, timeZone) };
}

export type PromiseJudgement =
  | { outcome: 'open' }
  | { outcome: 'kept'; late: boolean }
  | { outcome: 'broken'; shortfallMinor: bigint };

/**
 * The promise's state on local day `today` with `receivedMinor` received
 * toward it; `final`: the grace is over (the judging instant has come).
 */
export function judgePromise(p: {
  amountMinor: bigint; receivedMinor: bigint; promisedFor: string; today: string; final: boolean;
}): PromiseJudgement {
  if (p.receivedMinor >= p.amountMinor) return { outcome: 'kept', late: daysBetween(p.promisedFor, p.today) > 0 };
  if (!p.final) return { outcome: 'open' };
  return { outcome: 'broken', shortfallMinor: p.amountMinor - p.receivedMinor };
}

/** Whether a promise broken on `brokenOn` follows another broken one of the customer within the window. */
export function isRepeatBreak(brokenOn: string, earlierBrokenOn: readonly string[], windowDays = REPEAT_BREAK_WINDOW_DAYS): boolean {
  return earlierBrokenOn.some((d) => {
    const gap = daysBetween(d, brokenOn);
    return gap >= 0 && gap <= windowDays;
  });
}

/** kept / (kept + broken) as a percentage with 1 decimal, half-up; null when none was judged. */
export function keptRatePercent(kept: number, broken: number): string | null {
  const judged = kept + broken;
  if (judged === 0) return null;
  const tenths = Math.floor((kept * 2000 + judged) / (2 * judged));
  return `${Math.floor(tenths / 10)}.${tenths % 10}`;
}
