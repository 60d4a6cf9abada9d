/**
 * An initial load (POST /api/v1/imports): loads the accepted file's rows in
 * slices until none is pending, then marks the import completed. It runs on
 * the bulk task queue; the activity paces itself from the task queues'
 * backlog, so live work never waits behind it. Durable: an API or worker
 * restart resumes where the rows say it stopped (loading a row is idempotent).
 */
import { continueAsNew, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { ImportActivities } from '../activities/import.activities.js';
import type { ImportSummary } from './import.definitions.js';

const { loadImportSlice, completeImport } = proxyActivities<ImportActivities>({
  // A slice lasts about half a minute, waiting included; the heartbeat catches a dead worker sooner.
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  // Infrastructure failures (database, Temporal) retry until they pass: a row never fails the import.
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

export async function invoiceImportWorkflow(importId: string): Promise<ImportSummary> {
  for (;;) {
    const { remaining } = await loadImportSlice(importId);
    if (remaining === 0) break;
    if (workflowInfo().continueAsNewSuggested) await continueAsNew<typeof invoiceImportWorkflow>(importId);
  }
  return completeImport(importId);
}
