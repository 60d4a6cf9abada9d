/**
 * The KPI formulas of docs/reports.md, pure and exact: amounts are bigint minor
 * units; each ratio is computed from exact integers and rounded once, half away
 * from zero, to 2 decimals. A ratio whose denominator is zero (or, for the
 * sales-based ones, not positive) is null.
 */

/** round(num / den × 100) / 100 with exact integers; null when den is 0. */
export function ratio(num: bigint, den: bigint): number | null {
  if (den === 0n) return null;
  const negative = (num < 0n) !== (den < 0n);
  const n = (num < 0n ? -num : num) * 100n;
  const d = den < 0n ? -den : den;
  const rounded = (n * 2n + d) / (2n * d);
  return Number(negative ? -rounded : rounded) / 100;
}

export interface KpiInputs {
  /** Days in [from, to], both included. */
  days: number;
  creditSalesMinor: bigint;
  arBeginMinor: bigint;
  arEndMinor: bigint;
  /** The part of AR at `to` not yet due. */
  arEndCurrentMinor: bigint;
  /** The part of AR at `to` more than 90 days past due. */
  arEndOver90Minor: bigint;
  writeOffsMinor: bigint;
  /** Invoices fully settled in the period: Σ amount and Σ amount × days from issue to settlement. */
  settledAmountMinor: bigint;
  settledWeightedDays: bigint;
  /** Credit sales per calendar month walking back from `to` (the first is the month of `to`, up to `to`). */
  monthsBack: readonly MonthSales[];
}

export interface MonthSales {
  /** Days of the month counted (the month of `to` counts up to `to`). */
  days: number;
  salesMinor: bigint;
}

export interface KpiFigures {
  dso: number | null;
  bestPossibleDso: number | null;
  add: number | null;
  countbackDso: number | null;
  cei: number | null;
  turnover: number | null;
  turnoverDays: number | null;
  averageDaysToPay: number | null;
  currentShare: number | null;
  over90Share: number | null;
  writeOffRatio: number | null;
}

export function computeKpis(k: KpiInputs): KpiFigures {
  const days = BigInt(k.days);
  const sales = k.creditSalesMinor;
  const salesPositive = sales > 0n;
  const overdue = k.arEndMinor - k.arEndCurrentMinor;
  const averageAr2 = k.arBeginMinor + k.arEndMinor; // twice the average AR
  return {
    dso: salesPositive ? ratio(k.arEndMinor * days, sales) : null,
    bestPossibleDso: salesPositive ? ratio(k.arEndCurrentMinor * days, sales) : null,
    // dso − bestPossibleDso, from the unrounded values.
    add: salesPositive ? ratio(overdue * days, sales) : null,
    countbackDso: countbackDso(k.arEndMinor, k.monthsBack),
    cei: ratio((k.arBeginMinor + sales - k.arEndMinor) * 100n, k.arBeginMinor + sales - k.arEndCurrentMinor),
    // creditSales / ((arBegin + arEnd) / 2)
    turnover: salesPositive && averageAr2 > 0n ? ratio(sales * 2n, averageAr2) : null,
    // days / turnover
    turnoverDays: salesPositive && averageAr2 > 0n ? ratio(days * averageAr2, sales * 2n) : null,
    averageDaysToPay: ratio(k.settledWeightedDays, k.settledAmountMinor),
    currentShare: k.arEndMinor > 0n ? ratio(k.arEndCurrentMinor * 100n, k.arEndMinor) : null,
    over90Share: k.arEndMinor > 0n ? ratio(k.arEndOver90Minor * 100n, k.arEndMinor) : null,
    writeOffRatio: salesPositive ? ratio(-k.writeOffsMinor * 100n, sales) : null,
  };
}

/**
 * Count-back DSO: walk back month by month from `to`, taking each month's
 * credit sales off AR while AR covers them and adding the month's days; the
 * month AR no longer covers adds remaining AR / its sales × its days. AR older
 * than every month given adds nothing more. Null when AR is negative.
 */
export function countbackDso(arEndMinor: bigint, monthsBack: readonly MonthSales[]): number | null {
  if (arEndMinor < 0n) return null;
  let remaining = arEndMinor;
  let wholeDays = 0n;
  for (const month of monthsBack) {
    if (remaining === 0n) break;
    if (remaining >= month.salesMinor) {
      remaining -= month.salesMinor;
      wholeDays += BigInt(month.days);
      continue;
    }
    // whole days + remaining / sales × days, as one exact fraction
    return ratio(wholeDays * month.salesMinor + remaining * BigInt(month.days), month.salesMinor);
  }
  return Number(wholeDays);
}

/** Calendar months walking back from `to` (ISO date): [first day, last day counted, days counted]. */
export function monthsEndingWith(to: string, count: number): { start: string; end: string; days: number }[] {
  const [y, m, d] = to.split('-').map(Number) as [number, number, number];
  const months = [];
  for (let i = 0; i < count; i++) {
    const first = new Date(Date.UTC(y, m - 1 - i, 1));
    const last = new Date(Date.UTC(y, m - i, 0));
    const end = i === 0 ? new Date(Date.UTC(y, m - 1, d)) : last;
    months.push({ start: iso(first), end: iso(end), days: end.getUTCDate() });
  }
  return months;
}

export function addDays(date: string, n: number): string {
  return iso(new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000));
}

/** Days in [from, to], both included. */
export function inclusiveDays(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

function iso(d: Date): string {
  return d.toISOString().slice(0, 10);
}
