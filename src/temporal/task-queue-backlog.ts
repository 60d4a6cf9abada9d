import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { AppConfig, bulkTaskQueue } from '../config/app-config.js';
import { DEFAULT_PRIORITY_KEY } from './task-priority.js';

/** temporal.api.enums.v1 values (the proto package is not a direct dependency). */
const TASK_QUEUE_KIND_NORMAL = 1;
const TASK_QUEUE_TYPES = { workflow: 1, activity: 2 } as const;

export type TaskQueueLane = 'live' | 'bulk';

export interface QueueBacklog {
  lane: TaskQueueLane;
  taskQueue: string;
  /** Workflow and activity tasks waiting for a worker (Temporal's approximation). */
  backlog: number;
  /** Age of the oldest waiting task, in seconds (0 when none waits). */
  oldestTaskAgeSeconds: number;
}

export interface BacklogSnapshot {
  queues: QueueBacklog[];
  /** Oldest waiting task over every lane and queue, in seconds. */
  oldestTaskAgeSeconds: number;
  /** The oldest task is older than RELANCE_BACKPRESSURE_AGE_SECONDS: bulk work slows down, bulk endpoints say Retry-After. */
  backpressure: boolean;
  thresholdSeconds: number;
}

const CACHE_MS = 1000;

interface DurationLike {
  seconds?: number | { toNumber(): number } | string | null;
  nanos?: number | null;
}

function durationSeconds(d: DurationLike | null | undefined): number {
  if (!d) return 0;
  const seconds = Number(typeof d.seconds === 'object' && d.seconds !== null ? d.seconds.toNumber() : (d.seconds ?? 0));
  return seconds + (d.nanos ?? 0) / 1e9;
}

/** Pure: the backpressure verdict from the queues' figures. */
export function backlogSnapshot(queues: QueueBacklog[], thresholdSeconds: number): BacklogSnapshot {
  const oldest = Math.max(0, ...queues.map((q) => q.oldestTaskAgeSeconds));
  return { queues, oldestTaskAgeSeconds: oldest, backpressure: oldest > thresholdSeconds, thresholdSeconds };
}

/**
 * The backlog of live and bulk work as Temporal measures it (DescribeTaskQueue
 * with stats, by priority key), read at most once a second: the importer paces
 * itself on it, the API turns it into backpressure hints and metrics. Entries
 * are per lane and task queue: live work on the live queue, an initial load's
 * invoices on the live queue at the bulk priorities, the bulk queue.
 */
@Injectable()
export class TaskQueueBacklog {
  private cached: { at: number; value: Promise<BacklogSnapshot> } | null = null;

  constructor(
    @Inject(Client) private readonly client: Client,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  get liveQueue(): string {
    return this.config.TEMPORAL_TASK_QUEUE;
  }

  get bulkQueue(): string {
    return bulkTaskQueue(this.config);
  }

  /** Both queues' backlog (cached for a second; a failed read is not cached). */
  snapshot(): Promise<BacklogSnapshot> {
    const now = Date.now();
    if (this.cached && now - this.cached.at < CACHE_MS) return this.cached.value;
    const value = this.read();
    this.cached = { at: now, value };
    value.catch(() => {
      if (this.cached?.value === value) this.cached = null;
    });
    return value;
  }

  private async read(): Promise<BacklogSnapshot> {
    const [live, bulk] = await Promise.all([this.queueStats(this.liveQueue), this.queueStats(this.bulkQueue)]);
    // An initial load's invoices share the live queue at the bulk priorities; the bulk queue holds the
    // import's own workflow and the invoices imported before that change.
    const queues = [...queueLanes(this.liveQueue, live), ...queueLanes(this.bulkQueue, bulk).map((q) => ({ ...q, lane: 'bulk' as const }))];
    return backlogSnapshot(mergeLanes(queues), this.config.RELANCE_BACKPRESSURE_AGE_SECONDS);
  }

  /** Workflow and activity task stats of one queue, overall and by priority key. */
  private queueStats(taskQueue: string): Promise<TaskQueueStats[]> {
    return Promise.all(
      Object.values(TASK_QUEUE_TYPES).map(async (taskQueueType): Promise<TaskQueueStats> => {
        const res = await this.client.workflowService.describeTaskQueue({
          namespace: this.config.TEMPORAL_NAMESPACE,
          taskQueue: { name: taskQueue, kind: TASK_QUEUE_KIND_NORMAL },
          taskQueueType,
          reportStats: true,
        });
        const byPriority = Object.entries(res.statsByPriorityKey ?? {}).map(([key, stats]) => ({ priorityKey: Number(key), ...figures(stats) }));
        return { overall: figures(res.stats), byPriority };
      }),
    );
  }
}

interface Figures {
  backlog: number;
  age: number;
}

/** One task type's stats: overall, and by priority key when the server reports them (servers with priority). */
export interface TaskQueueStats {
  overall: Figures;
  byPriority: (Figures & { priorityKey: number })[];
}

function figures(stats: { approximateBacklogCount?: unknown; approximateBacklogAge?: unknown } | null | undefined): Figures {
  return { backlog: Number(stats?.approximateBacklogCount ?? 0), age: durationSeconds(stats?.approximateBacklogAge as DurationLike | undefined) };
}

/**
 * Pure: a queue's backlog split into lanes by priority band — keys up to the
 * default (3) are live work, 4 and 5 an initial load's. A server that reports
 * no priorities gets everything counted as live.
 */
export function queueLanes(taskQueue: string, types: readonly TaskQueueStats[]): QueueBacklog[] {
  const lanes: Record<TaskQueueLane, Figures[]> = { live: [], bulk: [] };
  for (const t of types) {
    if (t.byPriority.length === 0) lanes.live.push(t.overall);
    for (const p of t.byPriority) lanes[p.priorityKey > DEFAULT_PRIORITY_KEY ? 'bulk' : 'live'].push(p);
  }
  return (['live', 'bulk'] as const).map((lane) => ({
    lane,
    taskQueue,
    backlog: lanes[lane].reduce((sum, f) => sum + f.backlog, 0),
    oldestTaskAgeSeconds: Math.max(0, ...lanes[lane].map((f) => f.age)),
  }));
}

/** Pure: entries of the same lane and queue added up (backlog summed, oldest age kept). */
function mergeLanes(queues: readonly QueueBacklog[]): QueueBacklog[] {
  const merged = new Map<string, QueueBacklog>();
  for (const q of queues) {
    const key = `${q.lane} ${q.taskQueue}`;
    const seen = merged.get(key);
    merged.set(key, seen ? { ...seen, backlog: seen.backlog + q.backlog, oldestTaskAgeSeconds: Math.max(seen.oldestTaskAgeSeconds, q.oldestTaskAgeSeconds) } : q);
  }
  return [...merged.values()];
}
