/**
 * The credit capability's interface for other capabilities, over a real
 * migrated PostgreSQL database: CreditProfileService (a customer's limit;
 * setting one inside the caller's transaction re-evaluates the exposure alert
 * once it commits, never if it rolls back; the credit-limit ledger's changes
 * too) and CreditPolicyService's
 * approval and order-check policies per entity.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DEFAULT_APPROVAL_POLICY } from '../../workflows/domain/credit-approval-policy.js';
import { DEFAULT_CREDIT_POLICY } from '../../src/credit/order-check.js';
import { loadConfig } from '../../src/config/app-config.js';
import { ConfigModule } from '../../src/config/config.module.js';
import { CreditModule, CreditPolicyService, CreditProfileService } from '../../src/credit/credit.module.js';
import { ExposureAlertsService } from '../../src/credit/exposure-alerts.service.js';
import { CreditLimitHistory } from '../../src/credit-limit-requests/credit-limit-history.js';
import { HistoryCreditLimitLedger } from '../../src/credit-limit-requests/history-credit-limit-ledger.js';
import { CustomerDirectory } from '../../src/customers/customer-directory.js';
import { DatabaseModule } from '../../src/database/database.module.js';
import { policyToWire, DEFAULT_ENTITY_CREDIT_POLICY } from '../../src/credit/credit-policy.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { eventually, isoDateDaysFromToday, uniqueId } from '../support/platform.js';

describe('credit profile and policy services', () => {
  let db: TestDatabase;
  let context: INestApplicationContext;
  let dataSource: DataSource;
  let profiles: CreditProfileService;
  let policies: CreditPolicyService;

  beforeAll(async () => {
    db = await createTestDatabase();
    const config = loadConfig({ DATABASE_URL: db.url, LOG_LEVEL: 'error' });
    @Module({ imports: [ConfigModule.forRoot(config), DatabaseModule.forRoot(db.url), CreditModule] })
    class ProfileTestModule {}
    context = await NestFactory.createApplicationContext(ProfileTestModule, { logger: false });
    dataSource = context.get<DataSource>(getDataSourceToken());
    profiles = context.get(CreditProfileService);
    policies = context.get(CreditPolicyService);
  });
  afterAll(async () => {
    await context?.close();
    await db?.drop();
  });

  /** A customer of the default entity with one open invoice of `openMinor` EUR cents. */
  async function customerWithReceivables(openMinor: bigint): Promise<string> {
    const externalId = uniqueId('C');
    const [{ id: entityId }] = (await dataSource.query(`SELECT id FROM legal_entities WHERE code = 'default'`)) as { id: string }[];
    const [{ id }] = (await dataSource.query(
      `INSERT INTO customers (entity_id, external_id, name) VALUES ($1, $2, 'Acme SARL') RETURNING id`, [entityId, externalId],
    )) as { id: string }[];
    const invoiceId = uniqueId('INV');
    await dataSource.query(
      `INSERT INTO invoices (entity_id, customer_id, external_id, number, issue_date, due_date, currency, amount_minor,
                             open_amount_minor, status, workflow_id, version)
       VALUES ($1, $2, $3, $3, $4, $5, 'EUR', $6, $6, 'open', $7, 1)`,
      [entityId, id, invoiceId, isoDateDaysFromToday(-5), isoDateDaysFromToday(25), openMinor.toString(), `wf-${invoiceId}`],
    );
    return id;
  }
  const alertLevel = async (customerId: string) => ((await dataSource.query(
    `SELECT level FROM customer_exposure_alerts WHERE customer_id = $1`, [customerId],
  )) as { level: string }[])[0]?.level ?? 'none';
  const alertTasks = async (customerId: string) => ((await dataSource.query(
    `SELECT idempotency_key AS key FROM collector_tasks WHERE customer_id = $1 AND kind = 'credit_alert' ORDER BY created_at`, [customerId],
  )) as { key: string }[]).map((r) => r.key);
  const limitRows = async (customerId: string) => (await dataSource.query(
    `SELECT amount_minor::text AS amount, kind, request_id AS "requestId", previous_amount_minor::text AS previous
       FROM customer_credit_limits WHERE customer_id = $1 ORDER BY seq`, [customerId],
  )) as { amount: string; kind: string; requestId: string | null; previous: string | null }[];

  test('a limit set inside a transaction alerts once that transaction commits, not before', async () => {
    const customerId = await customerWithReceivables(100_000n);
    expect(await profiles.currentLimit(customerId)).toBeNull();

    const first = await dataSource.transaction((m) => profiles.setLimit(m, customerId, { amountMinor: 500_000n, currency: 'EUR', source: 'erp' }));
    expect(first.previous).toBeNull();
    expect(await profiles.currentLimit(customerId)).toEqual({ amountMinor: 500_000n, currency: 'EUR' });
    expect(await alertLevel(customerId)).toBe('none'); // 1 000 of 5 000: under the 80 % share

    const requestId = '7b0c8f52-5a3e-4d7e-9a51-2f4a3c1d9e10';
    let levelBeforeCommit = '';
    const second = await dataSource.transaction(async (m) => {
      const result = await profiles.setLimit(m, customerId, { amountMinor: 50_000n, currency: 'EUR', source: `credit-limit-request:${requestId}` });
      levelBeforeCommit = await alertLevel(customerId);
      return result;
    });
    expect(levelBeforeCommit).toBe('none');
    expect(second.previous).toEqual({ amountMinor: 500_000n, currency: 'EUR' });
    expect(await alertLevel(customerId)).toBe('over_limit');
    expect(await alertTasks(customerId)).toEqual([`credit_alert:${customerId}:1:over_limit`]);
    expect(await limitRows(customerId)).toEqual([
      { amount: '500000', kind: 'manual', requestId: null, previous: null },
      { amount: '50000', kind: 'permanent', requestId, previous: '500000' },
    ]);

    // Back under the limit re-arms; nothing new is raised on the way down.
    await profiles.setLimit(dataSource.manager, customerId, { amountMinor: 1_000_000n, currency: 'EUR', source: 'erp' });
    expect(await alertLevel(customerId)).toBe('none');
    expect(await alertTasks(customerId)).toHaveLength(1);
  });

  test('a crossing whose alert task cannot be written is not recorded: the next evaluation raises it', async () => {
    const customerId = await customerWithReceivables(100_000n);
    // The first credit-alert task insert fails (a crash between the two writes); a sequence survives the rollback.
    await dataSource.query(`CREATE SEQUENCE credit_alert_attempts`);
    await dataSource.query(`
      CREATE FUNCTION fail_first_credit_alert() RETURNS trigger AS $$
      BEGIN
        IF NEW.kind = 'credit_alert' AND nextval('credit_alert_attempts') = 1 THEN RAISE EXCEPTION 'simulated crash'; END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`);
    await dataSource.query(`CREATE TRIGGER fail_first_credit_alert BEFORE INSERT ON collector_tasks FOR EACH ROW EXECUTE FUNCTION fail_first_credit_alert()`);
    try {
      // Setting the limit evaluates the exposure once committed: that evaluation meets the failure.
      await dataSource.transaction((m) => profiles.setLimit(m, customerId, { amountMinor: 90_000n, currency: 'EUR', source: 'test' }));
      await eventually(async () => ((await dataSource.query(`SELECT is_called FROM credit_alert_attempts`)) as { is_called: boolean }[])[0]!.is_called);
      expect(await alertLevel(customerId)).toBe('none');
      expect(await alertTasks(customerId)).toEqual([]);
      expect(await context.get(ExposureAlertsService).evaluateExposure(customerId)).toEqual({ level: 'over_limit', raised: true });
      expect(await alertLevel(customerId)).toBe('over_limit');
      expect(await alertTasks(customerId)).toEqual([`credit_alert:${customerId}:1:over_limit`]);
    } finally {
      await dataSource.query('DROP TRIGGER fail_first_credit_alert ON collector_tasks');
      await dataSource.query('DROP FUNCTION fail_first_credit_alert()');
      await dataSource.query('DROP SEQUENCE credit_alert_attempts');
    }
  });

  test('a transaction that rolls back leaves neither the limit nor an alert', async () => {
    const customerId = await customerWithReceivables(100_000n);
    await profiles.setLimit(dataSource.manager, customerId, { amountMinor: 1_000_000n, currency: 'EUR', source: 'erp' });
    await expect(dataSource.transaction(async (m) => {
      await profiles.setLimit(m, customerId, { amountMinor: 10_000n, currency: 'EUR', source: 'erp' });
      throw new Error('the caller fails after setting the limit');
    })).rejects.toThrow('the caller fails');
    expect(await profiles.currentLimit(customerId)).toEqual({ amountMinor: 1_000_000n, currency: 'EUR' });
    expect(await alertLevel(customerId)).toBe('none');
    expect(await alertTasks(customerId)).toEqual([]);

    // The next committed change is evaluated as usual (warning: 1 000 ≥ 80 % of 1 200).
    await dataSource.transaction((m) => profiles.setLimit(m, customerId, { amountMinor: 120_000n, currency: 'EUR', source: 'erp' }));
    expect(await alertTasks(customerId)).toEqual([`credit_alert:${customerId}:1:warning`]);
  });

  test('a limit changed by a credit-limit request (the ledger) alerts once its transaction commits; a revert to no limit re-arms', async () => {
    const customerId = await customerWithReceivables(300_000n);
    const ledger = new HistoryCreditLimitLedger(policies, profiles, context.get(CustomerDirectory), context.get(CreditLimitHistory));
    const requestId = '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0';
    await dataSource.transaction((m) => ledger.setLimit(m, customerId, {
      amountMinor: 350_000n, currency: 'EUR', requestId, kind: 'temporary', validUntil: isoDateDaysFromToday(10),
    }));
    expect(await alertLevel(customerId)).toBe('warning'); // 3 000 ≥ 80 % of 3 500
    expect(await alertTasks(customerId)).toEqual([`credit_alert:${customerId}:1:warning`]);

    await dataSource.transaction((m) => ledger.setLimit(m, customerId, {
      amountMinor: null, currency: 'EUR', requestId, kind: 'revert', validUntil: null,
    }));
    expect(await profiles.currentLimit(customerId)).toBeNull();
    expect(await alertLevel(customerId)).toBe('none');
    expect(await alertTasks(customerId)).toHaveLength(1);
  });

  test('approval and order-check policies: built-in defaults, then the stored policy of the entity', async () => {
    const [{ id: entityId }] = (await dataSource.query(`SELECT id FROM legal_entities WHERE code = 'default'`)) as { id: string }[];
    expect(await policies.approvalPolicyFor(entityId)).toEqual(DEFAULT_APPROVAL_POLICY);
    expect(await policies.orderCheckPolicyFor(entityId)).toEqual(DEFAULT_CREDIT_POLICY);

    const wire = policyToWire(DEFAULT_ENTITY_CREDIT_POLICY);
    await policies.put(entityId, {
      ...wire,
      orderCheck: { ...wire.orderCheck, overdueDaysBlock: 45 },
      approval: { ...wire.approval, bands: [{ upTo: null, approvers: ['credit_manager'] }] },
    });
    expect(await policies.orderCheckPolicyFor(entityId)).toEqual({ ...DEFAULT_CREDIT_POLICY, overdueDaysBlock: 45 });
    expect(await policies.approvalPolicyFor(entityId)).toEqual({
      ...DEFAULT_APPROVAL_POLICY, bands: [{ upToMinor: null, approvers: ['credit_manager'] }],
    });
  });
});
