/**
 * The comparison of an experiment's arms, as a pure function of the invoices
 * recorded in each arm and how they were settled (docs/scenarios.md, "Experiments").
 */
import { addDays, daysBetween } from '../../workflows/domain/calendar.js';
import type { ExperimentArm } from '../scenarios/experiment-split.js';
import { meanInterval, proportionDifference, round, welchDifference, wilsonInterval } from './statistics.js';

/** Days after the due date within which an invoice counts as paid on time for the comparison. */
export const PAID_WITHIN_DAYS = 14;

/** An invoice recorded in an arm when its scenario version was chosen, with what became of it. */
export interface ArmInvoice {
  arm: ExperimentArm;
  customerId: string;
  /** YYYY-MM-DD. */
  issueDate: string;
  dueDate: string;
  /** The day its open amount reached zero (receivables ledger), or null while open. */
  settledOn: string | null;
  /** Closed by a cancellation or a write-off rather than paid. */
  closedOtherwise: boolean;
}

export interface RateFigures {
  /** Paid in full at most 14 days after the due date. */
  paid: number;
  /** Invoices whose outcome is known: paid in time, or 14 days past due without being paid. */
  decided: number;
  /** Still open and not yet 14 days past due: left out of the rate until they are decided. */
  pending: number;
  /** Cancelled or written off: neither paid nor late, left out. */
  excluded: number;
  /** paid / decided, 4 decimals; null when nothing is decided. */
  rate: number | null;
  /** Wilson score interval, 95 %. */
  ci95: { low: number; high: number } | null;
}

export interface DaysFigures {
  /** Invoices paid in full (the sample). */
  n: number;
  /** Mean days from issue date to the day the invoice was paid in full, 2 decimals. */
  mean: number | null;
  /** Student's t interval of the mean, 95 % (n ≥ 2). */
  ci95: { low: number; high: number } | null;
}

export interface ArmFigures {
  arm: ExperimentArm;
  version: number;
  invoices: number;
  customers: number;
  paidWithin14Days: RateFigures;
  daysToPay: DaysFigures;
}

export interface ArmComparison {
  arms: ArmFigures[];
  /** B − A. */
  difference: {
    /** Newcombe's hybrid score interval, 95 %; rates as fractions (0.1 = 10 points). */
    paidWithin14DaysRate: { estimate: number; ci95: { low: number; high: number } } | null;
    /** Welch's interval, 95 %, with its Welch–Satterthwaite degrees of freedom. */
    daysToPay: { estimate: number; ci95: { low: number; high: number }; df: number | null } | null;
  };
}

const RATE_DIGITS = 4;
const DAYS_DIGITS = 2;
const roundInterval = (i: { low: number; high: number }, digits: number) => ({ low: round(i.low, digits), high: round(i.high, digits) });

interface ArmSample {
  rate: RateFigures;
  days: number[];
}

/** One arm's outcome figures as of `asOf` (YYYY-MM-DD, the entity's today). */
function sample(invoices: readonly ArmInvoice[], asOf: string): ArmSample {
  let paid = 0;
  let late = 0;
  let pending = 0;
  let excluded = 0;
  const days: number[] = [];
  for (const i of invoices) {
    if (i.closedOtherwise) {
      excluded++;
      continue;
    }
    const deadline = addDays(i.dueDate, PAID_WITHIN_DAYS);
    if (i.settledOn !== null) {
      days.push(daysBetween(i.issueDate, i.settledOn));
      if (i.settledOn <= deadline) paid++;
      else late++;
    } else if (asOf > deadline) late++;
    else pending++;
  }
  const decided = paid + late;
  const ci = wilsonInterval(paid, decided);
  return {
    rate: {
      paid, decided, pending, excluded,
      rate: decided === 0 ? null : round(paid / decided, RATE_DIGITS),
      ci95: ci && roundInterval(ci, RATE_DIGITS),
    },
    days,
  };
}

/**
 * Compares arm B with arm A: per arm the paid-within-14-days rate (Wilson
 * interval) and the mean days to pay (t interval), and the differences B − A
 * (Newcombe, Welch). `versions` names each arm's scenario version.
 */
export function compareArms(
  invoices: readonly ArmInvoice[],
  versions: Readonly<Record<ExperimentArm, number>>,
  asOf: string,
): ArmComparison {
  const byArm = (arm: ExperimentArm) => invoices.filter((i) => i.arm === arm);
  const samples = { A: sample(byArm('A'), asOf), B: sample(byArm('B'), asOf) };
  const arms = (['A', 'B'] as const).map((arm): ArmFigures => {
    const mean = meanInterval(samples[arm].days);
    const days = samples[arm].days;
    return {
      arm,
      version: versions[arm],
      invoices: byArm(arm).length,
      customers: new Set(byArm(arm).map((i) => i.customerId)).size,
      paidWithin14Days: samples[arm].rate,
      daysToPay: {
        n: days.length,
        mean: days.length === 0 ? null : round(days.reduce((s, d) => s + d, 0) / days.length, DAYS_DIGITS),
        ci95: mean && roundInterval(mean, DAYS_DIGITS),
      },
    };
  });
  const rate = proportionDifference(
    { successes: samples.A.rate.paid, n: samples.A.rate.decided },
    { successes: samples.B.rate.paid, n: samples.B.rate.decided },
  );
  const days = welchDifference(samples.A.days, samples.B.days);
  return {
    arms,
    difference: {
      paidWithin14DaysRate: rate && { estimate: round(rate.estimate, RATE_DIGITS), ci95: roundInterval(rate, RATE_DIGITS) },
      daysToPay: days && {
        estimate: round(days.estimate, DAYS_DIGITS), ci95: roundInterval(days, DAYS_DIGITS), df: days.df === null ? null : round(days.df, DAYS_DIGITS),
      },
    },
  };
}
