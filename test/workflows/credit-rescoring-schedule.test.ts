/**
 * The nightly rescoring schedule on the suite's dev server (the time-skipping
 * server has no schedules): registered once per task queue at 02:00
 * Europe/Paris, starting the rescoring workflow; registering again is a no-op.
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { Client, Connection } from '@temporalio/client';
import { ensureCreditRescoringSchedule } from '../../src/credit/credit-rescoring.schedule.js';
import { creditRescoringScheduleId } from '../../workflows/credit.definitions.js';
import { uniqueId } from '../support/platform.js';
import { suiteState } from '../support/suite-state.js';

let connection: Connection;
let client: Client;
const taskQueue = uniqueId('relance-credit-schedule');

beforeAll(async () => {
  connection = await Connection.connect({ address: suiteState().temporalAddress });
  client = new Client({ connection });
});
afterAll(async () => {
  await client.schedule.getHandle(creditRescoringScheduleId(taskQueue)).delete().catch(() => undefined);
  await connection?.close();
});

test('registered idempotently: nightly at 02:00 Paris time, starting creditRescoringWorkflow on the worker\'s queue', async () => {
  expect(await ensureCreditRescoringSchedule(client, taskQueue)).toBe('created');
  expect(await ensureCreditRescoringSchedule(client, taskQueue)).toBe('exists');
  const description = await client.schedule.getHandle(creditRescoringScheduleId(taskQueue)).describe();
  expect(description.action).toMatchObject({ type: 'startWorkflow', workflowType: 'creditRescoringWorkflow', taskQueue });
  expect(description.spec.timezone).toBe('Europe/Paris');
  expect(description.spec.calendars?.[0]).toMatchObject({ hour: [{ start: 2, end: 2, step: 1 }], minute: [{ start: 0, end: 0, step: 1 }] });
  expect(description.policies.overlap).toBe('SKIP');
  // The next run is at 02:00 in Paris.
  const next = description.info.nextActionTimes[0]!;
  const parisHour = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', hour12: false }).format(next);
  expect(parisHour).toBe('02');
});
