import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { keysetPage, type SortKeys } from '../common/lists/keyset.js';
import { DEFAULT_PAGE_SIZE } from '../common/lists/list-query.js';
import type { ListPage } from '../common/lists/list-response.js';
import { unknownFilterValue } from '../common/lists/filters.js';
import { FieldValidationError } from '../common/validation.js';
import { CustomerDirectory } from '../customers/customer-directory.js';
import { LegalEntitiesService } from '../organization/legal-entities.service.js';
import { formatAmount } from '../../workflows/domain/money.js';
import { BANK_LINE_STATUSES, BankLine, type BankLineStatus } from './bank-line.entity.js';
import { bankLineView, type BankLineView } from './bank-line.view.js';
import { BankStatement } from './bank-statement.entity.js';
import type { BankLineListQuery, StatementListQuery } from './bank-statements.dto.js';

/** An imported statement with where its lines stand now (the console's statements screen). */
export interface StatementSummaryView {
  id: string;
  format: string;
  account: string;
  currency: string;
  from: string | null;
  to: string | null;
  openingBalance: string | null;
  closingBalance: string | null;
  /** Lines stored by this import; `duplicates` were stored by an earlier file. */
  lines: number;
  duplicates: number;
  importedAt: string;
  importedBy: string;
  /** Lines of the statement per status, every status present (0 when none). */
  statuses: Record<BankLineStatus, number>;
}

export const STATEMENT_SORTS: SortKeys<BankStatement> = {
  importedAt: { sql: 's.created_at', type: 'timestamptz', value: (s) => s.createdAt.toISOString() },
};

export const BANK_LINE_SORTS: SortKeys<BankLine> = {
  position: { sql: 'l.position', type: 'bigint', value: (l) => String(l.position) },
  bookingDate: { sql: 'l.booking_date', type: 'date', value: (l) => l.bookingDate },
};

/** Reads of imported statements and their lines, whatever the lines' status (the review queue shows only the work to do). */
@Injectable()
export class StatementListService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(LegalEntitiesService) private readonly entities: LegalEntitiesService,
    @Inject(CustomerDirectory) private readonly customers: CustomerDirectory,
  ) {}

  async statements(query: StatementListQuery): Promise<ListPage<StatementSummaryView>> {
    const entity = await this.entities.findByCode(query.entity);
    if (!entity) throw new FieldValidationError([{ field: 'entity', messages: [`unknown entity "${query.entity}"`] }]);
    const q = this.dataSource.manager.createQueryBuilder(BankStatement, 's').where('s.entity_id = :entityId', { entityId: entity.id });
    const page = await keysetPage(q, STATEMENT_SORTS, query, { defaultSort: '-importedAt', idSql: 's.id', withTotal: query.total !== false });
    const counts = await this.statusCounts(page.rows.map((s) => s.id));
    return {
      items: page.rows.map((s) => summary(s, counts.get(s.id))),
      total: page.total,
      limit: query.limit ?? DEFAULT_PAGE_SIZE,
      nextCursor: page.nextCursor,
    };
  }

  async lines(query: BankLineListQuery): Promise<ListPage<BankLineView>> {
    if (!(await this.dataSource.manager.existsBy(BankStatement, { id: query.statement }))) throw unknownFilterValue('statement', query.statement);
    const q = this.dataSource.manager.createQueryBuilder(BankLine, 'l').where('l.statement_id = :statementId', { statementId: query.statement });
    if (query.status) q.andWhere('l.status IN (:...statuses)', { statuses: query.status.split(',') });
    const page = await keysetPage(q, BANK_LINE_SORTS, query, { defaultSort: 'position', idSql: 'l.id', withTotal: query.total !== false });
    const byId = await this.customers.findMany(page.rows.flatMap((r) => (r.customerId ? [r.customerId] : [])));
    return {
      items: page.rows.map((r) => bankLineView(r, byId)),
      total: page.total,
      limit: query.limit ?? DEFAULT_PAGE_SIZE,
      nextCursor: page.nextCursor,
    };
  }

  private async statusCounts(statementIds: string[]): Promise<Map<string, Map<string, number>>> {
    const counts = new Map<string, Map<string, number>>();
    if (statementIds.length === 0) return counts;
    const rows: { statement_id: string; status: string; n: number }[] = await this.dataSource.manager.createQueryBuilder(BankLine, 'l')
      .select('l.statement_id', 'statement_id').addSelect('l.status', 'status').addSelect('COUNT(*)::int', 'n')
      .where('l.statement_id IN (:...statementIds)', { statementIds })
      .groupBy('l.statement_id').addGroupBy('l.status').getRawMany();
    for (const r of rows) {
      const of = counts.get(r.statement_id) ?? new Map<string, number>();
      of.set(r.status, r.n);
      counts.set(r.statement_id, of);
    }
    return counts;
  }
}

function summary(s: BankStatement, counts: Map<string, number> | undefined): StatementSummaryView {
  const money = (v: bigint | null) => (v === null ? null : formatAmount(v, s.currency));
  const statuses = Object.fromEntries(BANK_LINE_STATUSES.map((status) => [status, counts?.get(status) ?? 0])) as Record<BankLineStatus, number>;
  return {
    id: s.id, format: s.format, account: s.account, currency: s.currency, from: s.fromDate, to: s.toDate,
    openingBalance: money(s.openingBalanceMinor), closingBalance: money(s.closingBalanceMinor),
    lines: s.lineCount, duplicates: s.duplicateCount, importedAt: s.createdAt.toISOString(), importedBy: s.importedBy, statuses,
  };
}
