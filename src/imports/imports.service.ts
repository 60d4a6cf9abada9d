import { createHash } from 'node:crypto';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { invoiceImportWorkflowId } from '../../workflows/import.definitions.js';
import type { invoiceImportWorkflow } from '../../workflows/invoice-import.workflow.js';
import { Clock, systemClock } from '../clock/clock.js';
import { AppError, NotFoundError } from '../common/errors.js';
import { keysetPage, type PageRequest, type SortKeys } from '../common/lists/keyset.js';
import { DEFAULT_PAGE_SIZE } from '../common/lists/list-query.js';
import type { ListPage } from '../common/lists/list-response.js';
import { isUuid } from '../common/uuid.js';
import { AppConfig, bulkTaskQueue } from '../config/app-config.js';
import { parseImportFile, rowError, type RowError } from './import-file.js';
import { ImportRow, InvoiceImport, type ImportFormat, type ImportStatus } from './import.entities.js';
import { ImportRowsValidator } from './import-rows.validator.js';
import { toImportSummary, toImportView, type ImportSummaryView, type ImportView } from './import.view.js';

/** At most this many row errors are listed (all are counted). */
export const MAX_REPORTED_ERRORS = 1000;
const INSERT_CHUNK = 1000;

export const IMPORT_SORTS: SortKeys<InvoiceImport> = {
  createdAt: { sql: 'i.created_at', type: 'timestamptz', value: (i) => i.createdAt.toISOString() },
};

/** 422: the file has invalid rows; nothing was written. */
export class ImportRejectedError extends AppError {
  constructor(errors: RowError[], rows: number) {
    super('IMPORT_REJECTED', `The file is refused: ${errors.length} error(s); nothing was imported`, 422, {
      rows, errorCount: errors.length, errors: errors.slice(0, MAX_REPORTED_ERRORS),
    });
  }
}

/**
 * Initial loads: a file is checked whole (nothing is written if one row is
 * invalid), then stored and loaded in the background by its workflow on the
 * bulk task queue. The same file again (same SHA-256) is the same import.
 */
@Injectable()
export class ImportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(Client) private readonly client: Client,
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(ImportRowsValidator) private readonly validator: ImportRowsValidator,
    @Optional() @Inject(Clock) private readonly clock: Clock = systemClock,
  ) {}

  async submit(file: Buffer, format: ImportFormat, meta: { fileName: string | null; submittedBy: string | null }): Promise<{ outcome: 'accepted' | 'existing'; view: ImportView }> {
    const fileSha256 = createHash('sha256').update(file).digest('hex');
    const existing = await this.dataSource.getRepository(InvoiceImport).findOneBy({ fileSha256 });
    if (existing) {
      // Also repairs a start lost to a crash between our commit and Temporal.
      await this.ensureStarted(existing);
      return { outcome: 'existing', view: toImportView(existing, this.clock.now()) };
    }
    const parsed = parseImportFile(format, file.toString('utf8'));
    const errors = [...parsed.errors, ...(await this.validator.validate(parsed.rows))].sort((a, b) => a.row - b.row);
    if (parsed.rows.length === 0 && errors.length === 0) errors.push(rowError(0, '(file)', 'NO_INVOICE', {}, 'the file holds no invoice'));
    if (errors.length > 0) throw new ImportRejectedError(errors, parsed.rows.length + parsed.errors.filter((e) => e.row > 0).length);

    const stored = await this.dataSource.transaction(async (manager) => {
      const inserted = await manager.createQueryBuilder().insert().into(InvoiceImport)
        .values({ fileSha256, fileName: meta.fileName, format, totalRows: parsed.rows.length, workflowId: '', submittedBy: meta.submittedBy })
        .orIgnore()
        .returning(['id'])
        .execute();
      const id = (inserted.raw as { id: string }[])[0]?.id;
      // The same file sent twice at once: the first one stands.
      if (!id) return manager.findOneByOrFail(InvoiceImport, { fileSha256 });
      await manager.update(InvoiceImport, { id }, { workflowId: invoiceImportWorkflowId(id) });
      for (let i = 0; i < parsed.rows.length; i += INSERT_CHUNK) {
        const chunk = parsed.rows.slice(i, i + INSERT_CHUNK).map((r) => ({ importId: id, rowNumber: r.row, payload: r.value }));
        // jsonb payloads are plain objects; TypeORM's deep-partial type cannot say so.
        await manager.insert(ImportRow, chunk as QueryDeepPartialEntity<ImportRow>[]);
      }
      return manager.findOneByOrFail(InvoiceImport, { id });
    });
    await this.ensureStarted(stored);
    return { outcome: 'accepted', view: toImportView(stored, this.clock.now()) };
  }

  async get(id: string): Promise<ImportView> {
    const found = isUuid(id) ? await this.dataSource.getRepository(InvoiceImport).findOneBy({ id }) : null;
    if (!found) throw new NotFoundError('Import', id);
    const failures = await this.dataSource.getRepository(ImportRow).find({
      where: { importId: id, status: 'failed' }, order: { rowNumber: 'ASC' }, take: MAX_REPORTED_ERRORS,
    });
    return toImportView(found, this.clock.now(), failures);
  }

  /** Past and running imports, newest first by default, each with its progress as of now. */
  async list(request: PageRequest & { status?: ImportStatus; total?: boolean }): Promise<ListPage<ImportSummaryView>> {
    const query = this.dataSource.manager.createQueryBuilder(InvoiceImport, 'i');
    if (request.status) query.andWhere('i.status = :status', { status: request.status });
    const page = await keysetPage(query, IMPORT_SORTS, request, { defaultSort: '-createdAt', idSql: 'i.id', withTotal: request.total !== false });
    const now = this.clock.now();
    return {
      items: page.rows.map((found) => toImportSummary(found, now)),
      total: page.total,
      limit: request.limit ?? DEFAULT_PAGE_SIZE,
      nextCursor: page.nextCursor,
    };
  }

  private async ensureStarted(found: InvoiceImport): Promise<void> {
    if (found.status === 'completed') return;
    try {
      await this.client.workflow.start<typeof invoiceImportWorkflow>('invoiceImportWorkflow', {
        workflowId: found.workflowId,
        taskQueue: bulkTaskQueue(this.config),
        args: [found.id],
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
  }
}
