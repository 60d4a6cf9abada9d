import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ImportLoaderPort } from '../../activities/import.activities.js';
import type { ImportSliceResult, ImportSummary } from '../../workflows/import.definitions.js';
import { Clock, systemClock } from '../clock/clock.js';
import { AppError } from '../common/errors.js';
import { AppConfig } from '../config/app-config.js';
import type { CreateInvoiceDto } from '../invoices/create-invoice.dto.js';
import { InvoiceBulkIntake } from '../invoices/invoice-bulk-intake.js';
import { TaskQueueBacklog } from '../temporal/task-queue-backlog.js';
import { ImportRow, InvoiceImport } from './import.entities.js';
import { importLoadFailure, type ImportLoadFailure } from './import-load-failure.js';
import { IMPORT_START_CONCURRENCY, importPace } from './import-pace.js';
import { toIntakeDto } from './import-rows.validator.js';

/** A slice stops taking new rows after this long (waiting included); the workflow then asks for the next. */
const SLICE_BUDGET_MS = 20_000;
const WAIT_MS = 500;

/** Sleeps, unless the slice is cancelled (a worker shutting down) first. */
function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

type Outcome = { row: number; status: 'done' } | { row: number; status: 'failed'; failure: ImportLoadFailure };

/**
 * Loads an import's pending rows through bulk invoice intake, on the bulk
 * lane, in batches sized from the task queues' backlog (importPace). Each
 * batch is loaded, then its rows marked done or failed (a conflict with what
 * the platform already holds, e.g. another customer's invoice); a crash in
 * between loads them again, which intake makes a no-op.
 */
@Injectable()
export class ImportLoader implements ImportLoaderPort {
  private readonly logger = new Logger(ImportLoader.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(InvoiceBulkIntake) private readonly bulk: InvoiceBulkIntake,
    @Inject(TaskQueueBacklog) private readonly backlog: TaskQueueBacklog,
    @Inject(AppConfig) private readonly config: AppConfig,
    @Optional() @Inject(Clock) private readonly clock: Clock = systemClock,
  ) {}

  async loadSlice(importId: string, signal?: AbortSignal): Promise<ImportSliceResult> {
    const started = Date.now();
    await this.dataSource.getRepository(InvoiceImport).createQueryBuilder().update()
      .set({ loadingStartedAt: this.clock.now() })
      .where('id = :importId AND loading_started_at IS NULL', { importId })
      .execute();
    while (Date.now() - started < SLICE_BUDGET_MS && !signal?.aborted) {
      const pace = importPace(await this.backlog.snapshot(), this.config.RELANCE_IMPORT_MAX_BACKLOG);
      if (pace.wait) {
        await pause(WAIT_MS, signal);
        continue;
      }
      const rows = await this.dataSource.getRepository(ImportRow).find({
        where: { importId, status: 'pending' }, order: { rowNumber: 'ASC' }, take: pace.rows,
      });
      if (rows.length === 0) break;
      await this.record(importId, await this.loadBatch(rows));
    }
    return { remaining: await this.dataSource.getRepository(ImportRow).countBy({ importId, status: 'pending' }) };
  }

  async complete(importId: string): Promise<ImportSummary> {
    await this.dataSource.getRepository(InvoiceImport).createQueryBuilder().update()
      .set({ status: 'completed', completedAt: this.clock.now() })
      .where('id = :importId AND status = :loading', { importId, loading: 'loading' })
      .execute();
    const done = await this.dataSource.getRepository(InvoiceImport).findOneByOrFail({ id: importId });
    this.logger.log(`import ${importId} completed: ${done.rowsDone} loaded, ${done.rowsFailed} failed of ${done.totalRows}`);
    return { totalRows: done.totalRows, rowsDone: done.rowsDone, rowsFailed: done.rowsFailed };
  }

  /**
   * A batch of rows through bulk intake (one transaction for the new invoices,
   * then their workflows' starts). A business refusal fails its row; anything
   * else (database, Temporal) fails the slice, which Temporal retries: the
   * rows are still pending, and intake takes what was written as unchanged.
   */
  private async loadBatch(rows: readonly ImportRow[]): Promise<Outcome[]> {
    const outcomes: Outcome[] = [];
    const dtos: { row: ImportRow; dto: CreateInvoiceDto }[] = [];
    for (const row of rows) {
      try {
        dtos.push({ row, dto: await toIntakeDto(row.payload) });
      } catch (err) {
        if (!(err instanceof AppError && err.httpStatus < 500)) throw err;
        outcomes.push({ row: row.rowNumber, status: 'failed', failure: importLoadFailure(err, row.payload) });
      }
    }
    const results = await this.bulk.intakeMany(dtos.map((d) => d.dto), { lane: 'bulk', startConcurrency: IMPORT_START_CONCURRENCY });
    results.forEach((result, i) => {
      const { row } = dtos[i]!;
      outcomes.push('refused' in result
        ? { row: row.rowNumber, status: 'failed', failure: importLoadFailure(result.refused, row.payload) }
        : { row: row.rowNumber, status: 'done' });
    });
    return outcomes;
  }

  /** Marks the rows and counts them in one transaction; a row already marked (a retried slice) is not counted twice. */
  private async record(importId: string, outcomes: Outcome[]): Promise<void> {
    const failed = outcomes.filter((o): o is Extract<Outcome, { status: 'failed' }> => o.status === 'failed');
    const done = outcomes.filter((o) => o.status === 'done').map((o) => o.row);
    await this.dataSource.transaction(async (manager) => {
      const marked: { status: 'done' | 'failed' }[] = await manager.query(
        `UPDATE import_rows r SET status = o.status, error = o.error, error_code = o.error_code, error_params = o.error_params::jsonb
           FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[]) AS o(row_number, status, error, error_code, error_params)
          WHERE r.import_id = $1 AND r.row_number = o.row_number AND r.status = 'pending'
          RETURNING r.status`,
        [importId, [...done, ...failed.map((f) => f.row)], [...done.map(() => 'done'), ...failed.map(() => 'failed')],
          [...done.map(() => null), ...failed.map((f) => f.failure.message)],
          [...done.map(() => null), ...failed.map((f) => f.failure.code)],
          [...done.map(() => null), ...failed.map((f) => JSON.stringify(f.failure.params))]],
      ).then((r: [unknown[], number] | unknown[]) => (Array.isArray(r[0]) ? r[0] : r) as { status: 'done' | 'failed' }[]);
      const doneNow = marked.filter((m) => m.status === 'done').length;
      const failedNow = marked.length - doneNow;
      await manager.createQueryBuilder().update(InvoiceImport)
        .set({ rowsDone: () => `rows_done + ${doneNow}`, rowsFailed: () => `rows_failed + ${failedNow}` })
        .where('id = :importId', { importId })
        .execute();
    });
  }
}
