import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export type ImportFormat = 'csv' | 'jsonl';
export type ImportStatus = 'loading' | 'completed';
export type ImportRowStatus = 'pending' | 'done' | 'failed';

/**
 * An accepted initial-load file (every row valid), loaded in the background
 * by its workflow. One per file content: the same file again is the same import.
 */
@Entity({ name: 'imports' })
@Index('uq_imports_file_sha256', ['fileSha256'], { unique: true })
@Check('ck_imports_status', `"status" IN ('loading', 'completed')`)
@Check('ck_imports_format', `"format" IN ('csv', 'jsonl')`)
export class InvoiceImport {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** SHA-256 of the file as sent (hex). */
  @Column({ name: 'file_sha256', type: 'char', length: 64 })
  fileSha256!: string;

  @Column({ name: 'file_name', type: 'varchar', length: 255, nullable: true })
  fileName!: string | null;

  @Column({ type: 'varchar', length: 8 })
  format!: ImportFormat;

  @Column({ type: 'varchar', length: 16, default: 'loading' })
  status!: ImportStatus;

  @Column({ name: 'total_rows', type: 'int' })
  totalRows!: number;

  @Column({ name: 'rows_done', type: 'int', default: 0 })
  rowsDone!: number;

  @Column({ name: 'rows_failed', type: 'int', default: 0 })
  rowsFailed!: number;

  @Column({ name: 'workflow_id', type: 'varchar', length: 200 })
  workflowId!: string;

  /** Who sent it: the principal's id (a user or an ERP integration). */
  @Column({ name: 'submitted_by', type: 'varchar', length: 200, nullable: true })
  submittedBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** When the first row was loaded: the rate counts from there. */
  @Column({ name: 'loading_started_at', type: 'timestamptz', nullable: true })
  loadingStartedAt!: Date | null;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;
}

/** One validated row of an import: the intake request it becomes, and how loading it went. */
@Entity({ name: 'import_rows' })
@Index('ix_import_rows_pending', ['importId', 'status', 'rowNumber'])
@Check('ck_import_rows_status', `"status" IN ('pending', 'done', 'failed')`)
export class ImportRow {
  @PrimaryColumn({ name: 'import_id', type: 'uuid' })
  importId!: string;

  /** 1-based data row (a CSV's header is row 0). */
  @PrimaryColumn({ name: 'row_number', type: 'int' })
  rowNumber!: number;

  /** The row as an invoice intake request (CreateInvoiceDto). */
  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status!: ImportRowStatus;

  /** Why loading it failed (a conflict with what the platform already holds), in English. */
  @Column({ type: 'text', nullable: true })
  error!: string | null;

  /** Why loading it failed as a code (import-load-failure.ts) a client writes in its reader's language; null on rows failed before codes. */
  @Column({ name: 'error_code', type: 'varchar', length: 32, nullable: true })
  errorCode!: string | null;

  /** What the coded failure is made of (the invoice, the refused fields…). */
  @Column({ name: 'error_params', type: 'jsonb', nullable: true })
  errorParams!: Record<string, string | number> | null;
}

export const IMPORT_ENTITIES = [InvoiceImport, ImportRow];
