/**
 * Initial loads (imports): workflow id and results. Node-free: `src/` imports it too.
 */

/** One workflow per accepted import file. */
export function invoiceImportWorkflowId(importId: string): string {
  return `invoice-import-${importId}`;
}

export interface ImportSliceResult {
  /** Rows still waiting to be loaded. */
  remaining: number;
}

export interface ImportSummary {
  totalRows: number;
  rowsDone: number;
  rowsFailed: number;
}
