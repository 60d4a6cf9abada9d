/**
 * The nightly rescoring workflow on the time-skipping server with the real
 * worker and PostgreSQL: it pages through the whole portfolio (several
 * heartbeating activity calls), gives every customer a class with reasons,
 * copies it to the customer and catches exposure levels no event re-checked. The schedule itself needs the dev server (see
 * credit-rescoring-schedule.test.ts): here the time-skipping server has none
 * and the worker still starts.
 */
import { expect, test } from '@jest/globals';
import { Client } from '@temporalio/client';
import { seedCreditPortfolio } from '../../bench/credit-portfolio.js';
import { ensureCreditRescoringSchedule } from '../../src/credit/credit-rescoring.schedule.js';
import type { creditRescoringWorkflow } from '../../workflows/credit-rescoring.workflow.js';
import { dateInZone } from '../../workflows/domain/calendar.js';
import { uniqueId } from '../support/platform.js';
import { useTimeSkippingWorker } from '../support/worker-harness.js';

const w = useTimeSkippingWorker('relance-credit-rescoring');

test('the rescoring workflow pages through every customer: each gets a class with reasons, copied to the customer', async () => {
  const { env, db, taskQueue } = w;
  const prefix = uniqueId('P');
  await seedCreditPortfolio(db.dataSource, { prefix, customers: 23, invoicesPerCustomer: 8, today: dateInZone(await env.currentTimeMs(), 'Europe/Paris') });
  // A plain client: the time-skipping client's execute() unlocks skipping while it waits, and the server may then leap
  // to a finished activity's timeout (years), so the second run would score from another "today" than the first.
  const client = new Client({ connection: env.connection });
  const result = await client.workflow.execute<typeof creditRescoringWorkflow>('creditRescoringWorkflow', {
    taskQueue, workflowId: uniqueId('credit-rescoring'), args: [{ pageSize: 5, pagesPerActivity: 2 }],
  });
  expect(result).toEqual({ scored: 23, written: 23, degraded: 0 });
  const rows = (await db.dataSource.query(
    `SELECT c.risk_class AS "riskClass", s.class, s.reasons, s.figures FROM customers c
       JOIN LATERAL (SELECT * FROM customer_scores WHERE customer_id = c.id ORDER BY seq DESC LIMIT 1) s ON true
      WHERE c.external_id LIKE $1`, [`${prefix}-%`],
  )) as { riskClass: string; class: string; reasons: { code: string }[]; figures: { averageDaysLate: { days: string } | null } }[];
  expect(rows).toHaveLength(23);
  for (const r of rows) {
    expect(r.riskClass).toBe(r.class);
    expect(r.reasons.map((x) => x.code)).toContain('AVERAGE_DAYS_LATE');
    expect(r.figures.averageDaysLate).not.toBeNull();
  }
  // The seeded delays (0 to 45 days) spread customers over several classes.
  expect(new Set(rows.map((r) => r.class)).size).toBeGreaterThan(2);

  // A limit lowered behind every event's back (as an approved request or a temporary limit's end does) …
  await db.dataSource.query(
    `INSERT INTO customer_credit_limits (customer_id, amount_minor, currency, kind)
     SELECT id, 100, 'EUR', 'permanent' FROM customers WHERE external_id = $1`, [`${prefix}-1`],
  );
  // Nothing changed in the histories: a second run scores everyone again but writes no new history row.
  const again = await client.workflow.execute<typeof creditRescoringWorkflow>('creditRescoringWorkflow', {
    taskQueue, workflowId: uniqueId('credit-rescoring'), args: [{ pageSize: 50 }],
  });
  expect(again).toEqual({ scored: 23, written: 0, degraded: 0 });
  // … is caught by the nightly run: one over-limit alert, for that customer only.
  const alerts = (await db.dataSource.query(
    `SELECT c.external_id AS "externalId", t.data FROM collector_tasks t JOIN customers c ON c.id = t.customer_id
      WHERE t.kind = 'credit_alert' AND c.external_id LIKE $1`, [`${prefix}-%`],
  )) as { externalId: string; data: { level: string; limit: string } }[];
  expect(alerts).toEqual([{ externalId: `${prefix}-1`, data: expect.objectContaining({ level: 'over_limit', limit: '1.00' }) }]);
});

test('a server without schedules (time-skipping) is reported, not fatal', async () => {
  const { env, taskQueue } = w;
  expect(await ensureCreditRescoringSchedule(env.client, taskQueue)).toBe('unavailable');
});
