/**
 * What the month-end snapshot activity needs from the application.
 * Implemented by src/reports/reports.service.ts.
 */
export interface KpiSnapshotsPort {
  takeMonthEndSnapshots(): Promise<{ taken: number }>;
}
