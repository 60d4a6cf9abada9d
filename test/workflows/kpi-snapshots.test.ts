/**
 * The month-end KPI snapshot workflow on the time-skipping server with the
 * real worker and PostgreSQL: on its first run it rebuilds every past month of
 * the ledger; the month just ended is marked as taken by the schedule; a
 * second run writes nothing. The schedule itself needs the dev server (see
 * kpi-snapshots-schedule.test.ts).
 */
import { randomUUID } from 'node:crypto';
import { expect, test } from '@jest/globals';
import { Client } from '@temporalio/client';
import { Clock } from '../../src/clock/clock.js';
import { LedgerService } from '../../src/ledger/ledger.service.js';
import { LegalEntitiesService } from '../../src/organization/legal-entities.service.js';
import { LegalEntity } from '../../src/organization/legal-entity.entity.js';
import { ensureKpiSnapshotsSchedule } from '../../src/reports/kpi-snapshots.schedule.js';
import { addDays } from '../../src/reports/kpi-formulas.js';
import type { kpiSnapshotsWorkflow } from '../../workflows/kpi-snapshots.workflow.js';
import { dateInZone } from '../../workflows/domain/calendar.js';
import { uniqueId } from '../support/platform.js';
import { useTimeSkippingWorker } from '../support/worker-harness.js';

const w = useTimeSkippingWorker('relance-kpi-snapshots');

/** The first day of the month `back` months before `date`'s. */
function monthStart(date: string, back: number): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 - back, 1)).toISOString().slice(0, 10);
}

test('first run rebuilds every past month from the ledger; the next run finds nothing to do', async () => {
  const { env, db, taskQueue } = w;
  const ds = db.dataSource;
  const nowMs = await env.currentTimeMs();
  const today = dateInZone(nowMs, 'Europe/Paris');
  const clock = new (class extends Clock { nowMs() { return nowMs; } })();
  const ledger = new LedgerService(clock, new LegalEntitiesService(ds.getRepository(LegalEntity)));
  const [{ id: entityId }] = await ds.query(`INSERT INTO legal_entities (code, name) VALUES ('KPI', 'KPI') RETURNING id`);
  const [{ id: customerId }] = await ds.query(`INSERT INTO customers (entity_id, external_id, name) VALUES ($1, 'C', 'C') RETURNING id`, [entityId]);
  // 1000 EUR issued on the first day three months back, 400 paid on the 15th of the next month.
  const issued = monthStart(today, 3);
  const invoice = { id: randomUUID(), customerId, entityId, currency: 'EUR', issueDate: issued, dueDate: addDays(issued, 30) };
  await ds.transaction((m) => ledger.record(m, [
    ledger.invoiceIssued(invoice, 100_000n),
    ledger.invoiceMovement(invoice, { kind: 'payment', amountMinor: -40_000n, date: addDays(monthStart(today, 2), 14), sourceKey: 'p1' }),
  ]));

  const client = new Client({ connection: env.connection });
  const run = () => client.workflow.execute<typeof kpiSnapshotsWorkflow>('kpiSnapshotsWorkflow', { taskQueue, workflowId: uniqueId('kpi-snapshots') });
  expect(await run()).toEqual({ taken: 3 });
  const rows: { month: string; origin: string; kpis: Record<string, unknown> }[] = await ds.query(
    `SELECT to_char(month, 'YYYY-MM-DD') AS month, origin, kpis FROM kpi_month_snapshots WHERE currency = 'EUR' ORDER BY month`,
  );
  expect(rows.map((r) => [r.month, r.origin])).toEqual([
    [monthStart(today, 3), 'rebuilt'], [monthStart(today, 2), 'rebuilt'], [monthStart(today, 1), 'schedule'],
  ]);
  expect(rows[0]!.kpis).toMatchObject({ creditSales: '1000.00', arBegin: '0.00', arEnd: '1000.00' });
  expect(rows[1]!.kpis).toMatchObject({ creditSales: '0.00', arBegin: '1000.00', arEnd: '600.00', dso: null });
  expect(await run()).toEqual({ taken: 0 });
});

test('a server without schedules (time-skipping) is reported, not fatal', async () => {
  expect(await ensureKpiSnapshotsSchedule(w.env.client, w.taskQueue)).toBe('unavailable');
});
