import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Gauge, register } from 'prom-client';
import { TaskQueueBacklog, type BacklogSnapshot } from '../temporal/task-queue-backlog.js';

type Source = () => Promise<BacklogSnapshot>;

/** Every running application's backlog reader (one per process in production; tests run several). */
const sources = new Set<Source>();
const logger = new Logger('TaskQueueMetrics');

async function readAll(): Promise<BacklogSnapshot[]> {
  const read = await Promise.allSettled([...sources].map((source) => source()));
  return read.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
}

function gauge(name: string, help: string, value: (q: BacklogSnapshot['queues'][number]) => number): Gauge {
  const existing = register.getSingleMetric(name);
  if (existing) return existing as Gauge;
  return new Gauge({
    name,
    help,
    labelNames: ['task_queue', 'lane'] as const,
    async collect() {
      this.reset();
      for (const snapshot of await readAll()) {
        for (const q of snapshot.queues) this.set({ task_queue: q.taskQueue, lane: q.lane }, value(q));
      }
    },
  });
}

/** Registers the gauges on prom-client's default registry (what /metrics serves). Idempotent. */
export function registerTaskQueueGauges(): void {
  gauge('relance_task_queue_backlog', 'Workflow and activity tasks waiting on a Temporal task queue', (q) => q.backlog);
  gauge('relance_task_queue_oldest_task_age_seconds', 'Age of the oldest task waiting on a Temporal task queue', (q) => q.oldestTaskAgeSeconds);
}

/** Feeds the task-queue gauges from this application's backlog reader while it runs. */
@Injectable()
export class TaskQueueMetrics implements OnModuleInit, OnApplicationShutdown {
  private readonly source: Source;

  constructor(@Inject(TaskQueueBacklog) backlog: TaskQueueBacklog) {
    this.source = async () => {
      try {
        return await backlog.snapshot();
      } catch (err) {
        logger.warn(`task queue backlog unreadable: ${String(err)}`);
        throw err;
      }
    };
  }

  onModuleInit(): void {
    registerTaskQueueGauges();
    sources.add(this.source);
  }

  onApplicationShutdown(): void {
    sources.delete(this.source);
  }
}
