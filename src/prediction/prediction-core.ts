// Pure helpers of the payment predictions in the product: the clamp of an open invoice's
// expected date, the worklist priority and the weekly cash forecast. No I/O, no clock.
import { addDays, daysBetween } from '../../workflows/domain/calendar.js';
import { formatAmount } from '../../workflows/domain/money.js';
import type { PredictionAdjustment, PredictionExplanation } from './payment-prediction.js';

export interface InvoicePrediction {
  /** Issue date + predicted days to settle, never before `asOf` (an open invoice is not paid in the past). */
  expectedPaymentDate: string;
  predictedDaysToSettle: number;
  /** Days between the due date and the expected date, 0 when expected on or before the due date. */
  predictedDaysLate: number;
  predictedLate: boolean;
  explanation: {
    /** `model`: fitted on the entity's settled invoices; `no-history`: nothing to learn from, the due date is assumed. */
    source: 'model' | 'no-history';
    base: number;
    adjustments: PredictionAdjustment[];
    estimate: number;
    /** The model's date was before `asOf`: moved to `asOf`. */
    clampedToToday: boolean;
    modelDate: string;
  };
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

/** Turns the model's explanation (or none: no history) into the product's prediction for an open invoice. */
export function toInvoicePrediction(
  invoice: { issueDate: string; dueDate: string },
  explanation: PredictionExplanation | null,
  asOf: string,
): InvoicePrediction {
  const termDays = daysBetween(invoice.issueDate, invoice.dueDate);
  // No history at all: the model's prior is "pays on the due date" (no customer offset, no effects).
  const days = explanation ? explanation.predictedDaysToSettle : termDays;
  const modelDate = addDays(invoice.issueDate, days);
  const clamped = modelDate < asOf;
  const expectedPaymentDate = clamped ? asOf : modelDate;
  const late = daysBetween(invoice.dueDate, expectedPaymentDate);
  return {
    expectedPaymentDate,
    predictedDaysToSettle: daysBetween(invoice.issueDate, expectedPaymentDate),
    predictedDaysLate: Math.max(0, late),
    predictedLate: late > 0,
    explanation: {
      source: explanation ? 'model' : 'no-history',
      base: explanation ? round1(explanation.base) : termDays,
      adjustments: (explanation?.adjustments ?? []).map((a) => ({ factor: a.factor, days: round1(a.days), params: a.params, detail: a.detail })),
      estimate: explanation ? round1(explanation.estimate) : termDays,
      clampedToToday: clamped,
      modelDate,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Worklist priority

export interface WorklistCandidate {
  openAmountMinor: bigint;
  currency: string;
  dueDate: string;
  openTasks: number;
  prediction: InvoicePrediction;
}

export interface PriorityReason {
  code: 'OVERDUE' | 'PREDICTED_LATE' | 'PREDICTED_VERY_LATE' | 'AMOUNT' | 'OPEN_TASKS' | 'NO_HISTORY_OVERDUE';
  points: number;
  detail: string;
}

/** Predicted lateness beyond which an invoice earns the "very late" bonus. */
export const VERY_LATE_DAYS = 15;

/**
 * Points, each with its reason (currency-neutral, so invoices in several currencies rank together):
 *  - OVERDUE: 1 point per day past due, capped at 90;
 *  - PREDICTED_LATE: 1 point per predicted day late (clamped expected date − due date), capped at 60;
 *  - PREDICTED_VERY_LATE: +20 when predicted more than 15 days late;
 *  - AMOUNT: 10 × log10(open amount in major units), so 100.00 → 20, 10 000.00 → 40;
 *  - OPEN_TASKS: +5 per open collector task on the invoice (a call or checkpoint waiting);
 *  - NO_HISTORY_OVERDUE: +10 for an overdue invoice the model cannot date (no settled history).
 */
export function worklistPriority(c: WorklistCandidate, asOf: string, minorDigits: number): { priority: number; reasons: PriorityReason[] } {
  const reasons: PriorityReason[] = [];
  const overdue = daysBetween(c.dueDate, asOf);
  if (overdue > 0) reasons.push({ code: 'OVERDUE', points: Math.min(90, overdue), detail: `${overdue} days past due` });
  const late = c.prediction.predictedDaysLate;
  if (late > 0) reasons.push({ code: 'PREDICTED_LATE', points: Math.min(60, late), detail: `expected ${c.prediction.expectedPaymentDate}, ${late} days after due` });
  if (late > VERY_LATE_DAYS) reasons.push({ code: 'PREDICTED_VERY_LATE', points: 20, detail: `predicted more than ${VERY_LATE_DAYS} days late` });
  const major = Number(c.openAmountMinor) / 10 ** minorDigits;
  if (major >= 1) {
    reasons.push({ code: 'AMOUNT', points: round1(10 * Math.log10(major)), detail: `${formatAmount(c.openAmountMinor, c.currency)} ${c.currency} open` });
  }
  if (c.openTasks > 0) reasons.push({ code: 'OPEN_TASKS', points: 5 * c.openTasks, detail: `${c.openTasks} open collector task(s)` });
  if (overdue > 0 && c.prediction.explanation.source === 'no-history') {
    reasons.push({ code: 'NO_HISTORY_OVERDUE', points: 10, detail: 'overdue and no payment history to predict from' });
  }
  return { priority: round1(reasons.reduce((a, r) => a + r.points, 0)), reasons };
}

// ---------------------------------------------------------------------------------------------
// Cash forecast

/** Monday of the ISO week holding `date`. */
export function isoWeekStart(date: string): string {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(date, -((weekday + 6) % 7));
}

export interface ForecastItem {
  currency: string;
  openAmountMinor: bigint;
  prediction: InvoicePrediction;
  overdue: boolean;
}

export interface Bucket {
  amountMinor: bigint;
  invoiceCount: number;
}

export interface CurrencyForecast {
  currency: string;
  weeks: { weekStart: string; amountMinor: bigint; invoiceCount: number }[];
  /** Expected after the last week of the horizon. */
  later: Bucket;
  /** Expected before the first week (only when `from` is after today's week). */
  earlier: Bucket;
  /** Overdue invoices with no history to predict from: their "date" would only be the clamp to today. */
  overdueWithoutPrediction: Bucket;
}

/** Expected receipts per ISO week, per currency (never summed across currencies), exact in minor units. */
export function buildCashForecast(items: readonly ForecastItem[], from: string, weeks: number): CurrencyForecast[] {
  const first = isoWeekStart(from);
  const starts = Array.from({ length: weeks }, (_, k) => addDays(first, 7 * k));
  const end = addDays(first, 7 * weeks);
  const byCurrency = new Map<string, CurrencyForecast>();
  for (const item of items) {
    let f = byCurrency.get(item.currency);
    if (!f) {
      f = {
        currency: item.currency,
        weeks: starts.map((weekStart) => ({ weekStart, amountMinor: 0n, invoiceCount: 0 })),
        later: { amountMinor: 0n, invoiceCount: 0 },
        earlier: { amountMinor: 0n, invoiceCount: 0 },
        overdueWithoutPrediction: { amountMinor: 0n, invoiceCount: 0 },
      };
      byCurrency.set(item.currency, f);
    }
    let bucket: Bucket;
    const date = item.prediction.expectedPaymentDate;
    if (item.overdue && item.prediction.explanation.source === 'no-history') bucket = f.overdueWithoutPrediction;
    else if (date < first) bucket = f.earlier;
    else if (date >= end) bucket = f.later;
    else bucket = f.weeks[Math.floor(daysBetween(first, date) / 7)]!;
    bucket.amountMinor += item.openAmountMinor;
    bucket.invoiceCount += 1;
  }
  return [...byCurrency.values()].sort((a, b) => (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0));
}
