import { describe, expect, test } from '@jest/globals';
import type { CustomerCreditLimit } from '../../src/credit-limit-requests/customer-credit-limit.entity.js';
import type { CustomerSituation } from '../../src/credit/customer-situation.service.js';
import { buildCustomerRiskView } from '../../src/credit/customer-risk.view.js';
import { NO_DISPUTES } from '../../src/credit/customer-disputes.port.js';

function situation(overrides: Partial<CustomerSituation> = {}): CustomerSituation {
  return {
    customerId: 'c1', entityId: 'e1', externalId: 'C-1', name: 'Acme', riskClass: 'B',
    limitMinor: 300_000n, limitCurrency: 'EUR', ordersMinor: 50_000n, ordersCurrency: 'EUR', ordersAsOf: '2026-11-20T10:00:00.000Z',
    receivablesMinor: 200_001n, oldestDueDate: '2026-11-01', today: '2026-11-23', oldestOverdueDays: 22,
    ...overrides,
  };
}

const base = {
  currency: 'EUR', exposureAlertSharePercent: 80, limits: [] as CustomerCreditLimit[], score: null, external: null,
  alertLevel: 'warning' as const, disputes: NO_DISPUTES,
};

describe('customer risk view', () => {
  test('exposure = receivables + open orders, share of the limit with one decimal, half-up', () => {
    const view = buildCustomerRiskView({ ...base, situation: situation() }, []);
    expect(view.limit).toMatchObject({ amount: '3000.00', currency: 'EUR', history: [] });
    expect(view.exposure).toEqual({
      receivables: '2000.01', openOrders: '500.00', openOrdersAsOf: '2026-11-20T10:00:00.000Z', total: '2500.01',
      shareOfLimitPercent: '83.3', alertSharePercent: 80, alertLevel: 'warning',
    });
    expect(view).toMatchObject({ riskClass: 'B', score: null, externalScore: null, oldestOverdueDays: 22, openDisputes: { amount: '0.00', count: 0 } });
  });

  test('no limit: no share; open orders in another currency are left out; predicted receipts passed through', () => {
    const receipts = [{ date: '2026-12-01', amount: '100.00', currency: 'EUR' }];
    const view = buildCustomerRiskView({
      ...base, alertLevel: 'none',
      situation: situation({ limitMinor: null, limitCurrency: null, ordersCurrency: 'USD' }),
    }, receipts);
    expect(view.limit).toBeNull();
    expect(view.exposure).toMatchObject({ openOrders: '0.00', total: '2000.01', shareOfLimitPercent: null });
    expect(view.predictedReceipts).toEqual(receipts);
  });
});
