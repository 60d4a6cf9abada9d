import type { WorkerOptions } from '@temporalio/worker';
import { bulkTaskQueue, type AppConfig } from '../config/app-config.js';

/** The imports' workflows (and invoices imported before they moved to the live queue) need little cache. */
const CACHED_WORKFLOWS_PER_SLOT = 25;

/**
 * The bulk queue's worker: the live worker's workflows and activities, on
 * the bulk task queue, with a few slots (RELANCE_BULK_TASK_SLOTS) and a small
 * cache: an import's loading activities get what the live queue leaves and never more.
 */
export function bulkWorkerOptions(live: WorkerOptions, config: AppConfig): WorkerOptions {
  const slots = config.RELANCE_BULK_TASK_SLOTS;
  // The live worker's sizing (slot counts, a tuner, poller behaviour) is replaced, not inherited.
  const {
    tuner: _tuner, workflowTaskPollerBehavior: _wf, activityTaskPollerBehavior: _act, maxCachedWorkflows: _cache,
    maxConcurrentWorkflowTaskExecutions: _wfSlots, maxConcurrentActivityTaskExecutions: _actSlots,
    maxConcurrentLocalActivityExecutions: _localSlots, maxConcurrentWorkflowTaskPolls: _wfPolls, maxConcurrentActivityTaskPolls: _actPolls,
    ...shared
  } = live;
  return {
    ...shared,
    taskQueue: bulkTaskQueue(config),
    maxConcurrentWorkflowTaskExecutions: slots,
    maxConcurrentActivityTaskExecutions: slots,
    maxConcurrentLocalActivityExecutions: slots,
    maxConcurrentWorkflowTaskPolls: 2,
    maxConcurrentActivityTaskPolls: Math.min(2, slots),
    maxCachedWorkflows: slots * CACHED_WORKFLOWS_PER_SLOT,
  };
}
