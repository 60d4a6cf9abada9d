/**
 * French statutory late-payment penalties between businesses (Code de commerce
 * L441-10, D441-5): interest at the ECB rate + 10 points per calendar half-year,
 * plus a fixed recovery indemnity. Exact: bigint minor units, one rounding.
 */
import { addDays, daysBetween, isIsoDate } from '../workflows/domain/calendar.js';
import { parseAmount } from '../workflows/domain/money.js';

export interface EcbRateChange {
  /** First day the rate is in force (ISO date). */
  from: string;
  /** Basis points: 1 bp = 0.01 %. */
  rateBp: number;
}

/**
 * ECB main refinancing operations rate, by effective date. This is data, not
 * law: an operator can override it per entity, and every later ECB change must
 * be appended. The last entry is the latest change known when it was written.
 */
export const ECB_MAIN_REFINANCING_RATES: readonly EcbRateChange[] = [
  { from: '2016-03-16', rateBp: 0 },
  { from: '2022-07-27', rateBp: 50 },
  { from: '2022-09-14', rateBp: 125 },
  { from: '2022-11-02', rateBp: 200 },
  { from: '2022-12-21', rateBp: 250 },
  { from: '2023-02-08', rateBp: 300 },
  { from: '2023-03-22', rateBp: 350 },
  { from: '2023-05-10', rateBp: 375 },
  { from: '2023-06-21', rateBp: 400 },
  { from: '2023-08-02', rateBp: 425 },
  { from: '2023-09-20', rateBp: 450 },
  { from: '2024-06-12', rateBp: 425 },
  { from: '2024-09-18', rateBp: 365 },
  { from: '2024-10-23', rateBp: 340 },
  { from: '2024-12-18', rateBp: 315 },
  { from: '2025-02-05', rateBp: 290 },
  { from: '2025-03-12', rateBp: 265 },
  { from: '2025-04-23', rateBp: 240 },
  { from: '2025-06-11', rateBp: 215 },
];

/** L441-10: ECB rate + 10 percentage points unless the contract says otherwise. */
export const DEFAULT_PENALTY_MARGIN_BP = 1000;

/** D441-5: €40 per late invoice, business-to-business only. */
export const EUR_FIXED_INDEMNITY_MINOR = 4000n;

/** Simple interest on a 365-day year, rates in basis points: amount × bp × days / (10 000 × 365). */
const DENOMINATOR = 10_000n * 365n;

export interface LatePaymentPenaltyInput {
  /** Outstanding amount, minor units of `currency`. */
  amountMinor: bigint;
  currency: string;
  dueDate: string;
  /** Last day of interest, inclusive. */
  asOf: string;
  rates?: readonly EcbRateChange[];
  marginBp?: number;
  /** 3 × the legal interest rate, when known: the rate never goes below it. */
  floorRateBp?: number;
  /** Default €40 (4000n) in EUR; other currencies have none unless given (no conversion here). */
  fixedIndemnityMinor?: bigint;
  /** Default true; false → no fixed indemnity. */
  businessToBusiness?: boolean;
}

export interface PenaltyPeriod {
  from: string;
  to: string;
  days: number;
  rateBp: number;
  /** This period's share rounded half-up, for display only. */
  interestMinor: bigint;
}

export interface LatePaymentPenalty {
  daysLate: number;
  periods: PenaltyPeriod[];
  /**
   * Exact sum of the periods, rounded once, half-up: the displayed period
   * shares, each rounded on its own, may add up to one unit more or less.
   */
  interestMinor: bigint;
  indemnityMinor: bigint;
  totalMinor: bigint;
}

export function computeLatePaymentPenalty(input: LatePaymentPenaltyInput): LatePaymentPenalty {
  const rates = input.rates ?? ECB_MAIN_REFINANCING_RATES;
  const marginBp = input.marginBp ?? DEFAULT_PENALTY_MARGIN_BP;
  assertInputs(input, rates, marginBp);
  const daysLate = daysBetween(input.dueDate, input.asOf);
  if (daysLate <= 0 || input.amountMinor === 0n) {
    return { daysLate: Math.max(daysLate, 0), periods: [], interestMinor: 0n, indemnityMinor: 0n, totalMinor: 0n };
  }

  const periods: PenaltyPeriod[] = [];
  let numerator = 0n; // Σ amount × bp × days, over DENOMINATOR
  for (let from = addDays(input.dueDate, 1); from <= input.asOf; ) {
    const end = halfYearEnd(from);
    const to = end < input.asOf ? end : input.asOf;
    const days = daysBetween(from, to) + 1;
    // A penalty is never negative, whatever margin a contract sets.
    const rateBp = Math.max(ecbRateInForce(halfYearStart(from), rates) + marginBp, input.floorRateBp ?? 0, 0);
    const share = input.amountMinor * BigInt(rateBp) * BigInt(days);
    numerator += share;
    periods.push({ from, to, days, rateBp, interestMinor: divideHalfUp(share, DENOMINATOR) });
    from = addDays(to, 1);
  }

  const interestMinor = divideHalfUp(numerator, DENOMINATOR);
  const indemnityMinor = input.businessToBusiness === false
    ? 0n
    : input.fixedIndemnityMinor ?? (input.currency === 'EUR' ? EUR_FIXED_INDEMNITY_MINOR : 0n);
  return { daysLate, periods, interestMinor, indemnityMinor, totalMinor: interestMinor + indemnityMinor };
}

/** The ECB rate in force on `date`: the last change effective on or before it. */
export function ecbRateInForce(date: string, rates: readonly EcbRateChange[] = ECB_MAIN_REFINANCING_RATES): number {
  let found: EcbRateChange | undefined;
  for (const change of rates) {
    if (change.from <= date) found = change;
  }
  if (!found) throw new RangeError(`No ECB rate known on ${date}`);
  return found.rateBp;
}

/** 1 January or 1 July: the day whose ECB rate applies to the half-year of `date`. */
function halfYearStart(date: string): string {
  return date.slice(5, 7) <= '06' ? `${date.slice(0, 4)}-01-01` : `${date.slice(0, 4)}-07-01`;
}

function halfYearEnd(date: string): string {
  return date.slice(5, 7) <= '06' ? `${date.slice(0, 4)}-06-30` : `${date.slice(0, 4)}-12-31`;
}

/** Non-negative numerator: (2n + d) / 2d rounds .5 up. */
function divideHalfUp(n: bigint, d: bigint): bigint {
  return (2n * n + d) / (2n * d);
}

function assertInputs(input: LatePaymentPenaltyInput, rates: readonly EcbRateChange[], marginBp: number): void {
  if (input.amountMinor < 0n) throw new RangeError('amountMinor must not be negative');
  if ((input.fixedIndemnityMinor ?? 0n) < 0n) throw new RangeError('fixedIndemnityMinor must not be negative');
  if (!/^[A-Z]{3}$/.test(input.currency)) throw new RangeError(`Invalid currency: ${input.currency}`);
  for (const date of [input.dueDate, input.asOf]) {
    if (!isIsoDate(date)) throw new RangeError(`Invalid ISO date: ${date}`);
  }
  for (const bp of [marginBp, input.floorRateBp ?? 0]) {
    if (!Number.isSafeInteger(bp)) throw new RangeError(`Rates are whole basis points: ${bp}`);
  }
  rates.forEach((r, i) => {
    if (!isIsoDate(r.from) || !Number.isSafeInteger(r.rateBp)) throw new RangeError(`Invalid ECB rate entry ${i}`);
    if (i > 0 && rates[i - 1]!.from >= r.from) throw new RangeError('ECB rates must be sorted by date, without duplicates');
  });
}

/**
 * An entity's late-payment terms, as stored with the entity (plain JSON).
 * Absent fields take the country's statutory default.
 */
export interface PenaltyPolicy {
  /** Points above the ECB rate, in basis points (France: 1000; EU directive minimum: 800). */
  marginBp?: number;
  floorRateBp?: number;
  /** Decimal amount in the invoice's currency; default €40 for euro invoices. */
  fixedIndemnity?: string;
  businessToBusiness?: boolean;
  /** Replaces the ECB rate table (for rates published after this release). */
  rates?: EcbRateChange[];
}

/** Statutory defaults by the entity's country: France's L441-10, else the EU directive's minimum. */
export function defaultPenaltyPolicy(country: string): Required<Pick<PenaltyPolicy, 'marginBp' | 'businessToBusiness'>> {
  return { marginBp: country === 'FR' ? DEFAULT_PENALTY_MARGIN_BP : 800, businessToBusiness: true };
}

/** The penalty computation's input under an entity's policy. */
export function penaltyInput(
  base: Pick<LatePaymentPenaltyInput, 'amountMinor' | 'currency' | 'dueDate' | 'asOf'>,
  policy: PenaltyPolicy,
  country: string,
): LatePaymentPenaltyInput {
  const defaults = defaultPenaltyPolicy(country);
  return {
    ...base,
    marginBp: policy.marginBp ?? defaults.marginBp,
    businessToBusiness: policy.businessToBusiness ?? defaults.businessToBusiness,
    ...(policy.floorRateBp !== undefined ? { floorRateBp: policy.floorRateBp } : {}),
    ...(policy.rates && policy.rates.length > 0 ? { rates: policy.rates } : {}),
    ...(policy.fixedIndemnity !== undefined ? { fixedIndemnityMinor: parseAmount(policy.fixedIndemnity, base.currency) } : {}),
  };
}
