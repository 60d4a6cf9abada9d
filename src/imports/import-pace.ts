import type { BacklogSnapshot } from '../temporal/task-queue-backlog.js';

/** Rows loaded in one batch (one transaction, then their workflows' starts) at most when nothing waits. */
export const MAX_IMPORT_BATCH = 100;

/** Workflow starts of a batch in flight at once: Temporal's answer, not our CPU, is what a start waits on. */
export const IMPORT_START_CONCURRENCY = 8;

/** Live tasks waiting this long: the import yields the machine to them. */
export const LIVE_WAIT_YIELD_SECONDS = 2;

export type ImportPace =
  | { wait: true; reason: 'backpressure' | 'live_work_waiting' | 'bulk_backlog_full' }
  | { wait: false; rows: number };

/**
 * How fast an import may go now, from the measured backlog: it waits while
 * any queue is past the backpressure age, while live work waits, or while
 * bulk work (the bulk queue and the load's invoices at the bulk priorities)
 * already holds `maxBacklog` tasks; otherwise it loads a batch of as many rows
 * as leave the bulk backlog under that bound (each new invoice adds one
 * workflow task to it).
 */
export function importPace(snapshot: BacklogSnapshot, maxBacklog: number): ImportPace {
  if (snapshot.backpressure) return { wait: true, reason: 'backpressure' };
  const live = snapshot.queues.filter((q) => q.lane === 'live');
  const bulkBacklog = snapshot.queues.filter((q) => q.lane === 'bulk').reduce((sum, q) => sum + q.backlog, 0);
  if (live.some((q) => q.backlog > 0 && q.oldestTaskAgeSeconds >= LIVE_WAIT_YIELD_SECONDS)) return { wait: true, reason: 'live_work_waiting' };
  const room = maxBacklog - bulkBacklog;
  if (room <= 0) return { wait: true, reason: 'bulk_backlog_full' };
  return { wait: false, rows: Math.max(1, Math.min(MAX_IMPORT_BATCH, room)) };
}
