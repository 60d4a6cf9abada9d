import { Context } from '@temporalio/activity';
import type { ImportSliceResult, ImportSummary } from '../workflows/import.definitions.js';

/** What an initial load needs from the platform (src/imports/import-loader.ts). */
export interface ImportLoaderPort {
  /** Loads pending rows for a while, paced from the task queues' backlog, heartbeating; idempotent. */
  loadSlice(importId: string, signal?: AbortSignal): Promise<ImportSliceResult>;
  complete(importId: string): Promise<ImportSummary>;
}

/** Activities of the import workflow, over the loader port. */
export function createImportActivities(ports: { imports: ImportLoaderPort }) {
  return {
    loadImportSlice(importId: string): Promise<ImportSliceResult> {
      // A worker shutting down cancels the slice: it stops between rows, and the next slice resumes.
      return ports.imports.loadSlice(importId, Context.current().cancellationSignal);
    },
    completeImport(importId: string): Promise<ImportSummary> {
      return ports.imports.complete(importId);
    },
  };
}

export type ImportActivities = ReturnType<typeof createImportActivities>;
