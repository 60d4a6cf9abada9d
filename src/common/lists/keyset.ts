import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { decodeCursor, encodeCursor, type SortKeyType } from './cursor.js';
import { DEFAULT_PAGE_SIZE } from './list-query.js';

/** A sortable key of a list: a non-null SQL expression over the query's alias, and how to read it from a row. */
export interface SortKey<Row> {
  sql: string;
  type: SortKeyType;
  value(row: Row): string;
}

export type SortKeys<Row> = Readonly<Record<string, SortKey<Row>>>;

export interface PageRequest {
  limit?: number;
  cursor?: string;
  sort?: string;
}

export interface Page<Row> {
  rows: Row[];
  /** Rows matching the filters, whatever the page (null when not asked: CSV export, `total=false`). */
  total: number | null;
  /** Null on the last page. */
  nextCursor: string | null;
}

/**
 * Keyset pagination: rows ordered by (sort key, id), the page after the cursor's position being
 * `(key, id) > (cursor.key, cursor.id)` (`<` descending). Rows inserted between two requests
 * therefore never shift a page: they appear only if they sort after the position reached, and
 * no row already shown is repeated or skipped. `idSql` is the unique tie-break column.
 */
export async function keysetPage<Row extends ObjectLiteral & { id: string }>(
  query: SelectQueryBuilder<Row>,
  keys: SortKeys<Row>,
  request: PageRequest,
  options: { defaultSort: string; idSql: string; withTotal: boolean },
): Promise<Page<Row>> {
  const sort = request.sort ?? options.defaultSort;
  const descending = sort.startsWith('-');
  const key = keys[descending ? sort.slice(1) : sort];
  // The DTO whitelists `sort`; a key missing here is a programming error.
  if (!key) throw new Error(`unknown sort ${sort}`);
  const limit = request.limit ?? DEFAULT_PAGE_SIZE;
  const keySql = comparableSql(key);
  const page = query.clone();
  if (request.cursor) {
    const at = decodeCursor(request.cursor, sort, key.type);
    page.andWhere(`(${keySql}, ${options.idSql}) ${descending ? '<' : '>'} (CAST(:keysetValue AS ${key.type}), CAST(:keysetId AS uuid))`, {
      keysetValue: at.value, keysetId: at.id,
    });
  }
  const direction = descending ? 'DESC' : 'ASC';
  // The count runs beside the page (COUNT(*): TypeORM's getCount adds a DISTINCT on the id, needless without joins).
  const [rows, total] = await Promise.all([
    page.orderBy(keySql, direction).addOrderBy(options.idSql, direction).limit(limit + 1).getMany(),
    options.withTotal ? query.clone().select('COUNT(*)', 'n').orderBy().getRawOne().then((r: { n: string }) => Number(r.n)) : null,
  ]);
  const more = rows.length > limit;
  if (more) rows.pop();
  const last = rows.at(-1);
  const nextCursor = more && last ? encodeCursor({ sort, value: key.value(last), id: last.id }) : null;
  return { rows, total, nextCursor };
}

/**
 * PostgreSQL keeps microseconds but a cursor holds what JavaScript read (milliseconds): comparing
 * the raw column with the cursor would show the last row again on the next page. Sorting and
 * comparing on the value truncated to milliseconds keeps both sides the same (ties go to the id).
 */
function comparableSql<Row>(key: SortKey<Row>): string {
  return key.type === 'timestamptz' ? `date_trunc('milliseconds', ${key.sql})` : key.sql;
}
