/**
 * The month-end KPI snapshot schedule on the suite's dev server (the
 * time-skipping server has no schedules): registered once per task queue,
 * 00:30 Paris time on the 1st, starting kpiSnapshotsWorkflow; registering again is a no-op.
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { Client, Connection } from '@temporalio/client';
import { ensureKpiSnapshotsSchedule } from '../../src/reports/kpi-snapshots.schedule.js';
import { kpiSnapshotsScheduleId } from '../../workflows/reports.definitions.js';
import { uniqueId } from '../support/platform.js';
import { suiteState } from '../support/suite-state.js';

let connection: Connection;
let client: Client;
const taskQueue = uniqueId('relance-kpi-schedule');

beforeAll(async () => {
  connection = await Connection.connect({ address: suiteState().temporalAddress });
  client = new Client({ connection });
});
afterAll(async () => {
  await client.schedule.getHandle(kpiSnapshotsScheduleId(taskQueue)).delete().catch(() => undefined);
  await connection?.close();
});

test('registered idempotently at 00:30 Paris time on the 1st, and triggered once when created', async () => {
  expect(await ensureKpiSnapshotsSchedule(client, taskQueue)).toBe('created');
  expect(await ensureKpiSnapshotsSchedule(client, taskQueue)).toBe('exists');
  const description = await client.schedule.getHandle(kpiSnapshotsScheduleId(taskQueue)).describe();
  expect(description.action).toMatchObject({ type: 'startWorkflow', workflowType: 'kpiSnapshotsWorkflow', taskQueue });
  expect(description.spec.timezone).toBe('Europe/Paris');
  expect(description.spec.calendars?.[0]).toMatchObject({
    dayOfMonth: [{ start: 1, end: 1, step: 1 }], hour: [{ start: 0, end: 0, step: 1 }], minute: [{ start: 30, end: 30, step: 1 }],
  });
  expect(description.policies.overlap).toBe('SKIP');
  // The trigger on creation started one run (the first run rebuilds the past from the ledger).
  expect(description.info.numActionsTaken + description.info.runningActions.length).toBeGreaterThanOrEqual(1);
});
