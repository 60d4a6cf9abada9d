/**
 * A customer's payment-behaviour class (A very good payer … E very bad payer)
 * from its own invoice history as of a date, optionally combined with an
 * external score (credit insurer, bureau). Pure and Node-free; exact: amounts
 * are bigint minor units, averages are compared as exact fractions and only
 * rounded for display (1 decimal, half-up).
 *
 * Window: settled invoices paid in the 12 months up to `asOf`, i.e. with
 * asOf − 12 months < paidDate ≤ asOf (calendar months; a day missing in the
 * earlier month clamps to its last day). Invoices paid after `asOf` are ignored.
 *
 * Currency: no FX here. Every figure is computed on the customer's main
 * currency only — `input.currency` when given, else the currency with the
 * most invoices (settled in the window + open; ties: alphabetical) — and the
 * reasons say so and how many invoices in other currencies were left out.
 *
 * Measures:
 *  - average days late: Σ amount × max(0, paid − due) / Σ amount over settled
 *    invoices (an invoice paid early counts 0 days, with its full weight);
 *  - trend: the average over the last 3 months (paid after asOf − 3 months)
 *    minus the one over the 9 months before; degrading at ≥ +5 days,
 *    improving at ≤ −5 days, else stable; `insufficient` when either period
 *    has no settled amount;
 *  - late share: settled invoices paid after their due date, by count and by amount;
 *  - dispute rate: disputed invoices (settled in the window + open) / all of them, by count;
 *  - oldest open overdue: days past due at `asOf` of the oldest undisputed open invoice.
 *
 * Class rules, applied in this order (rules only ever make the class worse):
 *  1. Base class from the average days late: ≤ 2 A, ≤ 10 B, ≤ 30 C, ≤ 60 D, else E.
 *     Fewer than 3 settled invoices in the window: class C "insufficient history",
 *     and rules 2, 4 and 5 do not apply (too few points to be statistics).
 *  2. Late-share floor: more than 50 % of the settled invoices (by count) paid
 *     late → at least B (frequent small delays are not a very good payer).
 *  3. Open-overdue floor: the oldest undisputed open overdue invoice's days
 *     past due, on the scale of rule 1 → at least that class (applies even with
 *     insufficient history: an unpaid invoice is a fact, not a statistic).
 *  4. Degrading trend → one class worse (capped at E).
 *  5. Dispute rate above 20 % → one class worse (capped at E).
 *
 * External score (rule 6): a class A–E, or a 0–100 score (higher is better;
 * the caller normalises other scales) mapped ≥ 80 A, ≥ 60 B, ≥ 40 C, ≥ 20 D,
 * else E. It is recent when assessed at most 180 days before `asOf`.
 *  - not recent: ignored, our class stands (reason EXTERNAL_STALE);
 *  - recent, our history sufficient: the worse of the two (EXTERNAL_COMBINED);
 *  - recent, our history insufficient: the external class replaces our default
 *    C, still floored by rule 3 (EXTERNAL_REPLACES_DEFAULT).
 *
 * Broken promises to pay (rule 7, after the external score; applies even with
 * insufficient history: a broken promise is a fact): the customer's promises
 * broken in the 12-month window (asOf − 12 months < brokenOn ≤ asOf). One →
 * at least class B; two or more → at least B and one class worse (capped at E).
 */
import { daysBetween, isIsoDate } from '../../workflows/domain/calendar.js';
import { RISK_CLASSES, type RiskClass } from '../../workflows/domain/scenario.js';

export interface SettledInvoiceHistory {
  amountMinor: bigint;
  currency: string;
  issueDate: string;
  dueDate: string;
  paidDate: string;
  disputed: boolean;
}

export interface OpenInvoiceHistory {
  amountMinor: bigint;
  currency: string;
  dueDate: string;
  disputed: boolean;
}

/** Exactly one of `class` and `score` (0–100, higher is better). */
export interface ExternalScore {
  provider: string;
  /** ISO date of the provider's assessment. */
  assessedOn: string;
  class?: RiskClass;
  score?: number;
}

export interface PaymentBehaviourInput {
  asOf: string;
  settled: readonly SettledInvoiceHistory[];
  open: readonly OpenInvoiceHistory[];
  /** The customer's main currency; defaults to the one with the most invoices. */
  currency?: string;
  external?: ExternalScore;
  /** Days (YYYY-MM-DD) on which the customer's promises to pay were judged broken. */
  brokenPromises?: readonly string[];
}

/** The thresholds of the rules above, in one place. */
export const PAYMENT_BEHAVIOUR_RULES = Object.freeze({
  windowMonths: 12,
  recentMonths: 3,
  /** Upper bounds (inclusive) of average days late for A, B, C, D; above the last → E. */
  classMaxDaysLate: Object.freeze([2, 10, 30, 60] as const),
  minSettledInvoices: 3,
  insufficientHistoryClass: 'C' as RiskClass,
  lateShareFloorPercent: 50,
  lateShareFloorClass: 'B' as RiskClass,
  trendThresholdDays: 5,
  disputeRatePercent: 20,
  /** Lower bounds (inclusive) of a 0–100 external score for A, B, C, D; below the last → E. */
  externalScoreMin: Object.freeze([80, 60, 40, 20] as const),
  externalMaxAgeDays: 180,
  brokenPromiseFloorClass: 'B' as RiskClass,
  brokenPromisesOneWorse: 2,
});

const R = PAYMENT_BEHAVIOUR_RULES;

export const REASON_CODES = [
  'MAIN_CURRENCY', 'OTHER_CURRENCIES_EXCLUDED', 'INSUFFICIENT_HISTORY', 'AVERAGE_DAYS_LATE',
  'LATE_SHARE', 'OPEN_OVERDUE', 'TREND_DEGRADING', 'DISPUTE_RATE',
  'EXTERNAL_STALE', 'EXTERNAL_COMBINED', 'EXTERNAL_REPLACES_DEFAULT', 'BROKEN_PROMISES',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

/**
 * What the reason's sentence is made of, for a reader in another language: classes as letters,
 * counts, days and percents as numbers, the assessment date as an ISO string. `riskClass` is the
 * class the rule leads to.
 */
export type ScoreReasonParams = Record<string, string | number>;

export interface ScoreReason {
  code: ReasonCode;
  /** In English. */
  message: string;
  value: string | number | null;
  params: ScoreReasonParams;
}

export interface AverageDaysLate {
  /** Σ amount × days late (minor units × days): the exact numerator. */
  weightedDays: bigint;
  /** Σ amount (minor units): the exact denominator, > 0. */
  amountMinor: bigint;
  /** The quotient with 1 decimal, half-up, e.g. "12.3". */
  days: string;
}

export interface Trend {
  direction: 'improving' | 'stable' | 'degrading' | 'insufficient';
  /** Average days late over the last 3 months, null when nothing was settled then. */
  recent: AverageDaysLate | null;
  /** Over the 9 months before. */
  previous: AverageDaysLate | null;
  /** recent − previous with 1 decimal and a sign ("+6.0", "-2.5", "0.0"); null when insufficient. */
  deltaDays: string | null;
}

export interface LateShare {
  lateCount: number;
  settledCount: number;
  lateAmountMinor: bigint;
  settledAmountMinor: bigint;
  /** Percent with 1 decimal, null when nothing was settled. */
  byCountPercent: string | null;
  byAmountPercent: string | null;
}

export interface DisputeRate {
  disputedCount: number;
  invoiceCount: number;
  percent: string | null;
}

export interface ExternalAssessment {
  provider: string;
  assessedOn: string;
  ageDays: number;
  score: number | null;
  class: RiskClass;
  recent: boolean;
}

export interface PaymentBehaviourScore {
  /** The final class, after the external score if any. */
  class: RiskClass;
  /** Our own class from the history alone. */
  behaviourClass: RiskClass;
  insufficientHistory: boolean;
  /** The currency every figure is in; null without any invoice. */
  currency: string | null;
  averageDaysLate: AverageDaysLate | null;
  trend: Trend;
  lateShare: LateShare;
  disputeRate: DisputeRate;
  /** Days past due of the oldest undisputed open invoice; 0 when none is overdue. */
  oldestOpenOverdueDays: number;
  /** Promises to pay broken in the window (rule 7); absent when none (earlier scores stay comparable). */
  brokenPromises?: number;
  reasons: ScoreReason[];
  external?: ExternalAssessment;
}

const LABELS: Readonly<Record<RiskClass, string>> = {
  A: 'very good payer', B: 'good payer', C: 'average payer', D: 'bad payer', E: 'very bad payer',
};

const rank = (c: RiskClass): number => RISK_CLASSES.indexOf(c);
const worse = (a: RiskClass, b: RiskClass): RiskClass => (rank(a) >= rank(b) ? a : b);
const oneWorse = (c: RiskClass): RiskClass => RISK_CLASSES[Math.min(rank(c) + 1, RISK_CLASSES.length - 1)]!;

/** True when `next` is a worse class than `previous` (no previous class: false). */
export function classDegraded(previous: RiskClass | null | undefined, next: RiskClass): boolean {
  return previous != null && rank(next) > rank(previous);
}

/** The date `months` calendar months before `date`, clamped to the month's last day. */
export function monthsBefore(date: string, months: number): string {
  if (!isIsoDate(date)) throw new RangeError(`Invalid ISO date: ${date}`);
  const index = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 - months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = Math.min(Number(date.slice(8, 10)), lastDay);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** num / den (den > 0, num ≥ 0) with 1 decimal, half-up. */
function oneDecimal(num: bigint, den: bigint): string {
  const tenths = (num * 20n + den) / (2n * den);
  return `${tenths / 10n}.${tenths % 10n}`;
}

function average(weightedDays: bigint, amountMinor: bigint): AverageDaysLate | null {
  return amountMinor > 0n ? { weightedDays, amountMinor, days: oneDecimal(weightedDays, amountMinor) } : null;
}

/** The class of a number of days late (exact fraction num/den) on the rule-1 scale. */
function classForDaysLate(num: bigint, den: bigint): RiskClass {
  const bounds = R.classMaxDaysLate;
  for (let i = 0; i < bounds.length; i++) {
    if (num <= BigInt(bounds[i]!) * den) return RISK_CLASSES[i]!;
  }
  return 'E';
}

function externalClass(external: ExternalScore): RiskClass {
  if ((external.class === undefined) === (external.score === undefined)) {
    throw new RangeError('An external score has exactly one of class and score');
  }
  if (external.class !== undefined) {
    if (!RISK_CLASSES.includes(external.class)) throw new RangeError(`Unknown external class ${external.class}`);
    return external.class;
  }
  const score = external.score!;
  if (!Number.isFinite(score) || score < 0 || score > 100) throw new RangeError('An external score is within 0–100');
  const mins = R.externalScoreMin;
  for (let i = 0; i < mins.length; i++) if (score >= mins[i]!) return RISK_CLASSES[i]!;
  return 'E';
}

function mainCurrency(input: PaymentBehaviourInput, windowStart: string): string | null {
  if (input.currency !== undefined) return input.currency;
  const counts = new Map<string, number>();
  for (const s of input.settled) {
    if (s.paidDate > windowStart && s.paidDate <= input.asOf) counts.set(s.currency, (counts.get(s.currency) ?? 0) + 1);
  }
  for (const o of input.open) counts.set(o.currency, (counts.get(o.currency) ?? 0) + 1);
  let best: string | null = null;
  for (const [currency, count] of counts) {
    const bestCount = best === null ? -1 : counts.get(best)!;
    if (count > bestCount || (count === bestCount && currency < best!)) best = currency;
  }
  return best;
}

export function scorePaymentBehaviour(input: PaymentBehaviourInput): PaymentBehaviourScore {
  const { asOf } = input;
  const windowStart = monthsBefore(asOf, R.windowMonths);
  const recentStart = monthsBefore(asOf, R.recentMonths);
  const currency = mainCurrency(input, windowStart);
  const reasons: ScoreReason[] = [];

  let excluded = 0;
  let settledCount = 0, lateCount = 0, disputedCount = 0, invoiceCount = 0;
  let amount = 0n, weighted = 0n, lateAmount = 0n;
  let recentAmount = 0n, recentWeighted = 0n, previousAmount = 0n, previousWeighted = 0n;
  for (const s of input.settled) {
    if (s.amountMinor < 0n) throw new RangeError('Settled invoice amounts must not be negative');
    const late = Math.max(0, daysBetween(s.dueDate, s.paidDate)); // validates both dates
    if (!(s.paidDate > windowStart && s.paidDate <= asOf)) continue;
    if (s.currency !== currency) { excluded++; continue; }
    const w = s.amountMinor * BigInt(late);
    settledCount++;
    invoiceCount++;
    amount += s.amountMinor;
    weighted += w;
    if (late > 0) { lateCount++; lateAmount += s.amountMinor; }
    if (s.disputed) disputedCount++;
    if (s.paidDate > recentStart) { recentAmount += s.amountMinor; recentWeighted += w; }
    else { previousAmount += s.amountMinor; previousWeighted += w; }
  }
  let oldestOpenOverdueDays = 0;
  for (const o of input.open) {
    if (o.amountMinor < 0n) throw new RangeError('Open invoice amounts must not be negative');
    const overdue = daysBetween(o.dueDate, asOf);
    if (o.currency !== currency) { excluded++; continue; }
    invoiceCount++;
    if (o.disputed) disputedCount++;
    else if (overdue > oldestOpenOverdueDays) oldestOpenOverdueDays = overdue;
  }

  if (currency !== null) {
    reasons.push({
      code: 'MAIN_CURRENCY', value: currency, params: { currency },
      message: `Figures are in ${currency}, the customer's main currency; no currency conversion is made`,
    });
  }
  if (excluded > 0) {
    reasons.push({
      code: 'OTHER_CURRENCIES_EXCLUDED', value: excluded, params: { invoices: excluded, currency: currency! },
      message: `${excluded} invoice(s) in other currencies than ${currency} are left out`,
    });
  }

  const averageDaysLate = average(weighted, amount);
  const recent = average(recentWeighted, recentAmount);
  const previous = average(previousWeighted, previousAmount);
  const trend = trendOf(recent, previous);
  const lateShare: LateShare = {
    lateCount, settledCount, lateAmountMinor: lateAmount, settledAmountMinor: amount,
    byCountPercent: settledCount > 0 ? oneDecimal(BigInt(lateCount) * 100n, BigInt(settledCount)) : null,
    byAmountPercent: amount > 0n ? oneDecimal(lateAmount * 100n, amount) : null,
  };
  const disputeRate: DisputeRate = {
    disputedCount, invoiceCount,
    percent: invoiceCount > 0 ? oneDecimal(BigInt(disputedCount) * 100n, BigInt(invoiceCount)) : null,
  };

  // Rules 1–5.
  const insufficientHistory = settledCount < R.minSettledInvoices || averageDaysLate === null;
  let behaviourClass: RiskClass;
  if (insufficientHistory) {
    behaviourClass = R.insufficientHistoryClass;
    reasons.push({
      code: 'INSUFFICIENT_HISTORY', value: settledCount,
      params: { settled: settledCount, months: R.windowMonths, needed: R.minSettledInvoices, riskClass: behaviourClass },
      message: `Only ${settledCount} settled invoice(s) in the last ${R.windowMonths} months ` +
        `(${R.minSettledInvoices} needed): class ${behaviourClass} by default`,
    });
  } else {
    behaviourClass = classForDaysLate(weighted, amount);
    reasons.push({
      code: 'AVERAGE_DAYS_LATE', value: averageDaysLate.days,
      params: { days: Number(averageDaysLate.days), months: R.windowMonths, riskClass: behaviourClass },
      message: `Paid on average ${averageDaysLate.days} days late (amount-weighted, last ${R.windowMonths} months): ` +
        `class ${behaviourClass}`,
    });
    if (BigInt(lateCount) * 100n > BigInt(R.lateShareFloorPercent) * BigInt(settledCount)
      && rank(behaviourClass) < rank(R.lateShareFloorClass)) {
      behaviourClass = R.lateShareFloorClass;
      reasons.push({
        code: 'LATE_SHARE', value: lateShare.byCountPercent,
        params: { percent: Number(lateShare.byCountPercent), thresholdPercent: R.lateShareFloorPercent, riskClass: behaviourClass },
        message: `${lateShare.byCountPercent} % of settled invoices were paid late ` +
          `(over ${R.lateShareFloorPercent} %): at least class ${behaviourClass}`,
      });
    }
  }
  const overdueFloor = classForDaysLate(BigInt(oldestOpenOverdueDays), 1n);
  if (rank(overdueFloor) > rank(behaviourClass)) {
    behaviourClass = overdueFloor;
    reasons.push({
      code: 'OPEN_OVERDUE', value: oldestOpenOverdueDays, params: { days: oldestOpenOverdueDays, riskClass: behaviourClass },
      message: `An open invoice is ${oldestOpenOverdueDays} days past due: at least class ${behaviourClass}`,
    });
  }
  if (!insufficientHistory) {
    if (trend.direction === 'degrading') {
      behaviourClass = oneWorse(behaviourClass);
      reasons.push({
        code: 'TREND_DEGRADING', value: trend.deltaDays,
        params: { recentDays: Number(recent!.days), previousDays: Number(previous!.days), deltaDays: Number(trend.deltaDays), recentMonths: R.recentMonths, riskClass: behaviourClass },
        message: `Degrading: ${recent!.days} days late over the last ${R.recentMonths} months against ` +
          `${previous!.days} before (${trend.deltaDays}): one class worse, ${behaviourClass}`,
      });
    }
    if (BigInt(disputedCount) * 100n > BigInt(R.disputeRatePercent) * BigInt(invoiceCount)) {
      behaviourClass = oneWorse(behaviourClass);
      reasons.push({
        code: 'DISPUTE_RATE', value: disputeRate.percent,
        params: { percent: Number(disputeRate.percent), thresholdPercent: R.disputeRatePercent, riskClass: behaviourClass },
        message: `${disputeRate.percent} % of invoices disputed (over ${R.disputeRatePercent} %): ` +
          `one class worse, ${behaviourClass}`,
      });
    }
  }

  // Rule 6: external score.
  let finalClass = behaviourClass;
  let external: ExternalAssessment | undefined;
  if (input.external) {
    const e = input.external;
    const eClass = externalClass(e);
    const ageDays = daysBetween(e.assessedOn, asOf);
    if (ageDays < 0) throw new RangeError(`External score assessed on ${e.assessedOn}, after ${asOf}`);
    const isRecent = ageDays <= R.externalMaxAgeDays;
    external = {
      provider: e.provider, assessedOn: e.assessedOn, ageDays, score: e.score ?? null, class: eClass, recent: isRecent,
    };
    // The assessment, as the messages name it: provider, score when given, its class and date.
    const assessment = {
      provider: e.provider, scored: e.score !== undefined ? 'yes' : 'no', ...(e.score !== undefined ? { score: e.score } : {}),
      externalClass: eClass, assessedOn: e.assessedOn,
    };
    const what = `${e.provider} ${e.score !== undefined ? `score ${e.score} (class ${eClass})` : `class ${eClass}`}` +
      ` of ${e.assessedOn}`;
    if (!isRecent) {
      reasons.push({
        code: 'EXTERNAL_STALE', value: ageDays,
        params: { ...assessment, ageDays, maxAgeDays: R.externalMaxAgeDays, riskClass: behaviourClass },
        message: `${what} is ${ageDays} days old (over ${R.externalMaxAgeDays}): ignored, our class ${behaviourClass} stands`,
      });
    } else if (insufficientHistory) {
      finalClass = worse(eClass, overdueFloor);
      reasons.push({
        code: 'EXTERNAL_REPLACES_DEFAULT', value: eClass, params: { ...assessment, riskClass: finalClass },
        message: `${what} replaces our default class for lack of history: class ${finalClass}`,
      });
    } else {
      finalClass = worse(behaviourClass, eClass);
      reasons.push({
        code: 'EXTERNAL_COMBINED', value: eClass, params: { ...assessment, ourClass: behaviourClass, riskClass: finalClass },
        message: `${what} is recent: the worse of ours (${behaviourClass}) and theirs (${eClass}) applies, ${finalClass}`,
      });
    }
  }

  // Rule 7: broken promises to pay.
  const brokenPromises = (input.brokenPromises ?? []).filter((d) => {
    if (!isIsoDate(d)) throw new RangeError(`Invalid ISO date: ${d}`);
    return d > windowStart && d <= asOf;
  }).length;
  if (brokenPromises > 0) {
    const before = finalClass;
    finalClass = worse(finalClass, R.brokenPromiseFloorClass);
    if (brokenPromises >= R.brokenPromisesOneWorse) finalClass = oneWorse(finalClass);
    reasons.push({
      code: 'BROKEN_PROMISES', value: brokenPromises,
      params: {
        promises: brokenPromises, months: R.windowMonths, floorClass: R.brokenPromiseFloorClass,
        oneWorse: brokenPromises >= R.brokenPromisesOneWorse ? 'yes' : 'no', previousClass: before, riskClass: finalClass,
      },
      message: `${brokenPromises} promise(s) to pay broken in the last ${R.windowMonths} months: ` +
        (brokenPromises >= R.brokenPromisesOneWorse ? `at least class ${R.brokenPromiseFloorClass} and one class worse` : `at least class ${R.brokenPromiseFloorClass}`) +
        ` (${before} → ${finalClass})`,
    });
  }

  return {
    class: finalClass, behaviourClass, insufficientHistory, currency, averageDaysLate, trend, lateShare,
    disputeRate, oldestOpenOverdueDays, reasons, ...(brokenPromises > 0 ? { brokenPromises } : {}), ...(external ? { external } : {}),
  };
}

/** Label of a class for display ("very good payer" …). */
export function classLabel(c: RiskClass): string {
  return LABELS[c];
}

function trendOf(recent: AverageDaysLate | null, previous: AverageDaysLate | null): Trend {
  if (!recent || !previous) return { direction: 'insufficient', recent, previous, deltaDays: null };
  // recent − previous = (rN·pD − pN·rD) / (rD·pD), denominators > 0.
  const num = recent.weightedDays * previous.amountMinor - previous.weightedDays * recent.amountMinor;
  const den = recent.amountMinor * previous.amountMinor;
  const threshold = BigInt(R.trendThresholdDays) * den;
  const direction = num >= threshold ? 'degrading' : num <= -threshold ? 'improving' : 'stable';
  const abs = oneDecimal(num < 0n ? -num : num, den);
  const deltaDays = abs === '0.0' ? abs : `${num < 0n ? '-' : '+'}${abs}`;
  return { direction, recent, previous, deltaDays };
}
