/**
 * Open disputes in the order check and the risk view, read from the disputes
 * capability's table (SqlCustomerDisputes) over a real database. The table is
 * created in a scratch schema of the test database so the test does not
 * depend on the disputes migration; a missing or differently shaped table
 * counts as no disputes.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config/app-config.js';
import { ConfigModule } from '../../src/config/config.module.js';
import { CreditPolicyService } from '../../src/credit/credit-policy.service.js';
import { CreditRiskService } from '../../src/credit/credit-risk.service.js';
import { CreditModule } from '../../src/credit/credit.module.js';
import { SqlCustomerDisputes } from '../../src/credit/sql-customer-disputes.js';
import { DatabaseModule } from '../../src/database/database.module.js';
import { InternalMailService } from '../../src/messages/internal-mail.service.js';
import { LegalEntitiesService } from '../../src/organization/legal-entities.service.js';
import { UsersService } from '../../src/users/users.service.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { isoDateDaysFromToday, uniqueId } from '../support/platform.js';

describe('open disputes in the order check', () => {
  let db: TestDatabase;
  let context: INestApplicationContext;
  let dataSource: DataSource;
  let risk: CreditRiskService;
  let port: SqlCustomerDisputes;
  const TABLE = 'scratch_disputes.disputes';

  beforeAll(async () => {
    db = await createTestDatabase();
    const config = loadConfig({ DATABASE_URL: db.url, LOG_LEVEL: 'error' });
    @Module({ imports: [ConfigModule.forRoot(config), DatabaseModule.forRoot(db.url), CreditModule] })
    class DisputesTestModule {}
    context = await NestFactory.createApplicationContext(DisputesTestModule, { logger: false });
    dataSource = context.get<DataSource>(getDataSourceToken());
    await dataSource.query(`CREATE SCHEMA scratch_disputes`);
    await dataSource.query(
      `CREATE TABLE ${TABLE} (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), customer_id uuid NOT NULL, status varchar(16) NOT NULL,
                              currency char(3) NOT NULL, amount_minor bigint NOT NULL, invoices jsonb NOT NULL)`,
    );
    port = new SqlCustomerDisputes(dataSource, TABLE);
    risk = new CreditRiskService(
      dataSource, context.get(CreditPolicyService), context.get(LegalEntitiesService), context.get(InternalMailService),
      context.get(UsersService), port,
    );
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
    `INSERT INTO ${TABLE} (customer_id, status, currency, amount_minor, invoices) VALUES ($1, $2, $3, $4, $5::jsonb)`,
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
    expect((await risk.orderCheck(undefined, c.externalId, { amount: '100.00', currency: 'EUR' })).decision).toBe('allow');
    await dispute(c.id, 'open', 'EUR', 1_500_000n, c.invoiceIds[0]!);

    const checked = await risk.orderCheck(undefined, c.externalId, { amount: '100.00', currency: 'EUR' });
    expect(checked.decision).toBe('prepayment');
    expect(checked.reasons.map((r) => r.code).sort()).toEqual(['DISPUTES_AMOUNT', 'DISPUTES_SHARE']);
    expect((await risk.risk(undefined, c.externalId)).openDisputes).toEqual({ amount: '15000.00', count: 1 });

    await dataSource.query(`UPDATE ${TABLE} SET status = 'rejected' WHERE customer_id = $1`, [c.id]);
    expect((await risk.orderCheck(undefined, c.externalId, { amount: '100.00', currency: 'EUR' })).decision).toBe('allow');
  });

  test('no table, or another shape: no disputes, no error', async () => {
    const c = await customerWithInvoices([100_000n]);
    expect(await new SqlCustomerDisputes(dataSource, 'scratch_disputes.missing').figures([c.id], 'EUR')).toEqual(new Map());
    await dataSource.query(`CREATE TABLE scratch_disputes.other (customer_id uuid NOT NULL)`);
    await dataSource.query(`INSERT INTO scratch_disputes.other (customer_id) VALUES ($1)`, [c.id]);
    expect(await new SqlCustomerDisputes(dataSource, 'scratch_disputes.other').figures([c.id], 'EUR')).toEqual(new Map());
  });
});
