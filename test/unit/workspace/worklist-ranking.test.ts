import { describe, expect, test } from '@jest/globals';
import { rankWorklist, scoreCustomer, type WorklistCustomerInput } from '../../../src/workspace/worklist-ranking.js';

const inv = (number: string, amount: bigint, dueDate: string, predictedDaysLate = 0, currency = 'EUR') => ({
  invoiceId: `id-${number}`, externalId: `ext-${number}`, number, currency, openAmountMinor: amount, dueDate, predictedDaysLate, expectedPaymentDate: '2026-12-31',
});
const cust = (externalId: string, c: Partial<WorklistCustomerInput>): WorklistCustomerInput => ({
  customerId: `id-${externalId}`, externalId, name: externalId, riskClass: 'A', invoices: [], tasks: [], ...c,
});
const asOf = '2026-12-03';

describe('worklist ranking', () => {
  test('score = risk × amount × lateness, each factor a reason', () => {
    // E: 3; 9 999.00 EUR → 1 + log10(10 000) = 5; 30 days past due → 1 + 30/30 = 2.
    const s = scoreCustomer(cust('C1', { riskClass: 'E', invoices: [inv('F1', 9999_00n, '2026-11-03')] }), asOf);
    expect(s.score).toBe(30);
    expect(s.reasons).toEqual([
      { code: 'RISK_CLASS', factor: 3, params: { riskClass: 'E' }, detail: 'risk class E' },
      { code: 'OPEN_AMOUNT', factor: 5, params: { invoices: 1, amount: '9999.00', currency: 'EUR' }, detail: '9999.00 EUR open in 1 invoice(s)' },
      { code: 'LATENESS', factor: 2, params: { basis: 'overdue', invoice: 'F1', days: 30 }, detail: 'F1 is 30 days past due' },
    ]);
    expect(s.openAmounts).toEqual([{ currency: 'EUR', amount: '9999.00' }]);
  });

  test('predicted lateness counts when larger than the days already late; currencies are never added up', () => {
    const s = scoreCustomer(cust('C2', {
      riskClass: null,
      invoices: [inv('F1', 99_00n, '2026-12-01'), inv('F2', 999_00n, '2026-12-20', 15), inv('J1', 99_999n, '2026-12-20', 0, 'JPY')],
    }), asOf);
    // unclassed 1.5; largest balance: JPY 99 999 → 1 + log10(100 000) = 6; predicted 15 days late → 1.5.
    expect(s.reasons.map((r) => [r.code, r.factor])).toEqual([['RISK_CLASS', 1.5], ['OPEN_AMOUNT', 6], ['LATENESS', 1.5]]);
    expect(s.reasons[0]!.params).toEqual({ riskClass: 'none', countedAs: 'C' });
    expect(s.reasons[1]!.params).toEqual({ invoices: 1, amount: '99999', currency: 'JPY' });
    expect(s.reasons[2]!.detail).toBe('F2 expected 2026-12-31, 15 days after due');
    expect(s.reasons[2]!.params).toEqual({ basis: 'predicted', invoice: 'F2', days: 15, expectedDate: '2026-12-31' });
    expect(s.score).toBe(13.5);
    expect(s.openAmounts).toEqual([{ currency: 'EUR', amount: '1098.00' }, { currency: 'JPY', amount: '99999' }]);
  });

  test('a customer with nothing open still ranks by risk (its tasks need working); overdue tasks weigh 1.2', () => {
    const s = scoreCustomer(cust('C3', { riskClass: 'D', tasks: [{ id: 't', kind: 'call', title: 'Call', titleCode: null, titleParams: null, dueAt: '2026-12-01T09:00:00.000Z', overdue: true }] }), asOf);
    expect(s.score).toBe(2.4);
    expect(s.reasons).toEqual([
      { code: 'RISK_CLASS', factor: 2, params: { riskClass: 'D' }, detail: 'risk class D' },
      { code: 'OPEN_AMOUNT', factor: 1, params: { invoices: 0 }, detail: 'nothing open' },
      { code: 'LATENESS', factor: 1, params: { basis: 'none' }, detail: 'no invoice overdue or predicted late' },
      { code: 'OVERDUE_TASKS', factor: 1.2, params: { tasks: 1 }, detail: '1 overdue task(s)' },
    ]);
  });

  test('customers by score, ties by external id; tasks overdue first, then by customer score, then due', () => {
    const task = (id: string, dueAt: string, overdue: boolean) => ({ id, kind: 'call', title: id, titleCode: null, titleParams: null, dueAt, overdue });
    const { customers, tasks } = rankWorklist([
      cust('LOW', { invoices: [inv('L1', 10_00n, '2026-12-30')], tasks: [task('low-overdue', '2026-12-02T00:00:00.000Z', true)] }),
      cust('HIGH', { riskClass: 'E', invoices: [inv('H1', 5000_00n, '2026-10-01')], tasks: [task('high-later', '2026-12-09T00:00:00.000Z', false), task('high-soon', '2026-12-05T00:00:00.000Z', false)] }),
      cust('B-TIE', {}),
      cust('A-TIE', {}),
    ], asOf);
    expect(customers.map((c) => [c.rank, c.customer.externalId])).toEqual([[1, 'HIGH'], [2, 'LOW'], [3, 'A-TIE'], [4, 'B-TIE']]);
    expect(tasks.map((t) => [t.rank, t.id, t.customer.externalId])).toEqual([
      [1, 'low-overdue', 'LOW'], [2, 'high-soon', 'HIGH'], [3, 'high-later', 'HIGH'],
    ]);
    expect(customers[0]!.tasks.map((t) => t.id)).toEqual(['high-soon', 'high-later']);
  });
});
