import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { DataSource } from 'typeorm';
import type { LegalEntity } from '../../src/organization/legal-entity.entity.js';
import type { LegalEntitiesService } from '../../src/organization/legal-entities.service.js';
import { CustomerDirectory } from '../../src/customers/customer-directory.js';
import { InvoicePortfolioReader } from '../../src/invoices/invoice-portfolio.reader.js';
import { InvoiceSettlementReader } from '../../src/payments/invoice-settlement.reader.js';
import { PredictionService, PredictionSources } from '../../src/prediction/prediction.service.js';
import { CollectorTaskRecords } from '../../src/tasks/collector-task.records.js';
import { DisputeFiguresService } from '../../src/disputes/dispute-figures.service.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

// Hand-built history on a real PostgreSQL database; "today" is always injected (2026-11-23, a Monday).
const AS_OF = '2026-11-23';
let db: TestDatabase;
let ds: DataSource;
let clockMs = Date.parse('2026-11-23T10:00:00Z');
let service: PredictionService;

async function entity(code: string): Promise<string> {
  const [row] = await ds.query(`INSERT INTO legal_entities (code, name) VALUES ($1, $1) RETURNING id`, [code]);
  return row.id;
}
async function customer(entityId: string, externalId: string, email: string | null): Promise<string> {
  const [row] = await ds.query(`INSERT INTO customers (entity_id, external_id, name) VALUES ($1, $2, $2) RETURNING id`, [entityId, externalId]);
  await ds.query(`INSERT INTO customer_contacts (customer_id, email, is_primary) VALUES ($1, $2, true)`, [row.id, email]);
  return row.id;
}
let seq = 0;
async function invoice(entityId: string, customerId: string, o: {
  issue: string; due: string; amount: bigint; open?: bigint; status?: string; currency?: string;
}): Promise<string> {
  const ext = `INV-${++seq}`;
  const [row] = await ds.query(
    `INSERT INTO invoices (entity_id, customer_id, external_id, number, issue_date, due_date, currency, amount_minor, open_amount_minor, status, workflow_id, version)
     VALUES ($1, $2, $3, $3, $4, $5, $6, $7, $8, $9, $3, 1) RETURNING id`,
    [entityId, customerId, ext, o.issue, o.due, o.currency ?? 'EUR', o.amount.toString(), (o.open ?? o.amount).toString(), o.status ?? 'open'],
  );
  return row.id;
}
async function pay(entityId: string, invoiceId: string, amount: bigint, receivedAt: string): Promise<void> {
  const [p] = await ds.query(
    `INSERT INTO payments (entity_id, external_id, currency, amount_minor, received_at, request_fingerprint)
     VALUES ($1, $2, 'EUR', $3, $4, 'x') RETURNING id`, [entityId, `PAY-${++seq}`, amount.toString(), receivedAt],
  );
  await ds.query(`INSERT INTO payment_allocations (payment_id, invoice_id, amount_minor) VALUES ($1, $2, $3)`, [p.id, invoiceId, amount.toString()]);
}
/** A settled invoice: 30-day terms, paid in full `days` after issue (Paris noon). */
async function settled(entityId: string, customerId: string, issue: string, days: number): Promise<string> {
  const due = addDays(issue, 30);
  const id = await invoice(entityId, customerId, { issue, due, amount: 10000n, open: 0n, status: 'paid' });
  await pay(entityId, id, 10000n, `${addDays(issue, days)}T12:00:00+01:00`);
  return id;
}
function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

let predId: string;
let custA: string;
let custB: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  db = await createTestDatabase();
  ds = db.dataSource;
  const entities = new Map<string, LegalEntity>();
  const legal = {
    async findByCode(code = 'default') {
      if (!entities.has(code)) {
        const [row] = await ds.query(`SELECT id, code, time_zone AS "timeZone" FROM legal_entities WHERE code = $1`, [code]);
        if (!row) return null;
        entities.set(code, row as LegalEntity);
      }
      return entities.get(code)!;
    },
    async findById(id: string) {
      const [row] = await ds.query(`SELECT code FROM legal_entities WHERE id = $1`, [id]);
      return row ? legal.findByCode((row as { code: string }).code) : null;
    },
  } as unknown as LegalEntitiesService;
  const sources = new PredictionSources(
    new InvoicePortfolioReader(ds), new InvoiceSettlementReader(ds), new CustomerDirectory(ds), new CollectorTaskRecords(ds),
    legal, new DisputeFiguresService(ds),
  );
  service = new PredictionService(sources, () => clockMs);

  predId = await entity('PRED');
  custA = await customer(predId, 'A', 'ap@a.example'); // always 10 days late
  custB = await customer(predId, 'B', null); // always on the due date
  for (let k = 0; k < 8; k++) {
    await settled(predId, custA, addDays('2026-01-05', 14 * k), 40);
    await settled(predId, custB, addDays('2026-01-06', 14 * k), 30);
  }
  // Paid in two parts: settled when the second payment brought the open amount to zero (day 40).
  const split = await invoice(predId, custA, { issue: '2026-06-01', due: '2026-07-01', amount: 10000n, open: 0n, status: 'paid' });
  await pay(predId, split, 4000n, '2026-06-20T12:00:00+02:00');
  await pay(predId, split, 6000n, '2026-07-11T12:00:00+02:00');
  // Not learnt from: a cancelled invoice, and one closed by a lowered amount (its payments do not add up).
  const cancelled = await invoice(predId, custB, { issue: '2026-03-01', due: '2026-03-31', amount: 10000n, open: 5000n, status: 'cancelled' });
  await pay(predId, cancelled, 5000n, '2026-09-30T12:00:00+02:00');
  const lowered = await invoice(predId, custB, { issue: '2026-03-02', due: '2026-04-01', amount: 10000n, open: 0n, status: 'paid' });
  await pay(predId, lowered, 5000n, '2026-09-30T12:00:00+02:00');

  // Open invoices.
  ids.a1 = await invoice(predId, custA, { issue: '2026-11-02', due: '2026-12-02', amount: 100000n });
  ids.a2 = await invoice(predId, custA, { issue: '2026-09-01', due: '2026-10-01', amount: 20000n });
  ids.a3 = await invoice(predId, custA, { issue: '2026-11-16', due: '2026-12-16', amount: 30000n, open: 12000n });
  ids.b1 = await invoice(predId, custB, { issue: '2026-11-02', due: '2026-12-02', amount: 50000n });
  ids.b2 = await invoice(predId, custB, { issue: '2026-11-09', due: '2026-12-09', amount: 25050n });
  ids.usd = await invoice(predId, custB, { issue: '2026-11-10', due: '2026-12-10', amount: 75000n, currency: 'USD' });
  ids.paid = await settled(predId, custB, '2026-10-01', 30);
}, 60_000);

afterAll(async () => {
  await db?.drop();
});

describe('payment predictions over the platform database', () => {
  test('training rows: settled through payments only, settled date = the payment that cleared the invoice', async () => {
    const history = await service.history(predId);
    expect(history).toHaveLength(18); // 8 + 8 + the split one + the paid one of 2026-10-01
    expect(history.filter((r) => r.customerId === custA).map((r) => r.daysToSettle)).toEqual(Array(9).fill(40));
    expect(history.filter((r) => r.customerId === custB).map((r) => r.daysToSettle)).toEqual(Array(9).fill(30));
    expect(history.filter((r) => r.customerId === custA).every((r) => r.paperless && !r.disputed)).toBe(true);
    expect(history.filter((r) => r.customerId === custB).every((r) => !r.paperless)).toBe(true);
  });

  test('an invoice that is on a dispute is a disputed training row', async () => {
    await ds.query(
      `INSERT INTO disputes (entity_id, customer_id, reason_code, type, comment, currency, amount_minor, invoices, status, opened_by_name, snapshot, workflow_id)
       VALUES ($1, $2, 'price', 'partial', 'x', 'EUR', 5000, $3::jsonb, 'resolved', 'Test', '{}', 'dispute-test')`,
      [predId, custB, JSON.stringify([{ invoiceId: ids.paid, amountMinor: '5000' }])],
    );
    const disputed = (await service.history(predId)).filter((r) => r.disputed);
    expect(disputed.map((r) => r.customerId)).toEqual([custB]);
    expect(disputed.map((r) => r.invoiceNumber)).toEqual([
      (await ds.query(`SELECT number FROM invoices WHERE id = $1`, [ids.paid]))[0].number,
    ]);
  });

  test('each open invoice gets a date from its customer\'s history; an overdue one is never expected before today', async () => {
    const { invoices, asOf } = await service.predictOpenInvoices({ entity: 'PRED', asOf: AS_OF });
    expect(asOf).toBe(AS_OF);
    const by = new Map(invoices.map((i) => [i.invoiceId, i.prediction]));
    expect(invoices).toHaveLength(6);
    expect(by.get(ids.a1!)).toMatchObject({ expectedPaymentDate: '2026-12-12', predictedDaysToSettle: 40, predictedDaysLate: 10, predictedLate: true });
    expect(by.get(ids.b1!)).toMatchObject({ expectedPaymentDate: '2026-12-02', predictedDaysLate: 0, predictedLate: false });
    expect(by.get(ids.a2!)).toMatchObject({ expectedPaymentDate: AS_OF, predictedDaysLate: 53, predictedLate: true });
    expect(by.get(ids.a2!)!.explanation).toMatchObject({ source: 'model', clampedToToday: true, modelDate: '2026-10-11' });
    const a1 = by.get(ids.a1!)!.explanation;
    expect(a1.clampedToToday).toBe(false);
    expect(a1.base + a1.adjustments.reduce((s, a) => s + a.days, 0)).toBeCloseTo(40, 5);
    expect(by.has(ids.paid!)).toBe(false);
    expect(await service.forInvoice(ids.paid!, AS_OF)).toBeNull();
  });

  test('cash forecast: per ISO week and currency, exact amounts (hand-computed)', async () => {
    const f = await service.cashForecast({ entity: 'PRED', asOf: AS_OF, weeks: 4 });
    expect(f.from).toBe('2026-11-23');
    const eur = f.currencies.find((c) => c.currency === 'EUR')!;
    expect(eur.weeks).toEqual([
      { weekStart: '2026-11-23', amount: '200.00', invoiceCount: 1 }, // a2, overdue: expected today
      { weekStart: '2026-11-30', amount: '500.00', invoiceCount: 1 }, // b1 on its due date 2026-12-02
      { weekStart: '2026-12-07', amount: '1250.50', invoiceCount: 2 }, // a1 2026-12-12 (1000.00) + b2 2026-12-09 (250.50)
      { weekStart: '2026-12-14', amount: '0.00', invoiceCount: 0 },
    ]);
    expect(eur.later).toEqual({ amount: '120.00', invoiceCount: 1 }); // a3's open amount, expected 2026-12-26
    expect(eur.overdueWithoutPrediction).toEqual({ amount: '0.00', invoiceCount: 0 });
    const usd = f.currencies.find((c) => c.currency === 'USD')!;
    expect(usd.weeks[2]).toEqual({ weekStart: '2026-12-07', amount: '750.00', invoiceCount: 1 });
    expect(f.currencies.map((c) => c.currency)).toEqual(['EUR', 'USD']);
    const onlyUsd = await service.cashForecast({ entity: 'PRED', asOf: AS_OF, weeks: 4, currency: 'USD' });
    expect(onlyUsd.currencies.map((c) => c.currency)).toEqual(['USD']);
  });

  test('worklist ranks by documented points, each with its reasons', async () => {
    // One open call task on b2 (+5), a done one (nothing).
    for (const [key, status] of [['t-open', 'open'], ['t-done', 'done']] as const) {
      await ds.query(
        `INSERT INTO collector_tasks (idempotency_key, kind, status, invoice_id, customer_id, step, title, due_at)
         VALUES ($1, 'call', $2, $3, $4, 'call', 'Call', '2026-11-20T09:00:00Z')`, [key, status, ids.b2, custB],
      );
    }
    const w = await service.worklist({ entity: 'PRED', asOf: AS_OF, limit: 10 });
    expect(w.items.map((i) => [i.invoice.id, i.priority])).toEqual([
      [ids.a2, 149], // 53 overdue + 53 predicted late + 20 very late + 10·log10(200) = 23
      [ids.a1, 40], // 10 predicted late + 30 (1000.00)
      [ids.a3, 30.8], // 10 predicted late + 20.8 (120.00 open)
      [ids.b2, 29], // 24 (250.50) + 5 for its open task
      [ids.usd, 28.8],
      [ids.b1, 27],
    ]);
    expect(w.items[3]!.reasons.map((r) => r.code)).toEqual(['AMOUNT', 'OPEN_TASKS']);
    expect(w.items[0]!.reasons.map((r) => r.code)).toEqual(['OVERDUE', 'PREDICTED_LATE', 'PREDICTED_VERY_LATE', 'AMOUNT']);
    expect((await service.worklist({ entity: 'PRED', asOf: AS_OF, limit: 2 })).items).toHaveLength(2);
  });

  test('no history at all: the due date, and overdue invoices in their own forecast bucket', async () => {
    const empty = await entity('PRED0');
    const c = await customer(empty, 'N', null);
    const future = await invoice(empty, c, { issue: '2026-11-10', due: '2026-12-10', amount: 10000n });
    await invoice(empty, c, { issue: '2026-10-01', due: '2026-11-01', amount: 3333n });
    const { invoices } = await service.predictOpenInvoices({ entity: 'PRED0', asOf: AS_OF });
    expect(invoices.find((i) => i.invoiceId === future)!.prediction).toMatchObject({
      expectedPaymentDate: '2026-12-10', predictedLate: false, explanation: { source: 'no-history' },
    });
    const f = await service.cashForecast({ entity: 'PRED0', asOf: AS_OF, weeks: 3 });
    expect(f.currencies[0]!.overdueWithoutPrediction).toEqual({ amount: '33.33', invoiceCount: 1 });
    expect(f.currencies[0]!.weeks[2]).toEqual({ weekStart: '2026-12-07', amount: '100.00', invoiceCount: 1 });
  });

  test('the model is cached, and refitted in the background after an hour (the stale one served meanwhile)', async () => {
    const first = await service.modelFor(predId);
    expect(await service.modelFor(predId)).toBe(first);
    await settled(predId, custB, '2026-10-05', 30);
    clockMs += 2 * 60_000; // re-checked: 1 new settlement, below the threshold
    expect(await service.modelFor(predId)).toBe(first);
    clockMs += 60 * 60_000;
    expect(await service.modelFor(predId)).toBe(first);
    await service.whenRefitted(predId);
    const refitted = await service.modelFor(predId);
    expect(refitted).not.toBe(first);
    expect(refitted!.historySize).toBe(first!.historySize + 1);

    // 50 new settlements within the hour: refitted at the next check (once a minute).
    for (let k = 0; k < 50; k++) await settled(predId, custB, addDays('2025-01-06', k), 30);
    expect(await service.modelFor(predId)).toBe(refitted);
    clockMs += 2 * 60_000;
    await service.modelFor(predId);
    await service.whenRefitted(predId);
    expect((await service.modelFor(predId))!.historySize).toBe(refitted!.historySize + 50);
  });
});
