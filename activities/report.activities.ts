import type { KpiSnapshotsResult } from '../workflows/reports.definitions.js';
import type { KpiSnapshotsPort } from './report-ports.js';

/** Activities of the month-end KPI snapshots (idempotent: a retry writes only what is still missing). */
export function createReportActivities(ports: { kpiSnapshots: KpiSnapshotsPort }) {
  return {
    async takeMonthEndSnapshots(): Promise<KpiSnapshotsResult> {
      return ports.kpiSnapshots.takeMonthEndSnapshots();
    },
  };
}

export type ReportActivities = ReturnType<typeof createReportActivities>;
