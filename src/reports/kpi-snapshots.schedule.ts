import { Logger } from '@nestjs/common';
import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import { KPI_SNAPSHOTS_CRON, KPI_SNAPSHOTS_TIME_ZONE, kpiSnapshotsScheduleId } from '../../workflows/reports.definitions.js';

/**
 * Creates the month-end KPI snapshot schedule for this task queue unless it
 * exists (idempotent at every worker boot) and triggers it once when created,
 * so a new installation rebuilds its past months from the ledger at once.
 * A server without schedules (the time-skipping test server) only logs a warning.
 */
export async function ensureKpiSnapshotsSchedule(client: Client, taskQueue: string): Promise<'created' | 'exists' | 'unavailable'> {
  const scheduleId = kpiSnapshotsScheduleId(taskQueue);
  try {
    const handle = await client.schedule.create({
      scheduleId,
      spec: { cronExpressions: [KPI_SNAPSHOTS_CRON], timezone: KPI_SNAPSHOTS_TIME_ZONE },
      action: {
        type: 'startWorkflow', workflowType: 'kpiSnapshotsWorkflow', taskQueue, args: [],
        workflowId: `kpi-month-end-snapshots-${taskQueue}`,
      },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '3 days' },
    });
    await handle.trigger();
    return 'created';
  } catch (err) {
    if (err instanceof ScheduleAlreadyRunning) return 'exists';
    new Logger('KpiSnapshotsSchedule').warn(`Month-end KPI snapshot schedule not registered: ${(err as Error).message}`);
    return 'unavailable';
  }
}
