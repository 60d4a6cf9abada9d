/**
 * The intake path's cost: a new invoice started by the API (which resolved
 * its scenario and projected its first next action) reaches its first timer
 * in one workflow task with no activity; a projection that disagrees is
 * corrected by a local activity in that same task; a catch-up skips the
 * migration check and records its superseded steps without an activity task.
 * Counted from the workflow's own history, on the time-skipping server with
 * the real worker and PostgreSQL.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, test } from '@jest/globals';
import type { temporal } from '@temporalio/proto';
import { BUILT_IN_SCENARIO } from '../../workflows/domain/scenario-schedule.js';
import { planScenarioDunning } from '../../workflows/domain/scenario-plan.js';
import type { ScenarioRef } from '../../workflows/definitions.js';
import { loadInvoice, parisDate, seedInvoice, settled, shiftDate, timeline, useDunningHarness, type DunningWorkflowHandle } from '../support/time-skipping.js';

const h = useDunningHarness();

// A scenario version no one publishes a successor to: the migration check, when made, finds nothing.
const BUILT_IN_REF: ScenarioRef = { scenarioId: randomUUID(), version: 1, inFlightPolicy: 'keep_version', definition: BUILT_IN_SCENARIO };

/** Workflow tasks, activity tasks and local activities before the first timer. */
async function intakeCost(handle: DunningWorkflowHandle) {
  const history = await handle.fetchHistory();
  const cost = { workflowTasks: 0, activities: [] as string[], localActivities: 0, reachedTimer: false };
  for (const e of history.events ?? ([] as temporal.api.history.v1.IHistoryEvent[])) {
    if (e.timerStartedEventAttributes) {
      cost.reachedTimer = true;
      break;
    }
    if (e.workflowTaskCompletedEventAttributes) cost.workflowTasks += 1;
    if (e.activityTaskScheduledEventAttributes) cost.activities.push(e.activityTaskScheduledEventAttributes.activityType?.name ?? '?');
    if (e.markerRecordedEventAttributes?.markerName === 'core_local_activity') cost.localActivities += 1;
  }
  return cost;
}

async function today(): Promise<string> {
  return parisDate(await h.env.currentTimeMs());
}

describe('invoice intake path', () => {
  test('a not-yet-due invoice whose first next action the API projected reaches its first timer in one workflow task, no activity', async () => {
    const invoice = await seedInvoice(h.dataSource, { dueDate: shiftDate(await today(), 20) });
    const plan = planScenarioDunning({
      definition: null, clockDueDate: invoice.dueDate, timeZone: 'Europe/Paris', sendHour: 9, executedOn: {}, handled: new Set(),
    }, await h.env.currentTimeMs());
    const projected = { at: new Date(plan.next!.at).toISOString(), step: plan.next!.step.key };
    // As the API does: the projection is written before the start.
    await h.dataSource.query('UPDATE invoices SET next_action_at = $1, next_action_step = $2 WHERE id = $3', [projected.at, projected.step, invoice.id]);
    const handle = await h.startWorkflow(invoice, { scenario: BUILT_IN_REF, intake: { projectedNextAction: projected } });
    const state = await settled(h, handle);
    expect(state?.nextAction).toMatchObject(projected);
    expect(await intakeCost(handle)).toEqual({ workflowTasks: 1, activities: [], localActivities: 0, reachedTimer: true });
  });

  test('a projection that disagrees with the workflow\'s plan is corrected by a local activity in the same task', async () => {
    const invoice = await seedInvoice(h.dataSource, { dueDate: shiftDate(await today(), 20) });
    const wrong = { at: '2030-01-01T08:00:00.000Z', step: 'nonexistent' };
    await h.dataSource.query('UPDATE invoices SET next_action_at = $1, next_action_step = $2 WHERE id = $3', [wrong.at, wrong.step, invoice.id]);
    const handle = await h.startWorkflow(invoice, { intake: { projectedNextAction: wrong } });
    const state = await settled(h, handle);
    expect(await intakeCost(handle)).toEqual({ workflowTasks: 1, activities: [], localActivities: 1, reachedTimer: true });
    const row = await loadInvoice(h.dataSource, invoice.id);
    expect({ at: row.nextActionAt?.toISOString(), step: row.nextActionStep }).toEqual({ at: state?.nextAction?.at, step: state?.nextAction?.step });
  });

  test('an invoice 8 days overdue at intake: no migration check, superseded steps in one local write, its step as the only activity', async () => {
    const invoice = await seedInvoice(h.dataSource, { dueDate: shiftDate(await today(), -8) });
    const handle = await h.startWorkflow(invoice, { scenario: BUILT_IN_REF, intake: {} });
    const state = await settled(h, handle);
    const cost = await intakeCost(handle);
    expect(cost).toMatchObject({ workflowTasks: 2, localActivities: 2, reachedTimer: true });
    expect(cost.activities).toHaveLength(1);
    expect(cost.activities[0]).toMatch(/^(handOffScenarioStep|executeScenarioStep)$/);
    const skipped = (await timeline(h.dataSource, invoice.id)).filter((e) => e.type === 'reminder_skipped');
    expect(skipped.length).toBeGreaterThan(0);
    expect(state?.handledSteps.length).toBe(skipped.length + 1);
  });

  test('a workflow started without the intake mark (a repair by signal-with-start) still checks for a newer scenario version first', async () => {
    const invoice = await seedInvoice(h.dataSource, { dueDate: shiftDate(await today(), -8) });
    const handle = await h.startWorkflow(invoice, { scenario: BUILT_IN_REF });
    await settled(h, handle);
    expect((await intakeCost(handle)).activities[0]).toBe('migrateScenarioVersion');
  });
});
