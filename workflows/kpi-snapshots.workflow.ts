/**
 * Month-end KPI snapshots (started by a Temporal Schedule): one activity that
 * snapshots the month just ended and rebuilds any earlier month still missing.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { ReportActivities } from '../activities/report.activities.js';
import type { KpiSnapshotsResult } from './reports.definitions.js';

const { takeMonthEndSnapshots } = proxyActivities<ReportActivities>({
  startToCloseTimeout: '30 minutes',
  retry: { initialInterval: '30 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes', maximumAttempts: 10 },
});

export async function kpiSnapshotsWorkflow(): Promise<KpiSnapshotsResult> {
  return takeMonthEndSnapshots();
}
