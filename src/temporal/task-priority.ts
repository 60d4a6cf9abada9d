/**
 * Temporal task priority (`priorityKey`: 1 highest … 5 lowest, 3 when unset),
 * chosen from what a workflow needs when it starts. Within a task queue
 * partition the server hands out higher-priority tasks first (the matcher of
 * servers ≥ 1.28, the default of the dev server 1.32: test/workflows/task-priority.test.ts),
 * so a start that has work due now is served before a backlog of starts that
 * only set a timer. A workflow keeps its start priority for life: its later
 * workflow tasks and its activities inherit it. No I/O.
 */

/** `live`: the ERP's daily traffic; `bulk`: an initial load's invoices, on the same queue below every live level. */
export type TaskLane = 'live' | 'bulk';

/**
 * What a starting workflow must do at once:
 * - `reacting`: the start carries news it acts on now (a payment, a cancellation, a reversal);
 * - `due_now`: a step is due (an invoice overdue at intake catching up, a message to send);
 * - `scheduled`: nothing before its first timer (an invoice not yet due).
 */
export type StartUrgency = 'reacting' | 'due_now' | 'scheduled';

export interface TaskPriority {
  priorityKey: number;
}

/** Temporal's default level: what every workflow started without a priority gets. */
export const DEFAULT_PRIORITY_KEY = 3;

const LIVE: Record<StartUrgency, number> = { reacting: 1, due_now: 2, scheduled: DEFAULT_PRIORITY_KEY };
/** Below every live level (4 and 5): due work first, the rest at the lowest level. */
const BULK: Record<StartUrgency, number> = { reacting: 4, due_now: 4, scheduled: 5 };

export function startPriority(lane: TaskLane, urgency: StartUrgency): TaskPriority {
  return { priorityKey: (lane === 'live' ? LIVE : BULK)[urgency] };
}
