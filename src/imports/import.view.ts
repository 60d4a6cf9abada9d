import type { ImportRow, ImportStatus, InvoiceImport } from './import.entities.js';
import type { ImportLoadFailureCode, ImportLoadFailureParams } from './import-load-failure.js';

/** An import in the list: its progress without the refused rows. */
export type ImportSummaryView = Omit<ImportView, 'failures'>;

export interface ImportView {
  id: string;
  status: ImportStatus;
  fileName: string | null;
  format: 'csv' | 'jsonl';
  fileSha256: string;
  workflowId: string;
  rows: { total: number; done: number; failed: number; pending: number };
  /** Rows loaded per second since loading began (null before the first). */
  ratePerSecond: number | null;
  /** Seconds until the last row at the current rate (null while unknown; 0 when completed). */
  etaSeconds: number | null;
  createdAt: string;
  loadingStartedAt: string | null;
  completedAt: string | null;
  /** Rows refused while loading (a conflict with what the platform holds), the first 1,000. */
  failures: ImportFailureView[];
}

/** A row refused while loading: in English, and as a code with params (null on rows refused before failures had codes). */
export interface ImportFailureView {
  row: number;
  message: string;
  code: ImportLoadFailureCode | null;
  params: ImportLoadFailureParams | null;
}

/** Pure: progress, rate and ETA as of `now`, with the rows refused while loading. */
export function toImportView(found: InvoiceImport, now: Date, failures: ImportRow[] = []): ImportView {
  return {
    ...toImportSummary(found, now),
    failures: failures.map((f) => ({
      row: f.rowNumber, message: f.error ?? '', code: f.errorCode as ImportLoadFailureCode | null, params: f.errorCode ? f.errorParams : null,
    })),
  };
}

/** Pure: progress, rate and ETA as of `now`. */
export function toImportSummary(found: InvoiceImport, now: Date): ImportSummaryView {
  const processed = found.rowsDone + found.rowsFailed;
  const pending = Math.max(0, found.totalRows - processed);
  const end = found.completedAt ?? now;
  const elapsed = found.loadingStartedAt ? (end.getTime() - found.loadingStartedAt.getTime()) / 1000 : 0;
  const ratePerSecond = processed > 0 && elapsed > 0 ? Math.round((processed / elapsed) * 10) / 10 : null;
  const etaSeconds = pending === 0 ? 0 : ratePerSecond ? Math.ceil(pending / ratePerSecond) : null;
  return {
    id: found.id,
    status: found.status,
    fileName: found.fileName,
    format: found.format,
    fileSha256: found.fileSha256,
    workflowId: found.workflowId,
    rows: { total: found.totalRows, done: found.rowsDone, failed: found.rowsFailed, pending },
    ratePerSecond,
    etaSeconds,
    createdAt: found.createdAt.toISOString(),
    loadingStartedAt: found.loadingStartedAt?.toISOString() ?? null,
    completedAt: found.completedAt?.toISOString() ?? null,
  };
}
