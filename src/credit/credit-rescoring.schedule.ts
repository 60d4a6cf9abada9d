import { Logger } from '@nestjs/common';
import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import {
  CREDIT_RESCORING_CRON, CREDIT_RESCORING_TIME_ZONE, creditRescoringScheduleId,
} from '../../workflows/credit.definitions.js';

/**
 * Creates the nightly rescoring schedule for this task queue unless it exists
 * (idempotent at every worker boot). A server without schedules (the
 * time-skipping test server) only logs a warning.
 */
export async function ensureCreditRescoringSchedule(client: Client, taskQueue: string): Promise<'created' | 'exists' | 'unavailable'> {
  const scheduleId = creditRescoringScheduleId(taskQueue);
  try {
    await client.schedule.create({
      scheduleId,
      spec: { cronExpressions: [CREDIT_RESCORING_CRON], timezone: CREDIT_RESCORING_TIME_ZONE },
      action: {
        type: 'startWorkflow', workflowType: 'creditRescoringWorkflow', taskQueue, args: [{}],
        workflowId: `credit-rescoring-${taskQueue}`,
      },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '6 hours' },
    });
    return 'created';
  } catch (err) {
    if (err instanceof ScheduleAlreadyRunning) return 'exists';
    new Logger('CreditRescoringSchedule').warn(`Nightly rescoring schedule not registered: ${(err as Error).message}`);
    return 'unavailable';
  }
}
