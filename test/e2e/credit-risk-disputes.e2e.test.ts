/**
 * Open disputes in the order check and the risk view, as the disputes
 * capability reports them (DisputeFiguresService over its own table)
 * on a real, migrated database. When they cannot be read the check fails
 * with DEPENDENCY_UNAVAILABLE instead of answering without them.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config/app-config.js';
import { ConfigModule } from '../../src/config/config.module.js';
import { CustomerRiskService } from '../../src/credit/customer-risk.service.js';
import { OrderCheckService } from '../../src/credit/order-check.service.js';
import { CreditModule } from '../../src/credit/credit.module.js';
import { DependencyUnavailableError } from '../../src/common/errors.js';
import { DatabaseModule } from '../../src/database/database.module.js';
import { DisputeFiguresService } from '../../src/disputes/dispute-figures.service.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { isoDateDaysFromToday, uniqueId } from '../support/platform.js';

describe('open disputes in the order check', () => {
  let db: TestDatabase;
  let context: INestApplicationContext;
  let dataSource: DataSource;
  let orders: OrderCheckService;
  let risk: CustomerRiskService;
  let port: DisputeFiguresService;

  beforeAll(async () => {
    db = await createTestDatabase();
    const config = loadConfig({ DATABASE_URL: db.url, LOG_LEVEL: 'error' });
    @Module({ imports: [ConfigModule.forRoot(config), DatabaseModule.forRoot(db.url), CreditModule] })
    class DisputesTestModule {}
    context = await NestFactory.createApplicationContext(DisputesTestModule, { logger: false });
    dataSource = context.get<DataSource>(getDataSourceToken());
    port = context.get(DisputeFiguresService);
    orders = context.get(OrderCheckService);
    risk = context.get(CustomerRiskService);
  });
  afterAll(async () => {
    await context?.close();
    await db?.drop();
  });

  async function customerWithInvoices(openMinor: bigint[]): Promise<{ id: string; externalId: string; invoiceIds: string[] }> {
    const externalId = uniqueId('C');
    const [{ id: entityId }] = (await dataSource.query(`SELECT id FROM legal_entities WHERE code = 'default'`)) as { id: string }[];
    const [{ id }] = (await dataSource.query(
      `INSERT INTO customers (entity_id, external_id, name) VALUES ($1, $2, 'Acme SARL') RETURNING id`, [entityId, externalId],
    )) as { id: string }[];
    const invoiceIds: string[] = [];
    for (const amount of openMinor) {
      const invoiceExternalId = uniqueId('INV');
      const [row] = (await dataSource.query(
        `INSERT INTO invoices (entity_id, customer_id, external_id, number, issue_date, due_date, currency, amount_minor,
                               open_amount_minor, status, workflow_id, version)
         VALUES ($1, $2, $3, $3, $4, $5, 'EUR', $6, $6, 'open', $7, 1) RETURNING id`,
        [entityId, id, invoiceExternalId, isoDateDaysFromToday(-5), isoDateDaysFromToday(25), amount.toString(), `wf-${invoiceExternalId}`],
      )) as { id: string }[];
      invoiceIds.push(row!.id);
    }
    return { id, externalId, invoiceIds };
  }
  const dispute = (customerId: string, status: string, currency: string, amountMinor: bigint, invoiceId: string) => dataSource.query(
    `INSERT INTO disputes (entity_id, customer_id, reason_code, type, comment, currency, amount_minor, invoices, status,
                           opened_by_name, snapshot, workflow_id)
     SELECT entity_id, id, 'price', 'dispute', 'test', $3, $4, $5::jsonb, $2, 'test', '{}'::jsonb, gen_random_uuid()::text
       FROM customers WHERE id = $1`,
    [customerId, status, currency, amountMinor.toString(), JSON.stringify([{ invoiceId, amountMinor: amountMinor.toString() }])],
  );

  test('figures: open statuses in the currency are summed and counted; every disputed invoice is listed', async () => {
    const c = await customerWithInvoices([2_000_000n, 300_000n, 100_000n]);
    await dispute(c.id, 'open', 'EUR', 1_200_000n, c.invoiceIds[0]!);
    await dispute(c.id, 'info_requested', 'EUR', 50_000n, c.invoiceIds[1]!);
    await dispute(c.id, 'rejected', 'EUR', 100_000n, c.invoiceIds[2]!);
    await dispute(c.id, 'in_review', 'USD', 70_000n, c.invoiceIds[2]!);
    const figures = (await port.figures([c.id], 'EUR')).get(c.id)!;
    expect(figures.openAmountMinor).toBe(1_250_000n);
    expect(figures.openCount).toBe(3);
    expect([...figures.disputedInvoiceIds].sort()).toEqual([...c.invoiceIds].sort());
    expect((await port.figures([c.id], null)).get(c.id)!.openAmountMinor).toBe(1_320_000n);
  });

  test('an open dispute above the policy threshold asks for prepayment; once rejected the order is allowed', async () => {
    const c = await customerWithInvoices([2_000_000n]);
    expect((await orders.orderCheck(undefined, c.externalId, { amount: '100.00', currency: 'EUR' })).decision).toBe('allow');
    await dispute(c.id, 'open', 'EUR', 1_500_000n, c.invoiceIds[0]!);

    const checked = await orders.orderCheck(undefined, c.externalId, { amount: '100.00', currency: 'EUR' });
    expect(checked.decision).toBe('prepayment');
    expect(checked.reasons.map((r) => r.code).sort()).toEqual(['DISPUTES_AMOUNT', 'DISPUTES_SHARE']);
    expect((await risk.risk(undefined, c.externalId)).openDisputes).toEqual({ amount: '15000.00', count: 1 });

    await dataSource.query(`UPDATE disputes SET status = 'rejected' WHERE customer_id = $1`, [c.id]);
    expect((await orders.orderCheck(undefined, c.externalId, { amount: '100.00', currency: 'EUR' })).decision).toBe('allow');
  });

  test('disputes that cannot be read fail the order check and the risk view (503), never count as none', async () => {
    const c = await customerWithInvoices([2_000_000n]);
    await dispute(c.id, 'open', 'EUR', 1_500_000n, c.invoiceIds[0]!);
    expect((await orders.orderCheck(undefined, c.externalId, { amount: '100.00', currency: 'EUR' })).decision).toBe('prepayment');

    // The disputes capability's table goes missing (a hiccup, a botched migration): no read, no answer.
    await dataSource.query(`ALTER TABLE disputes RENAME TO disputes_away`);
    try {
      const failed = orders.orderCheck(undefined, c.externalId, { amount: '100.00', currency: 'EUR' });
      await expect(failed).rejects.toBeInstanceOf(DependencyUnavailableError);
      await expect(failed).rejects.toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE', httpStatus: 503 });
      await expect(risk.risk(undefined, c.externalId)).rejects.toBeInstanceOf(DependencyUnavailableError);
    } finally {
      await dataSource.query(`ALTER TABLE disputes_away RENAME TO disputes`);
    }
    expect((await orders.orderCheck(undefined, c.externalId, { amount: '100.00', currency: 'EUR' })).decision).toBe('prepayment');
  });
});
