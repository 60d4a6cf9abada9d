/**
 * Node-free contract of the month-end KPI snapshots: ids and the schedule's spec.
 */

/** One schedule per task queue (a test worker's queue never collides with production's). */
export function kpiSnapshotsScheduleId(taskQueue: string): string {
  return `kpi-month-end-snapshots-${taskQueue}`;
}

/** 00:30 Paris time on the 1st: the month just ended is complete (payments received until midnight count). */
export const KPI_SNAPSHOTS_CRON = '30 0 1 * *';
export const KPI_SNAPSHOTS_TIME_ZONE = 'Europe/Paris';

export interface KpiSnapshotsResult {
  /** Snapshots written: the month just ended and, on the first run, every earlier month of the ledger. */
  taken: number;
}
