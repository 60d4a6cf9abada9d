import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startPlatform, uniqueId, type Platform } from '../support/platform.js';

// Fixed old dates; "today" for the worklist and forecast is passed as asOf. The invoice view uses
// the wall clock, so it is asserted only through what does not depend on it.
let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform({ worker: false });
});
afterAll(async () => {
  await platform?.close();
});

const customer = { externalId: 'CUST-PRED', name: 'Prévision SA', email: 'ap@prevision.example', language: 'fr' };

async function createInvoice(issueDate: string, dueDate: string, amount: string, currency = 'EUR') {
  const externalId = uniqueId('INV');
  const res = await platform.request('POST', '/api/v1/invoices', {
    externalId, number: externalId, issueDate, dueDate, amount, currency, customer,
  });
  expect(res.status).toBe(201);
  return { id: res.body.id as string, externalId };
}
async function pay(invoiceExternalId: string, amount: string, receivedAt: string) {
  const res = await platform.request('POST', '/api/v1/payments', {
    externalId: uniqueId('PAY'), amount, currency: 'EUR', receivedAt, allocations: [{ invoiceExternalId, amount }],
  });
  expect(res.status).toBe(201);
}

describe('payment predictions through the API', () => {
  let open: { id: string; externalId: string };
  let overdue: { id: string; externalId: string };
  let paid: { id: string; externalId: string };

  beforeAll(async () => {
    // History: the customer always pays 40 days after issue on 30-day terms (10 days late).
    for (const [issue, due, received] of [
      ['2025-01-02', '2025-02-01', '2025-02-11T10:00:00+01:00'],
      ['2025-01-09', '2025-02-08', '2025-02-18T10:00:00+01:00'],
      ['2025-01-16', '2025-02-15', '2025-02-25T10:00:00+01:00'],
    ] as const) {
      const inv = await createInvoice(issue, due, '100.00');
      await pay(inv.externalId, '100.00', received);
    }
    paid = await createInvoice('2025-01-20', '2025-02-19', '50.00');
    await pay(paid.externalId, '50.00', '2025-03-01T10:00:00+01:00');
    open = await createInvoice('2025-03-03', '2025-04-02', '1234.56');
    overdue = await createInvoice('2025-01-27', '2025-02-26', '300.00');
  });

  test('an open invoice shows its prediction with the explanation; a paid one shows none', async () => {
    const view = (await platform.request('GET', `/api/v1/invoices/${open.id}`)).body;
    expect(view.prediction).toMatchObject({
      predictedLate: true,
      explanation: { source: 'model', modelDate: '2025-04-12', clampedToToday: true },
    });
    // The dates are old: the expected date is today (the clamp), so after the model's date.
    expect(view.prediction.expectedPaymentDate > '2025-04-12').toBe(true);
    expect(view.prediction.explanation.adjustments).toEqual(expect.any(Array));
    expect((await platform.request('GET', `/api/v1/invoices/${paid.id}`)).body.prediction).toBeNull();
  });

  test('worklist ranks the overdue invoice first, with the reasons of its rank', async () => {
    const res = await platform.request('GET', '/api/v1/worklist?asOf=2025-03-31&limit=5');
    expect(res.status).toBe(200);
    expect(res.body.asOf).toBe('2025-03-31');
    expect(res.body.items.map((i: { invoice: { externalId: string } }) => i.invoice.externalId)).toEqual([overdue.externalId, open.externalId]);
    const [first, second] = res.body.items;
    // overdue: due 2025-02-26, model date 2025-03-08 < asOf → expected 2025-03-31: 33 days past due and 33 predicted late.
    expect(first).toMatchObject({ rank: 1, priority: 33 + 33 + 20 + 24.8, prediction: { expectedPaymentDate: '2025-03-31', predictedDaysLate: 33 } });
    expect(first.reasons.map((r: { code: string }) => r.code)).toEqual(['OVERDUE', 'PREDICTED_LATE', 'PREDICTED_VERY_LATE', 'AMOUNT']);
    // open: expected 2025-04-12, 10 days after its due date; 1234.56 → 30.9 points.
    expect(second).toMatchObject({ rank: 2, priority: 40.9, invoice: { openAmount: '1234.56', currency: 'EUR' } });
  });

  test('cash forecast: expected receipts per ISO week (hand-computed)', async () => {
    const res = await platform.request('GET', '/api/v1/cash-forecast?asOf=2025-03-31&weeks=3&currency=EUR');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ asOf: '2025-03-31', from: '2025-03-31', weeks: 3 });
    expect(res.body.currencies).toEqual([{
      currency: 'EUR',
      weeks: [
        { weekStart: '2025-03-31', amount: '300.00', invoiceCount: 1 }, // overdue, expected today
        { weekStart: '2025-04-07', amount: '1234.56', invoiceCount: 1 }, // expected Saturday 2025-04-12
        { weekStart: '2025-04-14', amount: '0.00', invoiceCount: 0 },
      ],
      earlier: { amount: '0.00', invoiceCount: 0 },
      later: { amount: '0.00', invoiceCount: 0 },
      overdueWithoutPrediction: { amount: '0.00', invoiceCount: 0 },
    }]);
  });

  test('the customer risk view carries the predicted receipts per week', async () => {
    const res = await platform.request('GET', `/api/v1/customers/${customer.externalId}/risk`);
    expect(res.status).toBe(200);
    // Both open invoices are past their model dates: expected today, so in this ISO week (whose Monday is the date).
    expect(res.body.predictedReceipts).toEqual([{ date: expect.any(String), amount: '1534.56', currency: 'EUR', invoiceCount: 2 }]);
    expect(new Date(`${res.body.predictedReceipts[0].date}T00:00:00Z`).getUTCDay()).toBe(1);
  });

  test('bad query parameters are field errors', async () => {
    const res = await platform.request('GET', '/api/v1/cash-forecast?weeks=0&from=tomorrow&currency=euro');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['currency', 'from', 'weeks']);
  });
});
