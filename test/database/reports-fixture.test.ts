import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { SYSTEM_PRINCIPAL, type Principal } from '../../src/auth/principal.js';
import { Clock } from '../../src/clock/clock.js';
import { CustomersService } from '../../src/customers/customers.service.js';
import { LedgerQueries } from '../../src/ledger/ledger-queries.js';
import { LedgerService, type LedgerEntry } from '../../src/ledger/ledger.service.js';
import type { MovementKind } from '../../src/ledger/receivable-movement.entity.js';
import { LegalEntitiesService } from '../../src/organization/legal-entities.service.js';
import { LegalEntity } from '../../src/organization/legal-entity.entity.js';
import { ReportsService } from '../../src/reports/reports.service.js';
import { UnappliedCashService } from '../../src/cash/unapplied-cash.service.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

/*
 * Hand-computed portfolio (amounts in whole units; "today" is injected: 2026-07-02).
 *
 * Customers: C1 (EUR, segment smb, salesperson a@seller.example, class B), C2 (EUR, key, b@seller.example, class A),
 * C3 (USD, smb).
 *
 *  inv  cust  issue       due         amount  movements
 *  I7   C1    2025-11-01  2025-12-01   1200   —                                   (open throughout)
 *  I1   C1    2025-12-01  2025-12-31   1000   payment −1000 on 2026-01-20
 *  I2   C1    2026-01-10  2026-02-09   2000   payment −500 on 02-15, −1500 on 04-10
 *  I3   C1    2026-02-01  2026-03-03   3000   —            (a payment of 1000 received 2026-07-02 is recorded in one test)
 *  I4   C2    2026-02-15  2026-03-17   1500   credit note −300 on 03-20, payment −1200 on 05-20
 *  I5   C2    2026-03-10  2026-04-09   2500   write-off −2500 on 06-15
 *  I6   C2    2026-03-20  2026-04-19    800   cancelled (−800) on 03-25
 *  I8   C2    2026-04-05  2026-05-05   4000   payment −1000 on 05-10
 *  I9   C1    2026-05-01  2026-06-30    600   —
 *  I10  C2    2026-06-20  2026-07-20    900   —
 *  U11  C3    2026-01-15  2026-02-14   5000 USD  payment −2000 on 03-01
 *  U12  C3    2026-04-01  2026-05-01    700 USD  —
 *  CN1  C3    2026-03-15  (credit note) 400 USD  allocated to no invoice: customer credit, a −400 item on the credit note
 *                                                  itself (due = issue = 03-15), as CreditNotesService records it
 *
 * Aged balance, basis due (age = asOf − due; current = due on or after asOf):
 *  2026-01-31: I7 1200 age 61 → 61-90; I2 2000 not due → current. Total 3200 (all C1).
 *  2026-03-31: I7 1200 age 120 → 91-120; I2 1500 age 50 → 31-60; I3 3000 age 28 → 1-30; I4 1200 age 14 → 1-30;
 *              I5 2500 current; I6 0. → current 2500, 1-30 4200, 31-60 1500, 91-120 1200, total 9400.
 *              C1 = 1-30 3000, 31-60 1500, 91-120 1200 (5700); C2 = current 2500, 1-30 1200 (3700).
 *              USD: U11 3000 age 45 → 31-60; CN1 −400 age 16 → 1-30: total 2600 (reported apart, never added to EUR).
 *  2026-06-30: I7 age 211 → 120+; I3 3000 age 119 → 91-120; I8 3000 age 56 → 31-60; I9 600 due that day → current;
 *              I10 900 current. → current 1500, 31-60 3000, 91-120 3000, 120+ 1200, total 8700.
 *              Basis issue: I7 issued 241 days before → 120+, I3 149 → 120+, I8 86 → 61-90: current 1500, 61-90 3000, 120+ 4200.
 *
 * KPIs Q1 (2026-01-01 … 2026-03-31, 90 days):
 *  creditSales = 2000+3000+1500+2500+800 issued − 300 credit note − 800 cancellation = 8700
 *  arBegin (end of 2025-12-31) = I7 1200 + I1 1000 = 2200; arEnd = 9400; arEndCurrent = 2500; overdue 6900 on 4 invoices
 *  dso = 9400/8700×90 = 97.24; best = 2500/8700×90 = 25.86; add = 6900/8700×90 = 71.38
 *  cei = (2200+8700−9400)/(2200+8700−2500)×100 = 1500/8400×100 = 17.86
 *  turnover = 8700/((2200+9400)/2) = 1.5; turnoverDays = 90/1.5 = 60
 *  averageDaysToPay: I1 settled 01-20, 50 days after issue → 50 (I6 cancelled: not a payment)
 *  currentShare = 2500/9400 = 26.60 %; over90Share = 1200/9400 = 12.77 %; writeOffRatio 0
 *  count-back: Mar sales 2200 (31 d), Feb 4500 (28 d), Jan 2000 (31 d), Dec 1000 (31 d):
 *    9400−2200=7200 (31), −4500=2700 (59), −2000=700 (90), 700/1000×31 = 21.7 → 111.7
 * KPIs Q2 (2026-04-01 … 2026-06-30, 91 days):
 *  creditSales = 4000+600+900 = 5500; arBegin 9400; arEnd 8700; arEndCurrent 1500; overdue 7200 on 3 invoices (I7, I3, I8)
 *  dso = 8700×91/5500 = 143.95; best = 1500×91/5500 = 24.82; add = 7200×91/5500 = 119.13
 *  cei = (9400+5500−8700)/(9400+5500−1500)×100 = 6200/13400×100 = 46.27
 *  turnover = 5500/9050 = 0.61; turnoverDays = 91×18100/11000 = 149.74
 *  averageDaysToPay: I2 (2000, 90 days: 01-10 → 04-10), I4 (1500, 94 days: 02-15 → 05-20); I5 written off:
 *    (2000×90 + 1500×94)/3500 = 91.71
 *  currentShare = 1500/8700 = 17.24 %; over90Share = 4200/8700 = 48.28 %; writeOffRatio = 2500/5500 = 45.45 %
 *  count-back: Jun 900 (30), May 600 (31), Apr 4000 (30), Mar 2200 (31), Feb 4500 (28):
 *    8700−900=7800 (30), −600=7200 (61), −4000=3200 (91), −2200=1000 (122), 1000/4500×28 = 6.22 → 128.22
 * KPIs Q1 in USD (90 days; the unallocated credit note counts like any credit note):
 *  creditSales = 5000 issued − 400 credit note = 4600; arBegin 0; arEnd = 3000 − 400 = 2600; arEndCurrent 0 (CN1 due 03-15);
 *  overdue 2600 on 1 invoice (U11; a credit note is not an invoice)
 *  dso = add = 2600×90/4600 = 50.87; best 0; cei = (0+4600−2600)/(0+4600−0)×100 = 43.48
 *  turnover = 4600/1300 = 3.54; turnoverDays = 90×2600/9200 = 25.43; averageDaysToPay null (nothing settled)
 *  currentShare 0; over90Share 0; writeOffRatio 0
 *  count-back: Mar −400 (31 d): 2600 covers it → 3000 (31); Feb 0 (28) → 3000 (59); Jan 5000 (31): 3000/5000×31 = 18.6 → 77.6
 */

const TODAY_MS = Date.parse('2026-07-02T10:00:00Z');
class FixedClock extends Clock {
  nowMs() { return TODAY_MS; }
}

let db: TestDatabase;
let ds: DataSource;
let ledger: LedgerService;
let reports: ReportsService;
let entityId: string;
const customers: Record<string, string> = {};
const invoices: Record<string, { id: string; customer: string; currency: string; issue: string; due: string }> = {};

const salesA: Principal = { kind: 'user', userId: randomUUID(), email: 'A@seller.example', name: 'A', roles: ['sales'], groups: [] };
const money = (units: number) => BigInt(units) * 100n;

async function record(entries: LedgerEntry[]) {
  return ds.transaction((m) => ledger.record(m, entries));
}
async function issue(key: string, customer: string, issueDate: string, dueDate: string, units: number, currency = 'EUR') {
  const id = randomUUID();
  invoices[key] = { id, customer, currency, issue: issueDate, due: dueDate };
  const inv = { id, customerId: customers[customer]!, entityId, currency, issueDate, dueDate };
  await record([ledger.invoiceIssued(inv, money(units))]);
}
async function move(key: string, kind: MovementKind, units: number, date: string, sourceKey = `${kind}:${key}:${date}`) {
  const i = invoices[key]!;
  const inv = { id: i.id, customerId: customers[i.customer]!, entityId, currency: i.currency, issueDate: i.issue, dueDate: i.due };
  return record([ledger.invoiceMovement(inv, { kind, amountMinor: -money(units), date, sourceKey })]);
}

beforeAll(async () => {
  db = await createTestDatabase();
  ds = db.dataSource;
  const clock = new FixedClock();
  const entities = new LegalEntitiesService(ds.getRepository(LegalEntity));
  ledger = new LedgerService(clock, entities);
  reports = new ReportsService(ds, new LedgerQueries(ds, clock), new CustomersService(ds), entities, clock, new UnappliedCashService(ds));
  [{ id: entityId }] = await ds.query(`INSERT INTO legal_entities (code, name) VALUES ('FR01', 'Relance France') RETURNING id`);
  for (const [key, segment, seller, risk] of [['C1', 'smb', 'a@seller.example', 'B'], ['C2', 'key', 'b@seller.example', 'A'], ['C3', 'smb', null, null]]) {
    const [row] = await ds.query(
      `INSERT INTO customers (entity_id, external_id, name, segment, salesperson_email, risk_class) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [entityId, key, `Customer ${key}`, segment, seller, risk],
    );
    customers[key!] = row.id;
  }
  await issue('I7', 'C1', '2025-11-01', '2025-12-01', 1200);
  await issue('I1', 'C1', '2025-12-01', '2025-12-31', 1000);
  await move('I1', 'payment', 1000, '2026-01-20');
  await issue('I2', 'C1', '2026-01-10', '2026-02-09', 2000);
  await move('I2', 'payment', 500, '2026-02-15');
  await move('I2', 'payment', 1500, '2026-04-10');
  await issue('I3', 'C1', '2026-02-01', '2026-03-03', 3000);
  await issue('I4', 'C2', '2026-02-15', '2026-03-17', 1500);
  await move('I4', 'credit_note', 300, '2026-03-20');
  await move('I4', 'payment', 1200, '2026-05-20');
  await issue('I5', 'C2', '2026-03-10', '2026-04-09', 2500);
  await move('I5', 'write_off', 2500, '2026-06-15');
  await issue('I6', 'C2', '2026-03-20', '2026-04-19', 800);
  await move('I6', 'cancellation', 800, '2026-03-25');
  await issue('I8', 'C2', '2026-04-05', '2026-05-05', 4000);
  await move('I8', 'payment', 1000, '2026-05-10');
  await issue('I9', 'C1', '2026-05-01', '2026-06-30', 600);
  await issue('I10', 'C2', '2026-06-20', '2026-07-20', 900);
  await issue('U11', 'C3', '2026-01-15', '2026-02-14', 5000, 'USD');
  await move('U11', 'payment', 2000, '2026-03-01');
  await issue('U12', 'C3', '2026-04-01', '2026-05-01', 700, 'USD');
  await record([{
    documentId: randomUUID(), documentType: 'credit_note', customerId: customers.C3!, entityId, currency: 'USD', issueDate: '2026-03-15',
    dueDate: '2026-03-15', kind: 'credit_note', amountMinor: -money(400), effectiveDate: '2026-03-15', sourceKey: 'credit_note:CN1:unallocated',
  }]);
});

afterAll(async () => {
  await db?.drop();
});

/** No customer has unapplied cash in this portfolio: net = total (the unapplied column is covered in test/e2e/cash-application). */
const buckets = (current: string, b30: string, b60: string, b90: string, b120: string, over: string, total: string) => ({
  current, '1-30': b30, '31-60': b60, '61-90': b90, '91-120': b120, '120+': over, total, unapplied: '0.00', net: total,
});

describe('aged balance of the hand-computed portfolio', () => {
  test('as of 2026-01-31 (read forward from the first movement)', async () => {
    const r = await reports.agedBalance({ asOf: '2026-01-31', currency: 'EUR' }, SYSTEM_PRINCIPAL);
    expect(r.buckets).toEqual(['current', '1-30', '31-60', '61-90', '91-120', '120+']);
    expect(r.total).toEqual(buckets('2000.00', '0.00', '0.00', '1200.00', '0.00', '0.00', '3200.00'));
    expect(r.groups).toEqual([{ key: 'C1', label: 'Customer C1', entity: 'FR01', ...buckets('2000.00', '0.00', '0.00', '1200.00', '0.00', '0.00', '3200.00') }]);
  });

  test('as of 2026-03-31, by customer, segment, risk class; USD apart', async () => {
    const r = await reports.agedBalance({ asOf: '2026-03-31', currency: 'EUR', groupBy: 'customer' }, SYSTEM_PRINCIPAL);
    expect(r.total).toEqual(buckets('2500.00', '4200.00', '1500.00', '0.00', '1200.00', '0.00', '9400.00'));
    expect(r.groups).toEqual([
      { key: 'C1', label: 'Customer C1', entity: 'FR01', ...buckets('0.00', '3000.00', '1500.00', '0.00', '1200.00', '0.00', '5700.00') },
      { key: 'C2', label: 'Customer C2', entity: 'FR01', ...buckets('2500.00', '1200.00', '0.00', '0.00', '0.00', '0.00', '3700.00') },
    ]);
    const bySegment = await reports.agedBalance({ asOf: '2026-03-31', currency: 'EUR', groupBy: 'segment' }, SYSTEM_PRINCIPAL);
    expect(bySegment.groups.map((g) => [g.key, g.total])).toEqual([['smb', '5700.00'], ['key', '3700.00']]);
    const byClass = await reports.agedBalance({ asOf: '2026-03-31', currency: 'EUR', groupBy: 'riskClass' }, SYSTEM_PRINCIPAL);
    expect(byClass.groups.map((g) => [g.key, g.label, g.total])).toEqual([['B', 'Class B', '5700.00'], ['A', 'Class A', '3700.00']]);
    const bySeller = await reports.agedBalance({ asOf: '2026-03-31', currency: 'EUR', groupBy: 'salesperson' }, SYSTEM_PRINCIPAL);
    expect(bySeller.groups.map((g) => [g.key, g.total])).toEqual([['a@seller.example', '5700.00'], ['b@seller.example', '3700.00']]);
    const byEntity = await reports.agedBalance({ asOf: '2026-03-31', currency: 'EUR', groupBy: 'entity' }, SYSTEM_PRINCIPAL);
    expect(byEntity.groups).toEqual([{ key: 'FR01', label: 'Relance France', ...r.total }]);
    const usd = await reports.agedBalance({ asOf: '2026-03-31', currency: 'USD' }, SYSTEM_PRINCIPAL);
    expect(usd.total).toEqual(buckets('0.00', '-400.00', '3000.00', '0.00', '0.00', '0.00', '2600.00'));
    expect(usd.groups).toEqual([{ key: 'C3', label: 'Customer C3', entity: 'FR01', ...buckets('0.00', '-400.00', '3000.00', '0.00', '0.00', '0.00', '2600.00') }]);
  });

  test('groups come a page at a time; total and groupCount cover every group', async () => {
    const all = await reports.agedBalance({ asOf: '2026-03-31', currency: 'EUR' }, SYSTEM_PRINCIPAL);
    expect([all.groupCount, all.limit, all.offset]).toEqual([2, 100, 0]);
    const first = await reports.agedBalance({ asOf: '2026-03-31', currency: 'EUR', limit: 1 }, SYSTEM_PRINCIPAL);
    const second = await reports.agedBalance({ asOf: '2026-03-31', currency: 'EUR', limit: 1, offset: 1 }, SYSTEM_PRINCIPAL);
    const past = await reports.agedBalance({ asOf: '2026-03-31', currency: 'EUR', limit: 1, offset: 2 }, SYSTEM_PRINCIPAL);
    expect([first.groups, second.groups, past.groups]).toEqual([[all.groups[0]], [all.groups[1]], []]);
    for (const page of [first, second, past]) expect([page.total, page.groupCount]).toEqual([all.total, 2]);
    // Today (the kept day) pages the same way; other groupings too.
    const today = await reports.agedBalance({ currency: 'EUR', limit: 1, offset: 1 }, SYSTEM_PRINCIPAL);
    expect([today.groupCount, today.groups.map((g) => g.key)]).toEqual([2, ['C2']]);
    const bySegment = await reports.agedBalance({ asOf: '2026-03-31', currency: 'EUR', groupBy: 'segment', limit: 1, offset: 1 }, SYSTEM_PRINCIPAL);
    expect([bySegment.groupCount, bySegment.groups.map((g) => [g.key, g.total]), bySegment.total]).toEqual([2, [['key', '3700.00']], all.total]);
  });

  test('as of 2026-06-30, basis due and basis issue', async () => {
    const due = await reports.agedBalance({ asOf: '2026-06-30', currency: 'EUR' }, SYSTEM_PRINCIPAL);
    expect(due.total).toEqual(buckets('1500.00', '0.00', '3000.00', '0.00', '3000.00', '1200.00', '8700.00'));
    expect(due.groups.map((g) => [g.key, g.total])).toEqual([['C1', '4800.00'], ['C2', '3900.00']]);
    const byIssue = await reports.agedBalance({ asOf: '2026-06-30', currency: 'EUR', basis: 'issue' }, SYSTEM_PRINCIPAL);
    expect(byIssue.total).toEqual(buckets('1500.00', '0.00', '0.00', '3000.00', '0.00', '4200.00', '8700.00'));
  });

  test('a salesperson sees only the customers they sell to', async () => {
    const r = await reports.agedBalance({ asOf: '2026-03-31', currency: 'EUR' }, salesA);
    expect(r.total.total).toBe('5700.00');
    expect(r.groups.map((g) => g.key)).toEqual(['C1']);
  });
});

describe('KPIs of the hand-computed portfolio', () => {
  test('Q1 2026', async () => {
    expect(await reports.kpis({ from: '2026-01-01', to: '2026-03-31', currency: 'EUR' }, SYSTEM_PRINCIPAL)).toEqual({
      from: '2026-01-01', to: '2026-03-31', days: 90, currency: 'EUR', entity: null,
      creditSales: '8700.00', arBegin: '2200.00', arEnd: '9400.00', arEndCurrent: '2500.00',
      dso: 97.24, bestPossibleDso: 25.86, add: 71.38, countbackDso: 111.7, cei: 17.86, turnover: 1.5, turnoverDays: 60,
      averageDaysToPay: 50, overdueAmount: '6900.00', overdueCount: 4, currentShare: 26.6, over90Share: 12.77, writeOffRatio: 0,
    });
  });

  test('Q2 2026, entity given', async () => {
    expect(await reports.kpis({ from: '2026-04-01', to: '2026-06-30', currency: 'EUR', entity: 'FR01' }, SYSTEM_PRINCIPAL)).toEqual({
      from: '2026-04-01', to: '2026-06-30', days: 91, currency: 'EUR', entity: 'FR01',
      creditSales: '5500.00', arBegin: '9400.00', arEnd: '8700.00', arEndCurrent: '1500.00',
      dso: 143.95, bestPossibleDso: 24.82, add: 119.13, countbackDso: 128.22, cei: 46.27, turnover: 0.61, turnoverDays: 149.74,
      averageDaysToPay: 91.71, overdueAmount: '7200.00', overdueCount: 3, currentShare: 17.24, over90Share: 48.28, writeOffRatio: 45.45,
    });
  });

  test('Q1 2026 in USD: an unallocated credit note lowers credit sales and AR', async () => {
    expect(await reports.kpis({ from: '2026-01-01', to: '2026-03-31', currency: 'USD' }, SYSTEM_PRINCIPAL)).toEqual({
      from: '2026-01-01', to: '2026-03-31', days: 90, currency: 'USD', entity: null,
      creditSales: '4600.00', arBegin: '0.00', arEnd: '2600.00', arEndCurrent: '0.00',
      dso: 50.87, bestPossibleDso: 0, add: 50.87, countbackDso: 77.6, cei: 43.48, turnover: 3.54, turnoverDays: 25.43,
      averageDaysToPay: null, overdueAmount: '2600.00', overdueCount: 1, currentShare: 0, over90Share: 0, writeOffRatio: 0,
    });
  });

  test('an unknown entity or a reversed period is refused', async () => {
    await expect(reports.kpis({ from: '2026-04-01', to: '2026-03-31', currency: 'EUR' }, SYSTEM_PRINCIPAL)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(reports.kpis({ from: '2026-01-01', to: '2026-03-31', currency: 'EUR', entity: 'NOPE' }, SYSTEM_PRINCIPAL)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});

describe('past balances are stable', () => {
  test('a payment received today does not change the balance as of a past date; a retry records nothing', async () => {
    const before = await reports.agedBalance({ asOf: '2026-05-15', currency: 'EUR' }, SYSTEM_PRINCIPAL);
    const q2Before = await reports.kpis({ from: '2026-04-01', to: '2026-06-30', currency: 'EUR' }, SYSTEM_PRINCIPAL);
    expect(await move('I3', 'payment', 1000, '2026-07-02', 'payment:late')).toBe(1);
    expect(await move('I3', 'payment', 1000, '2026-07-02', 'payment:late')).toBe(0);
    expect(await reports.agedBalance({ asOf: '2026-05-15', currency: 'EUR' }, SYSTEM_PRINCIPAL)).toEqual(before);
    expect(await reports.kpis({ from: '2026-04-01', to: '2026-06-30', currency: 'EUR' }, SYSTEM_PRINCIPAL)).toEqual(q2Before);
    // Today's balance has it: I3 drops from 3000 to 2000 (8700 − 1000).
    const today = await reports.agedBalance({ currency: 'EUR' }, SYSTEM_PRINCIPAL);
    expect(today.asOf).toBe('2026-07-02');
    expect(today.total.total).toBe('7700.00');
  });

  test('moving an invoice to a new due date keeps the old date for earlier reports', async () => {
    const before = await reports.agedBalance({ asOf: '2026-06-30', currency: 'EUR' }, SYSTEM_PRINCIPAL);
    const i = invoices.I10!;
    await ds.transaction((m) => ledger.redate(m, {
      id: i.id, customerId: customers.C2!, entityId, currency: 'EUR', issueDate: i.issue, dueDate: '2026-06-25',
    }, '2026-07-02', 'redate:I10'));
    expect(await reports.agedBalance({ asOf: '2026-06-30', currency: 'EUR' }, SYSTEM_PRINCIPAL)).toEqual(before);
    // On 2026-07-02 the 900 of I10 is 7 days past its new due date, with I9's 600 (2 days): nothing is current.
    const today = await reports.agedBalance({ currency: 'EUR' }, SYSTEM_PRINCIPAL);
    expect(today.total).toMatchObject({ current: '0.00', '1-30': '1500.00', total: '7700.00' });
  });
});

describe("today's aged balance, kept per customer", () => {
  test('follows each movement recorded after it was materialized, and equals the balance summed from the ledger', async () => {
    const queries = new LedgerQueries(ds, new FixedClock());
    const kept = await queries.agedByCustomerToday({ currency: 'EUR' }, '2026-07-02');
    expect(kept).toEqual(await queries.agedByCustomer({ currency: 'EUR' }, '2026-07-02', 'due', '2026-07-03'));
    await move('I8', 'write_off', 500, '2026-07-02', 'write-off:today');
    await move('I9', 'payment', 100, '2026-07-03', 'payment:tomorrow'); // effective tomorrow: not in today's balance
    const after = await reports.agedBalance({ currency: 'EUR' }, SYSTEM_PRINCIPAL);
    // 7700 − 500 (I8, 58 days past due → 31-60); I9's payment dated tomorrow does not count today.
    expect(after.total).toMatchObject({ '31-60': '2500.00', total: '7200.00' });
    const computed = await queries.agedByCustomer({ currency: 'EUR' }, '2026-07-02', 'due', '2026-07-03');
    expect(await queries.agedByCustomerToday({ currency: 'EUR' }, '2026-07-02')).toEqual(computed);
  });
});

describe('KPI trend', () => {
  test('months without a snapshot are rebuilt from the ledger and kept; the month-end step fills the rest', async () => {
    const trend = await reports.trend({ currency: 'EUR', months: 3 }, SYSTEM_PRINCIPAL);
    expect(trend.months.map((m) => [m.month, m.origin])).toEqual([['2026-04', 'rebuilt'], ['2026-05', 'rebuilt'], ['2026-06', 'rebuilt']]);
    const june = trend.months[2] as unknown as Record<string, unknown>;
    // June: invoices 900, AR from 8700+900 (05-31: I3 3000, I7 1200, I8 3000, I9 600, I5 2500 → 10300) to 8700.
    expect(june).toMatchObject({ from: '2026-06-01', to: '2026-06-30', creditSales: '900.00', arBegin: '10300.00', arEnd: '8700.00', writeOffRatio: 277.78 });
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM kpi_month_snapshots WHERE currency = 'EUR'`);
    expect(n).toBe(3);
    // The schedule's step: every month of the ledger since 2025-11, the three kept ones untouched.
    const { taken } = await reports.takeMonthEndSnapshots();
    // EUR 2025-11 … 2026-03 (5; April–June kept) and USD 2026-01 … 2026-06 (6, June being the month just ended).
    expect(taken).toBe(11);
    const origins = await ds.query(`SELECT currency, to_char(month, 'YYYY-MM') AS month, origin FROM kpi_month_snapshots WHERE month = '2026-06-01' ORDER BY currency`);
    expect(origins).toEqual([{ currency: 'EUR', month: '2026-06', origin: 'rebuilt' }, { currency: 'USD', month: '2026-06', origin: 'schedule' }]);
    expect((await reports.takeMonthEndSnapshots()).taken).toBe(0);
  });
});
