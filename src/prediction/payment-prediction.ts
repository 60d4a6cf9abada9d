// Payment-date prediction for open invoices, from the customers' own payment history.
//
// Pure and deterministic (no I/O, no clock, no randomness), so the CLI, the benchmark and
// the API share it. The model is additive and explainable:
//
//   predicted days to settle = base (global median)
//                            + global effects (disputed, paperless, amount band, due-date timing)
//                            + customer offset (recency-weighted median of the customer's
//                              residuals, shrunk toward 0 empirical-Bayes style: by how much
//                              and how consistent the customer's history is)
//                            + customer trend (shrunk slope of the customer's residuals, capped;
//                              off by default)
//
// Effects are fitted by robust backfitting (medians of partial residuals), only on the
// history given. For the invoice to predict it reads only open-time fields: customer,
// country, invoice and due dates, amount, paperless and disputed flags.
//
// Amounts are only a feature (their band), compared as numbers; no money arithmetic here.

import { parse } from 'csv-parse/sync';

/** What is known about an invoice while it is open. Days are civil day numbers (see `civilDay`). */
export interface OpenInvoice {
  readonly invoiceNumber: string;
  readonly customerId: string;
  readonly countryCode: string;
  readonly invoiceDay: number;
  readonly dueDay: number;
  readonly amount: number;
  readonly disputed: boolean;
  readonly paperless: boolean;
}

/** A settled invoice of the history. */
export interface SettledInvoice extends OpenInvoice {
  readonly daysToSettle: number;
}

export interface PaymentModelOptions {
  /** Half-life, in days, of a past invoice's weight in its customer's offset. */
  readonly halfLifeDays: number;
  /** Pseudo-count blending a customer's own residual variance with the pooled one. */
  readonly noisePrior: number;
  /** Pseudo-count pulling a global effect level toward 0. */
  readonly effectPrior: number;
  /** Pseudo-count pulling a customer's trend toward 0, and the cap of its size in days. */
  readonly trendPrior: number;
  readonly trendCapDays: number;
  readonly backfitIterations: number;
}

export const defaultPaymentModelOptions: PaymentModelOptions = {
  // Chosen on a validation split inside the older 70 % (train 49 %, validate 21 %), never on
  // the benchmark's test part. The customer trend did not help there: it is off (cap 0).
  halfLifeDays: 365,
  noisePrior: 5,
  effectPrior: 5,
  trendPrior: 8,
  trendCapDays: 0,
  backfitIterations: 4,
};

type EffectName = 'disputed' | 'paperless' | 'amountBand' | 'dueDayOfWeek';
const effectNames: readonly EffectName[] = ['disputed', 'paperless', 'amountBand', 'dueDayOfWeek'];

interface CustomerState {
  /** Shrunk offset used in predictions, and the customer's own (raw) level it comes from. */
  readonly offset: number;
  readonly rawOffset: number;
  readonly weight: number;
  readonly invoices: number;
  /** Days per 30 days of invoice date, already shrunk. */
  readonly trendPerMonth: number;
  readonly lastInvoiceDay: number;
  readonly meanInvoiceDay: number;
}

export interface PaymentModel {
  readonly options: PaymentModelOptions;
  readonly base: number;
  /** Upper bounds of the amount bands (quartiles of the history's amounts). */
  readonly amountBandLimits: readonly number[];
  readonly effects: Readonly<Record<EffectName, ReadonlyMap<string, number>>>;
  readonly customers: ReadonlyMap<string, CustomerState>;
  /** Latest invoice day of the history: recency weights are relative to it. */
  readonly referenceDay: number;
  readonly historySize: number;
}

export const ADJUSTMENT_FACTORS = ['disputed', 'paperless', 'amountBand', 'dueDayOfWeek', 'customer', 'customerTrend'] as const;

export interface PredictionAdjustment {
  /** A stable code: which factor. */
  readonly factor: (typeof ADJUSTMENT_FACTORS)[number];
  readonly days: number;
  /**
   * What `detail` is made of, for a reader in another language: `level` for the effects (disputed /
   * undisputed, electronic / paper, Q1–Q4, Mon–Sun); rawDays, invoices, weight for the customer;
   * daysPerMonth, months, capDays for its trend. Numbers rounded to one decimal.
   */
  readonly params: Readonly<Record<string, string | number>>;
  /** In English. */
  readonly detail: string;
}

export interface PredictionExplanation {
  readonly invoiceNumber: string;
  /** Global median days to settle of the history. */
  readonly base: number;
  readonly adjustments: readonly PredictionAdjustment[];
  /** base + adjustments, unrounded. */
  readonly estimate: number;
  /** The estimate rounded to whole days, never below 0. */
  readonly predictedDaysToSettle: number;
  /** Days between invoice and due date. */
  readonly termDays: number;
  readonly predictedLate: boolean;
}

// ---------------------------------------------------------------------------------------------
// Dates

/** Days since 1970-01-01 of a proleptic Gregorian date (pure arithmetic, no Date). */
export function civilDay(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Parses M/D/YYYY (the history's format) or YYYY-MM-DD; undefined when invalid. */
export function parseDay(text: string): number | undefined {
  const s = text.trim();
  let m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  let year: number, month: number, day: number;
  if (m) {
    [month, day, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  } else {
    m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    if (!m) return undefined;
    [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  }
  if (month < 1 || month > 12 || day < 1) return undefined;
  const next = month === 12 ? civilDay(year + 1, 1, 1) : civilDay(year, month + 1, 1);
  const value = civilDay(year, month, day);
  return value < next ? value : undefined;
}

const weekdayNames = ['Thu', 'Fri', 'Sat', 'Sun', 'Mon', 'Tue', 'Wed'];
function weekday(dayNumber: number): string {
  return weekdayNames[((dayNumber % 7) + 7) % 7]!;
}

// ---------------------------------------------------------------------------------------------
// Robust statistics

/** Median of values; lower-middle average for even counts. 0 for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Weighted median: the smallest value where the cumulative weight reaches half (averaged on ties). */
function weightedMedian(values: readonly number[], weights: readonly number[]): number {
  const idx = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]! || a - b);
  const total = weights.reduce((a, w) => a + w, 0);
  if (total <= 0) return 0;
  let acc = 0;
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k]!;
    acc += weights[i]!;
    if (acc > total / 2 + 1e-12) return values[i]!;
    if (Math.abs(acc - total / 2) <= 1e-12) return (values[i]! + values[idx[k + 1] ?? i]!) / 2;
  }
  return values[idx[idx.length - 1]!]!;
}

// ---------------------------------------------------------------------------------------------
// Features

function amountBand(limits: readonly number[], amount: number): string {
  let band = 0;
  while (band < limits.length && amount > limits[band]!) band++;
  return `Q${band + 1}`;
}

function levelOf(model: Pick<PaymentModel, 'amountBandLimits'>, name: EffectName, inv: OpenInvoice): string {
  switch (name) {
    case 'disputed':
      return inv.disputed ? 'disputed' : 'undisputed';
    case 'paperless':
      return inv.paperless ? 'electronic' : 'paper';
    case 'amountBand':
      return amountBand(model.amountBandLimits, inv.amount);
    case 'dueDayOfWeek':
      return weekday(inv.dueDay);
  }
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

// ---------------------------------------------------------------------------------------------
// Fitting

/** Fits the model on settled invoices only; deterministic for a given history (any order). */
export function fitPaymentModel(
  history: readonly SettledInvoice[],
  options: PaymentModelOptions = defaultPaymentModelOptions,
): PaymentModel {
  // Canonical order so that the result does not depend on the file's row order.
  const rows = [...history].sort(
    (a, b) => a.invoiceDay - b.invoiceDay || (a.invoiceNumber < b.invoiceNumber ? -1 : a.invoiceNumber > b.invoiceNumber ? 1 : 0),
  );
  const amounts = rows.map((r) => r.amount).sort((a, b) => a - b);
  const amountBandLimits = rows.length >= 40 ? [0.25, 0.5, 0.75].map((q) => quantile(amounts, q)) : [];
  const referenceDay = rows.length > 0 ? rows[rows.length - 1]!.invoiceDay : 0;
  const base = median(rows.map((r) => r.daysToSettle));

  const effects: Record<EffectName, Map<string, number>> = {
    disputed: new Map(),
    paperless: new Map(),
    amountBand: new Map(),
    dueDayOfWeek: new Map(),
  };
  const shape = { amountBandLimits };
  const levels = rows.map((r) => effectNames.map((n) => levelOf(shape, n, r)));
  const weights = rows.map((r) => Math.pow(0.5, (referenceDay - r.invoiceDay) / options.halfLifeDays));
  const byCustomer = new Map<string, number[]>();
  rows.forEach((r, i) => {
    const list = byCustomer.get(r.customerId) ?? [];
    list.push(i);
    byCustomer.set(r.customerId, list);
  });
  // Raw customer offsets (unshrunk): effects are fitted on deviations from the customer's own
  // level, so a factor that never varies within a customer (or is confounded with who the
  // customer is) gets no credit for the customer's behaviour.
  const rawOffset = new Map<string, number>();

  const effectSum = (i: number, skip?: EffectName): number =>
    effectNames.reduce((acc, n, k) => (n === skip ? acc : acc + (effects[n].get(levels[i]![k]!) ?? 0)), 0);
  const customerResiduals = (idx: readonly number[]): number[] =>
    idx.map((i) => rows[i]!.daysToSettle - base - effectSum(i));

  for (let iter = 0; iter < options.backfitIterations; iter++) {
    // Customer level: recency-weighted median of the residuals.
    for (const [customer, idx] of byCustomer) {
      rawOffset.set(customer, weightedMedian(customerResiduals(idx), idx.map((i) => weights[i]!)));
    }
    // Global effects: shrunk medians of the within-customer partial residuals per level.
    effectNames.forEach((name, k) => {
      const groups = new Map<string, number[]>();
      rows.forEach((r, i) => {
        const res = r.daysToSettle - base - (rawOffset.get(r.customerId) ?? 0) - effectSum(i, name);
        const level = levels[i]![k]!;
        const list = groups.get(level) ?? [];
        list.push(res);
        groups.set(level, list);
      });
      const fitted = new Map<string, number>();
      for (const [level, res] of [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        fitted.set(level, (median(res) * res.length) / (res.length + options.effectPrior));
      }
      effects[name] = fitted;
    });
  }

  // Empirical-Bayes shrinkage of each customer's offset toward 0 (the global estimate):
  // factor = tau² / (tau² + (pi/2)·s²/W), where tau² is the spread of the customers' levels,
  // s² the customer's own residual variance (blended with the pooled one by noisePrior) and
  // W its recency weight. A consistent customer keeps its level; an erratic or new one is
  // pulled toward the global estimate.
  const stats = [...byCustomer].map(([customer, idx]) => {
    const offset = weightedMedian(customerResiduals(idx), idx.map((i) => weights[i]!));
    rawOffset.set(customer, offset);
    const res = customerResiduals(idx);
    const w = idx.map((i) => weights[i]!);
    const total = w.reduce((a, x) => a + x, 0);
    const variance = res.reduce((a, r, k) => a + w[k]! * (r - offset) * (r - offset), 0) / total;
    return { customer, offset, total, variance, n: idx.length };
  });
  const pooledVariance =
    stats.reduce((a, c) => a + c.variance * c.n, 0) / Math.max(1, stats.reduce((a, c) => a + c.n, 0));
  const noise = new Map(
    stats.map((c) => [
      c.customer,
      (((c.n * c.variance + options.noisePrior * pooledVariance) / (c.n + options.noisePrior)) * Math.PI) / 2 / c.total,
    ]),
  );
  const meanOffset = stats.reduce((a, c) => a + c.offset, 0) / Math.max(1, stats.length);
  const spread = stats.reduce((a, c) => a + (c.offset - meanOffset) ** 2, 0) / Math.max(1, stats.length - 1);
  const meanNoise = stats.reduce((a, c) => a + noise.get(c.customer)!, 0) / Math.max(1, stats.length);
  const tau2 = Math.max(1, spread - meanNoise);
  const custOffset = new Map(stats.map((c) => [c.customer, (c.offset * tau2) / (tau2 + noise.get(c.customer)!)]));

  // Customer state, with a shrunk trend: weighted least-squares slope of final residuals.
  const customers = new Map<string, CustomerState>();
  for (const [customer, idx] of byCustomer) {
    const offset = custOffset.get(customer) ?? 0;
    const xs = idx.map((i) => rows[i]!.invoiceDay);
    const res = idx.map((i) => rows[i]!.daysToSettle - base - effectSum(i) - offset);
    const w = idx.map((i) => weights[i]!);
    const total = w.reduce((a, x) => a + x, 0);
    const meanX = xs.reduce((a, x, k) => a + x * w[k]!, 0) / total;
    const meanR = res.reduce((a, r, k) => a + r * w[k]!, 0) / total;
    let sxx = 0;
    let sxy = 0;
    xs.forEach((x, k) => {
      sxx += w[k]! * (x - meanX) * (x - meanX);
      sxy += w[k]! * (x - meanX) * (res[k]! - meanR);
    });
    const slope = sxx > 0 ? (sxy / sxx) * 30 : 0;
    const trendPerMonth = (slope * idx.length) / (idx.length + options.trendPrior);
    customers.set(customer, {
      offset,
      rawOffset: rawOffset.get(customer) ?? 0,
      weight: total,
      invoices: idx.length,
      trendPerMonth,
      lastInvoiceDay: xs[xs.length - 1]!,
      meanInvoiceDay: meanX,
    });
  }

  return { options, base, amountBandLimits, effects, customers, referenceDay, historySize: rows.length };
}

// ---------------------------------------------------------------------------------------------
// Prediction

const round1 = (x: number): number => Math.round(x * 10) / 10;

/** The prediction for an open invoice with its explanation: base plus named adjustments. */
export function explainPrediction(model: PaymentModel, invoice: OpenInvoice): PredictionExplanation {
  const adjustments: PredictionAdjustment[] = [];
  for (const name of effectNames) {
    const level = levelOf(model, name, invoice);
    const days = model.effects[name].get(level) ?? 0;
    if (days !== 0) adjustments.push({ factor: name, days, params: { level }, detail: `${name} = ${level}` });
  }
  const customer = model.customers.get(invoice.customerId);
  if (customer) {
    adjustments.push({
      factor: 'customer',
      days: customer.offset,
      params: { rawDays: round1(customer.rawOffset), invoices: customer.invoices, weight: round1(customer.weight) },
      detail:
        `customer ${invoice.customerId}: own level ${round1(customer.rawOffset)} days over ${customer.invoices} past invoices` +
        ` (recency weight ${round1(customer.weight)}), shrunk toward the global estimate`,
    });
    // Trend extrapolated from the customer's weighted mean date, capped.
    const months = (invoice.invoiceDay - customer.meanInvoiceDay) / 30;
    const cap = model.options.trendCapDays;
    const trend = Math.max(-cap, Math.min(cap, customer.trendPerMonth * months));
    if (trend !== 0) {
      adjustments.push({
        factor: 'customerTrend',
        days: trend,
        params: { daysPerMonth: round1(customer.trendPerMonth), months: round1(months), capDays: cap },
        detail: `customer trend ${round1(customer.trendPerMonth)} days/month over ${round1(months)} months (cap ±${cap})`,
      });
    }
  }
  const estimate = adjustments.reduce((a, adj) => a + adj.days, model.base);
  const predictedDaysToSettle = Math.max(0, Math.round(estimate));
  const termDays = invoice.dueDay - invoice.invoiceDay;
  return {
    invoiceNumber: invoice.invoiceNumber,
    base: model.base,
    adjustments,
    estimate,
    predictedDaysToSettle,
    termDays,
    predictedLate: predictedDaysToSettle > termDays,
  };
}

export function predictDaysToSettle(model: PaymentModel, invoice: OpenInvoice): number {
  return explainPrediction(model, invoice).predictedDaysToSettle;
}

// ---------------------------------------------------------------------------------------------
// Baselines (for the benchmark)

/** Per-customer median days to settle, split by the disputed flag; falls back to the customer, then global. */
export function customerMedianBaseline(history: readonly SettledInvoice[]): (invoice: OpenInvoice) => number {
  const groups = new Map<string, number[]>();
  const add = (key: string, y: number): void => {
    const list = groups.get(key) ?? [];
    list.push(y);
    groups.set(key, list);
  };
  for (const r of history) {
    add(`${r.customerId}|${r.disputed}`, r.daysToSettle);
    add(r.customerId, r.daysToSettle);
  }
  const global = median(history.map((r) => r.daysToSettle));
  return (inv) => {
    const list = groups.get(`${inv.customerId}|${inv.disputed}`) ?? groups.get(inv.customerId);
    return list ? Math.round(median(list)) : Math.round(global);
  };
}

export function globalMedianBaseline(history: readonly SettledInvoice[]): (invoice: OpenInvoice) => number {
  const global = Math.round(median(history.map((r) => r.daysToSettle)));
  return () => global;
}

// ---------------------------------------------------------------------------------------------
// CSV (the history's layout)

export const historyColumns = [
  'countryCode', 'customerID', 'PaperlessDate', 'invoiceNumber', 'InvoiceDate', 'DueDate',
  'InvoiceAmount', 'Disputed', 'SettledDate', 'PaperlessBill', 'DaysToSettle', 'DaysLate',
] as const;

/** Open-time columns an invoices file must have. */
const openColumns = ['countryCode', 'customerID', 'invoiceNumber', 'InvoiceDate', 'DueDate', 'InvoiceAmount', 'Disputed', 'PaperlessBill'] as const;

export class CsvFormatError extends Error {}

/**
 * Header and data rows through csv-parse (RFC 4180 quoting, a BOM, CRLF); cells trimmed, blank lines
 * skipped, short rows read as empty cells. `line`: where the row ends in the file (1 = header).
 */
function parseTable(text: string, required: readonly string[], source: string): { header: string[]; rows: Array<{ line: number; get: (col: string) => string }> } {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // With `info`, each record comes with where it was read (the sync typings do not model that option).
    records = parse(text, { bom: true, trim: true, skip_empty_lines: true, relax_column_count: true, relax_quotes: true, info: true }) as unknown as typeof records;
  } catch (err) {
    throw new CsvFormatError(`${source}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const header = records[0]?.record ?? [];
  const missing = required.filter((c) => !header.includes(c));
  if (missing.length > 0) throw new CsvFormatError(`${source}: missing column(s) ${missing.join(', ')}`);
  const index = new Map(header.map((c, i) => [c, i]));
  const rows = records.slice(1)
    // A line of blanks only (`  `) is empty too.
    .filter(({ record }) => record.some((cell) => cell !== '') || record.length > 1)
    .map(({ record, info }) => ({ line: info.lines, get: (col: string) => record[index.get(col) ?? -1] ?? '' }));
  return { header, rows };
}

function openInvoiceOf(get: (col: string) => string, where: string): OpenInvoice {
  const invoiceDay = parseDay(get('InvoiceDate'));
  const dueDay = parseDay(get('DueDate'));
  const amountText = get('InvoiceAmount');
  const amount = Number(amountText);
  const disputed = get('Disputed').toLowerCase();
  const paperBill = get('PaperlessBill').toLowerCase();
  if (invoiceDay === undefined) throw new CsvFormatError(`${where}: bad InvoiceDate "${get('InvoiceDate')}"`);
  if (dueDay === undefined) throw new CsvFormatError(`${where}: bad DueDate "${get('DueDate')}"`);
  if (amountText === '' || !Number.isFinite(amount)) throw new CsvFormatError(`${where}: bad InvoiceAmount "${amountText}"`);
  if (disputed !== 'yes' && disputed !== 'no') throw new CsvFormatError(`${where}: Disputed must be Yes or No`);
  if (paperBill !== 'paper' && paperBill !== 'electronic') throw new CsvFormatError(`${where}: PaperlessBill must be Paper or Electronic`);
  if (get('customerID') === '' || get('invoiceNumber') === '') throw new CsvFormatError(`${where}: empty customerID or invoiceNumber`);
  return {
    invoiceNumber: get('invoiceNumber'),
    customerId: get('customerID'),
    countryCode: get('countryCode'),
    invoiceDay,
    dueDay,
    amount,
    disputed: disputed === 'yes',
    paperless: paperBill === 'electronic',
  };
}

/**
 * Invoices to predict: reads only the open-time columns; outcome columns (SettledDate,
 * DaysToSettle, DaysLate) may be absent or empty and are never read.
 */
export function parseOpenInvoicesCsv(text: string, source = 'open invoices'): OpenInvoice[] {
  return parseTable(text, openColumns, source).rows.map((r) => openInvoiceOf(r.get, `${source} line ${r.line}`));
}

/**
 * Settled history: rows need DaysToSettle (or SettledDate); rows without an outcome are
 * skipped (still open).
 */
export function parseHistoryCsv(text: string, source = 'history'): SettledInvoice[] {
  const table = parseTable(text, openColumns, source);
  if (!table.header.includes('DaysToSettle') && !table.header.includes('SettledDate')) {
    throw new CsvFormatError(`${source}: missing column DaysToSettle or SettledDate`);
  }
  const out: SettledInvoice[] = [];
  for (const r of table.rows) {
    const where = `${source} line ${r.line}`;
    const inv = openInvoiceOf(r.get, where);
    const daysText = r.get('DaysToSettle');
    let days: number | undefined;
    if (daysText !== '') {
      days = Number(daysText);
      if (!Number.isInteger(days) || days < 0) throw new CsvFormatError(`${where}: bad DaysToSettle "${daysText}"`);
    } else if (r.get('SettledDate') !== '') {
      const settled = parseDay(r.get('SettledDate'));
      if (settled === undefined || settled < inv.invoiceDay) throw new CsvFormatError(`${where}: bad SettledDate "${r.get('SettledDate')}"`);
      days = settled - inv.invoiceDay;
    }
    if (days !== undefined) out.push({ ...inv, daysToSettle: days });
  }
  return out;
}

/** Output rows: exactly `invoiceNumber,predictedDaysToSettle,predictedLate`. */
export function formatPredictionsCsv(predictions: readonly PredictionExplanation[]): string {
  const quote = (v: string): string => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = ['invoiceNumber,predictedDaysToSettle,predictedLate'];
  for (const p of predictions) lines.push(`${quote(p.invoiceNumber)},${p.predictedDaysToSettle},${p.predictedLate}`);
  return `${lines.join('\n')}\n`;
}
