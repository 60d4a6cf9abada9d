/**
 * The collector's worklist: their customers ranked by risk × amount × predicted lateness, each with
 * the reasons of its score, and their open tasks in the order to work them. Pure: the service
 * gathers the inputs from the owners' readers.
 */
import type { TaskTitleCode, TaskTitleParams } from '../../activities/task-titles.js';
import { daysBetween } from '../../workflows/domain/calendar.js';
import { formatAmount, minorUnitDigits } from '../../workflows/domain/money.js';

/** Risk class → factor (A safest). A customer not yet classed counts as C. */
export const RISK_FACTORS: Readonly<Record<string, number>> = { A: 1, B: 1.25, C: 1.5, D: 2, E: 3 };
export const UNCLASSED_RISK_FACTOR = 1.5;
/** Lateness factor = 1 + days late / this. */
export const LATENESS_SCALE_DAYS = 30;

export interface RankedInvoiceInput {
  invoiceId: string;
  externalId: string;
  number: string;
  currency: string;
  openAmountMinor: bigint;
  dueDate: string;
  predictedDaysLate: number;
  expectedPaymentDate: string;
}

export interface RankedTaskInput {
  id: string;
  kind: string;
  /** In English; titleCode and titleParams (null on tasks stored before titles had codes) are for translations. */
  title: string;
  titleCode: TaskTitleCode | null;
  titleParams: TaskTitleParams | null;
  dueAt: string;
  overdue: boolean;
}

export interface WorklistCustomerInput {
  customerId: string;
  externalId: string;
  name: string;
  riskClass: string | null;
  invoices: readonly RankedInvoiceInput[];
  tasks: readonly RankedTaskInput[];
}

export const SCORE_REASON_CODES = ['RISK_CLASS', 'OPEN_AMOUNT', 'LATENESS', 'OVERDUE_TASKS'] as const;

/**
 * What a reason's sentence is made of, so the console can write it in the reader's language:
 * counts and days as numbers, money as a decimal string with its currency, dates as ISO strings.
 *  - RISK_CLASS: riskClass ('A'…'E', or 'none' with countedAs);
 *  - OPEN_AMOUNT: invoices (0: nothing open), amount + currency of the largest balance;
 *  - LATENESS: basis 'none' | 'overdue' (invoice, days) | 'predicted' (invoice, days, expectedDate);
 *  - OVERDUE_TASKS: tasks.
 */
export type ScoreReasonParams = Record<string, string | number>;

export interface ScoreReason {
  code: (typeof SCORE_REASON_CODES)[number];
  /** The factor it multiplies the score by (1: no effect). */
  factor: number;
  params: ScoreReasonParams;
  /** The same reason in English, for API clients. */
  detail: string;
}

export interface RankedCustomer {
  rank: number;
  score: number;
  reasons: ScoreReason[];
  customer: { id: string; externalId: string; name: string; riskClass: string | null };
  openAmounts: { currency: string; amount: string }[];
  invoices: RankedInvoiceInput[];
  tasks: RankedTaskInput[];
}

export interface RankedTask extends RankedTaskInput {
  rank: number;
  customer: { id: string; externalId: string; name: string };
  customerScore: number;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * One customer's score and reasons:
 *  - risk: A 1, B 1.25, C 1.5, D 2, E 3 (unclassed 1.5);
 *  - amount: 1 + log10(1 + open balance in major units), in the currency with the largest balance
 *    (balances in different currencies are never added up);
 *  - lateness: 1 + L / 30 where L is the largest, over open invoices, of the days already past due
 *    and the predicted days late;
 *  - overdue tasks: × 1.2 when at least one of the customer's tasks is overdue.
 */
export function scoreCustomer(c: WorklistCustomerInput, asOf: string): { score: number; reasons: ScoreReason[]; openAmounts: { currency: string; amount: string }[] } {
  const reasons: ScoreReason[] = [];
  const risk = c.riskClass !== null ? (RISK_FACTORS[c.riskClass] ?? UNCLASSED_RISK_FACTOR) : UNCLASSED_RISK_FACTOR;
  reasons.push(c.riskClass
    ? { code: 'RISK_CLASS', factor: risk, params: { riskClass: c.riskClass }, detail: `risk class ${c.riskClass}` }
    : { code: 'RISK_CLASS', factor: risk, params: { riskClass: 'none', countedAs: 'C' }, detail: 'not classed yet (counted as C)' });

  const byCurrency = new Map<string, bigint>();
  for (const i of c.invoices) byCurrency.set(i.currency, (byCurrency.get(i.currency) ?? 0n) + i.openAmountMinor);
  const openAmounts = [...byCurrency].sort(([a], [b]) => a.localeCompare(b)).map(([currency, minor]) => ({ currency, amount: formatAmount(minor, currency) }));
  let amountFactor = 1;
  let largest: { currency: string; minor: bigint } | null = null;
  for (const [currency, minor] of byCurrency) {
    const f = 1 + Math.log10(1 + Number(minor) / 10 ** minorUnitDigits(currency));
    if (f > amountFactor) {
      amountFactor = f;
      largest = { currency, minor };
    }
  }
  if (largest) {
    const amount = formatAmount(largest.minor, largest.currency);
    const invoices = c.invoices.filter((i) => i.currency === largest!.currency).length;
    reasons.push({
      code: 'OPEN_AMOUNT', factor: round2(amountFactor), params: { invoices, amount, currency: largest.currency },
      detail: `${amount} ${largest.currency} open in ${invoices} invoice(s)`,
    });
  } else reasons.push({ code: 'OPEN_AMOUNT', factor: round2(amountFactor), params: { invoices: 0 }, detail: 'nothing open' });

  let late = 0;
  let why: Pick<ScoreReason, 'params' | 'detail'> = { params: { basis: 'none' }, detail: 'no invoice overdue or predicted late' };
  for (const i of c.invoices) {
    const overdue = Math.max(0, daysBetween(i.dueDate, asOf));
    if (overdue > late) {
      late = overdue;
      why = { params: { basis: 'overdue', invoice: i.number, days: overdue }, detail: `${i.number} is ${overdue} days past due` };
    }
    if (i.predictedDaysLate > late) {
      late = i.predictedDaysLate;
      why = {
        params: { basis: 'predicted', invoice: i.number, days: i.predictedDaysLate, expectedDate: i.expectedPaymentDate },
        detail: `${i.number} expected ${i.expectedPaymentDate}, ${i.predictedDaysLate} days after due`,
      };
    }
  }
  const lateness = 1 + late / LATENESS_SCALE_DAYS;
  reasons.push({ code: 'LATENESS', factor: round2(lateness), ...why });

  const overdueTasks = c.tasks.filter((t) => t.overdue).length;
  const taskFactor = overdueTasks > 0 ? 1.2 : 1;
  if (overdueTasks > 0) reasons.push({ code: 'OVERDUE_TASKS', factor: taskFactor, params: { tasks: overdueTasks }, detail: `${overdueTasks} overdue task(s)` });
  return { score: round2(risk * amountFactor * lateness * taskFactor), reasons, openAmounts };
}

/** Tasks of one customer: overdue first, then by due instant. */
const byDue = (a: RankedTaskInput, b: RankedTaskInput) => Number(b.overdue) - Number(a.overdue) || a.dueAt.localeCompare(b.dueAt) || a.id.localeCompare(b.id);

/**
 * Customers by score (highest first; ties: external id), and every task in working order: overdue
 * tasks first, then by their customer's score, then by due instant.
 */
export function rankWorklist(customers: readonly WorklistCustomerInput[], asOf: string): { customers: RankedCustomer[]; tasks: RankedTask[] } {
  const scored = customers.map((c) => ({ c, ...scoreCustomer(c, asOf) }))
    .sort((a, b) => b.score - a.score || a.c.externalId.localeCompare(b.c.externalId));
  const ranked = scored.map(({ c, score, reasons, openAmounts }, k): RankedCustomer => ({
    rank: k + 1, score, reasons,
    customer: { id: c.customerId, externalId: c.externalId, name: c.name, riskClass: c.riskClass },
    openAmounts,
    invoices: [...c.invoices].sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.number.localeCompare(b.number)),
    tasks: [...c.tasks].sort(byDue),
  }));
  const tasks = ranked
    .flatMap((r) => r.tasks.map((t) => ({ t, r })))
    .sort((a, b) => Number(b.t.overdue) - Number(a.t.overdue) || b.r.score - a.r.score || a.r.rank - b.r.rank || byDue(a.t, b.t))
    .map(({ t, r }, k): RankedTask => ({
      ...t, rank: k + 1, customer: { id: r.customer.id, externalId: r.customer.externalId, name: r.customer.name }, customerScore: r.score,
    }));
  return { customers: ranked, tasks };
}
