import { describe, expect, test } from '@jest/globals';
import { buildCashForecast, isoWeekStart, toInvoicePrediction, worklistPriority, type InvoicePrediction } from '../../src/prediction/prediction-core.js';
import type { PredictionExplanation } from '../../src/prediction/payment-prediction.js';

const explanation = (days: number): PredictionExplanation => ({
  invoiceNumber: 'F1', base: 30, adjustments: [{ factor: 'customer', days: days - 30, params: {}, detail: 'customer X' }],
  estimate: days, predictedDaysToSettle: days, termDays: 30, predictedLate: days > 30,
});
const invoice = { issueDate: '2026-11-02', dueDate: '2026-12-02' };

describe('prediction of an open invoice', () => {
  test('issue date + predicted days, late by the difference with the due date', () => {
    expect(toInvoicePrediction(invoice, explanation(37), '2026-11-23')).toMatchObject({
      expectedPaymentDate: '2026-12-09', predictedDaysToSettle: 37, predictedDaysLate: 7, predictedLate: true,
      explanation: { source: 'model', base: 30, estimate: 37, clampedToToday: false, modelDate: '2026-12-09' },
    });
    expect(toInvoicePrediction(invoice, explanation(25), '2026-11-23')).toMatchObject({
      expectedPaymentDate: '2026-11-27', predictedDaysLate: 0, predictedLate: false,
    });
  });

  test('never before today: the date moves to today and the clamp is said', () => {
    const p = toInvoicePrediction(invoice, explanation(10), '2026-11-23');
    expect(p).toMatchObject({ expectedPaymentDate: '2026-11-23', predictedDaysToSettle: 21, predictedLate: false });
    expect(p.explanation).toMatchObject({ clampedToToday: true, modelDate: '2026-11-12' });
    expect(toInvoicePrediction(invoice, explanation(10), '2026-12-12')).toMatchObject({ predictedDaysLate: 10, predictedLate: true });
  });

  test('no history: the due date', () => {
    expect(toInvoicePrediction(invoice, null, '2026-11-23')).toMatchObject({
      expectedPaymentDate: '2026-12-02', predictedLate: false, explanation: { source: 'no-history', adjustments: [] },
    });
  });
});

describe('worklist priority', () => {
  const prediction = (p: Partial<InvoicePrediction>) => ({ ...toInvoicePrediction(invoice, explanation(30), '2026-11-23'), ...p });
  test('points per reason, capped', () => {
    const r = worklistPriority({
      openAmountMinor: 1_000_000n, currency: 'EUR', dueDate: '2026-06-01', openTasks: 2,
      prediction: prediction({ predictedDaysLate: 175 }),
    }, '2026-11-23', 2);
    expect(r.reasons.map((x) => [x.code, x.points])).toEqual([
      ['OVERDUE', 90], ['PREDICTED_LATE', 60], ['PREDICTED_VERY_LATE', 20], ['AMOUNT', 40], ['OPEN_TASKS', 10],
    ]);
    expect(r.priority).toBe(220);
  });
  test('not due, not predicted late: the amount only; JPY has no minor digits', () => {
    expect(worklistPriority({ openAmountMinor: 1000n, currency: 'JPY', dueDate: '2026-12-02', openTasks: 0, prediction: prediction({}) }, '2026-11-23', 0))
      .toEqual({ priority: 30, reasons: [{ code: 'AMOUNT', points: 30, detail: '1000 JPY open' }] });
  });
});

describe('cash forecast', () => {
  test('ISO weeks start on Monday', () => {
    expect(['2026-11-23', '2026-11-25', '2026-11-29', '2026-11-30'].map(isoWeekStart)).toEqual(['2026-11-23', '2026-11-23', '2026-11-23', '2026-11-30']);
    expect(isoWeekStart('2027-01-01')).toBe('2026-12-28');
  });
  test('buckets per currency, never summed across currencies; earlier and later than the horizon', () => {
    const p = (d: string, source: 'model' | 'no-history' = 'model') =>
      ({ expectedPaymentDate: d, explanation: { source } }) as InvoicePrediction;
    const f = buildCashForecast([
      { currency: 'EUR', openAmountMinor: 10n, prediction: p('2026-11-25'), overdue: false },
      { currency: 'EUR', openAmountMinor: 5n, prediction: p('2026-11-29'), overdue: false },
      { currency: 'USD', openAmountMinor: 7n, prediction: p('2026-11-29'), overdue: false },
      { currency: 'EUR', openAmountMinor: 3n, prediction: p('2026-12-07'), overdue: false },
      { currency: 'EUR', openAmountMinor: 2n, prediction: p('2026-11-20'), overdue: false },
      { currency: 'EUR', openAmountMinor: 9007199254740993n, prediction: p('2026-11-26', 'no-history'), overdue: true },
    ], '2026-11-26', 2);
    expect(f.map((c) => c.currency)).toEqual(['EUR', 'USD']);
    expect(f[0]).toEqual({
      currency: 'EUR',
      weeks: [{ weekStart: '2026-11-23', amountMinor: 15n, invoiceCount: 2 }, { weekStart: '2026-11-30', amountMinor: 0n, invoiceCount: 0 }],
      earlier: { amountMinor: 2n, invoiceCount: 1 },
      later: { amountMinor: 3n, invoiceCount: 1 },
      overdueWithoutPrediction: { amountMinor: 9007199254740993n, invoiceCount: 1 },
    });
    expect(f[1]!.weeks[0]).toEqual({ weekStart: '2026-11-23', amountMinor: 7n, invoiceCount: 1 });
  });
});
