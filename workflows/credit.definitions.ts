/**
 * Node-free contract of the credit rescoring workflow: ids, the nightly
 * schedule's spec and the workflow's input and result.
 */

/** One schedule per task queue (a test worker's queue never collides with production's). */
export function creditRescoringScheduleId(taskQueue: string): string {
  return `credit-rescoring-nightly-${taskQueue}`;
}

/** Nightly at 02:00 Paris time: after the ERP's evening payment runs, before collectors start. */
export const CREDIT_RESCORING_CRON = '0 2 * * *';
export const CREDIT_RESCORING_TIME_ZONE = 'Europe/Paris';

export interface CreditRescoringInput {
  /** Customers per page (one activity heartbeat per page). */
  pageSize?: number;
  /** Pages per activity call. */
  pagesPerActivity?: number;
  /** Resume after this customer id (set by continue-as-new). */
  afterId?: string | null;
  /** Totals carried across continue-as-new. */
  totals?: CreditRescoringTotals;
}

export interface CreditRescoringTotals {
  scored: number;
  written: number;
  degraded: number;
}

export const CREDIT_RESCORING_DEFAULTS = Object.freeze({ pageSize: 500, pagesPerActivity: 20 });
