/**
 * Payment plans: the schedule of instalments, how payments fill them, when a
 * plan is kept, missed or broken. Pure and Node-free (the payment-plan
 * workflow imports it); money in bigint minor units, never floats.
 *
 * Schedule (documented rounding, docs/promises-and-plans.md):
 * - due dates: the first due date, then every `intervalMonths` calendar months
 *   counted from it (a day missing in a month clamps to its last day: 31 Jan →
 *   28/29 Feb → 31 Mar);
 * - principal: split evenly in minor units; the remainder (principal mod count)
 *   goes one minor unit each to the first instalments, so they add up exactly;
 * - interest (optional, annual rate in basis points, simple interest, actual/365):
 *   each instalment carries the interest of the principal still outstanding
 *   before it over the days since the previous due date (the plan's start date
 *   for the first), rounded half-up to the minor unit per instalment;
 * - fee (optional, a fixed amount): on the first instalment.
 *
 * Payments are allocated to instalments in order (oldest due first). An
 * instalment not covered by the end of its due date + the grace (business
 * days of the entity's calendar) breaks the plan.
 */
import { addBusinessDays, type BusinessCalendar } from './business-calendar.js';
import { addDays, daysBetween, isIsoDate, zonedDateHourToEpoch } from './calendar.js';

export const PAYMENT_PLAN_STATUSES = ['pending_approval', 'active', 'completed', 'broken', 'rejected'] as const;
export type PaymentPlanStatus = (typeof PAYMENT_PLAN_STATUSES)[number];

export const MAX_INSTALMENTS = 36;

export interface ScheduleInput {
  principalMinor: bigint;
  /** The plan's start (local date): interest of the first instalment runs from it. */
  startDate: string;
  firstDueDate: string;
  count: number;
  intervalMonths: number;
  /** Annual simple interest in basis points (500 = 5 %); 0: none. */
  annualInterestBp: number;
  feeMinor: bigint;
}

export interface Instalment {
  seq: number;
  dueDate: string;
  principalMinor: bigint;
  interestMinor: bigint;
  feeMinor: bigint;
  /** principal + interest + fee. */
  amountMinor: bigint;
}

/** `date` plus `months` calendar months, the day clamped to the month's last. */
export function addMonths(date: string, months: number): string {
  if (!isIsoDate(date)) throw new RangeError(`Invalid ISO date: ${date}`);
  const index = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = Math.min(Number(date.slice(8, 10)), lastDay);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** n / d rounded half-up (n ≥ 0, d > 0). */
function halfUp(n: bigint, d: bigint): bigint {
  return (n * 2n + d) / (2n * d);
}

export function computeSchedule(input: ScheduleInput): Instalment[] {
  const { principalMinor, count } = input;
  if (!Number.isSafeInteger(count) || count < 1 || count > MAX_INSTALMENTS) throw new RangeError(`count is 1–${MAX_INSTALMENTS}: ${count}`);
  if (!Number.isSafeInteger(input.intervalMonths) || input.intervalMonths < 1 || input.intervalMonths > 12) {
    throw new RangeError(`intervalMonths is 1–12: ${input.intervalMonths}`);
  }
  if (principalMinor < BigInt(count)) throw new RangeError('the principal must be at least one minor unit per instalment');
  if (!Number.isSafeInteger(input.annualInterestBp) || input.annualInterestBp < 0) throw new RangeError('annualInterestBp must be ≥ 0');
  if (input.feeMinor < 0n) throw new RangeError('feeMinor must be ≥ 0');
  if (daysBetween(input.startDate, input.firstDueDate) < 0) throw new RangeError('the first due date is before the start date');
  const base = principalMinor / BigInt(count);
  const remainder = principalMinor % BigInt(count);
  let outstanding = principalMinor;
  let previous = input.startDate;
  const out: Instalment[] = [];
  for (let i = 0; i < count; i++) {
    const dueDate = addMonths(input.firstDueDate, i * input.intervalMonths);
    const principal = base + (BigInt(i) < remainder ? 1n : 0n);
    const days = BigInt(daysBetween(previous, dueDate));
    const interest = input.annualInterestBp === 0 ? 0n : halfUp(outstanding * BigInt(input.annualInterestBp) * days, 10_000n * 365n);
    const fee = i === 0 ? input.feeMinor : 0n;
    out.push({ seq: i + 1, dueDate, principalMinor: principal, interestMinor: interest, feeMinor: fee, amountMinor: principal + interest + fee });
    outstanding -= principal;
    previous = dueDate;
  }
  return out;
}

export interface InstalmentStanding {
  seq: number;
  dueDate: string;
  amountMinor: bigint;
  paidMinor: bigint;
  /** amount − paid, ≥ 0. */
  remainingMinor: bigint;
}

/** Payments (`paidMinor` in all) filling the instalments in order; any excess stays on the last. */
export function allocateToInstalments(instalments: readonly Pick<Instalment, 'seq' | 'dueDate' | 'amountMinor'>[], paidMinor: bigint): InstalmentStanding[] {
  let left = paidMinor < 0n ? 0n : paidMinor;
  return instalments.map((i, idx) => {
    const last = idx === instalments.length - 1;
    const paid = last ? left : left < i.amountMinor ? left : i.amountMinor;
    left -= paid;
    const remaining = i.amountMinor - paid;
    return { seq: i.seq, dueDate: i.dueDate, amountMinor: i.amountMinor, paidMinor: paid, remainingMinor: remaining > 0n ? remaining : 0n };
  });
}

/** Epoch ms at which an instalment due on `dueDate` is missed for good: midnight after its grace ends in `timeZone`. */
export function instalmentJudgedAt(dueDate: string, graceBusinessDays: number, calendar: BusinessCalendar, timeZone: string): number {
  return zonedDateHourToEpoch(addDays(addBusinessDays(dueDate, graceBusinessDays, calendar), 1), 0, timeZone);
}

export type PlanJudgement =
  | { outcome: 'completed' }
  | { outcome: 'broken'; seq: number; remainingMinor: bigint }
  | { outcome: 'active'; overdue: number[] };

/**
 * The plan at instant `now`: completed when every instalment is covered;
 * broken when the first instalment still not covered is past its grace;
 * otherwise active (with the instalments already past due, within grace).
 */
export function judgePlan(
  standing: readonly InstalmentStanding[], now: number, judgedAt: (dueDate: string) => number, dueAt: (dueDate: string) => number,
): PlanJudgement {
  const open = standing.filter((s) => s.remainingMinor > 0n);
  if (open.length === 0) return { outcome: 'completed' };
  const first = open[0]!;
  if (now >= judgedAt(first.dueDate)) return { outcome: 'broken', seq: first.seq, remainingMinor: first.remainingMinor };
  return { outcome: 'active', overdue: open.filter((s) => now >= dueAt(s.dueDate)).map((s) => s.seq) };
}

/** Basis points from a percentage as a decimal string ("5", "4.75"; at most 2 decimals). */
export function percentToBp(value: string): number {
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(value);
  if (!m) throw new RangeError(`"${value}" is not a percentage with at most 2 decimals`);
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}
