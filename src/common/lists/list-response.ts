import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { Request, Response } from 'express';
import type { PageRequest } from './keyset.js';
import { DEFAULT_PAGE_SIZE } from './list-query.js';

/** One page of a list as the API answers it. */
export interface ListPage<Item> {
  items: Item[];
  /** Null when the client asked `total=false`. */
  total: number | null;
  limit: number;
  nextCursor: string | null;
}

/** A CSV column: its header and the cell taken from a list item (null → empty cell). */
export interface CsvColumn<Item> {
  header: string;
  value(item: Item): string | number | boolean | null | undefined;
  /**
   * Free text from outside (a customer's name, a reason): a cell starting with = + - @ or a tab is
   * prefixed with ' so a spreadsheet does not run it as a formula (OWASP CSV injection).
   */
  text?: boolean;
}

const FORMULA_START = /^[=+\-@\t\r]/;

function cell<Item>(column: CsvColumn<Item>, item: Item): string | number | boolean | null | undefined {
  const value = column.value(item);
  return column.text && typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value;
}

export interface ListSource<Item> {
  /** Fetches a page of items; `withTotal` false when only rows are needed (export). */
  page(request: PageRequest, withTotal: boolean): Promise<{ items: Item[]; total: number | null; nextCursor: string | null }>;
  csv: { filename: string; columns: readonly CsvColumn<Item>[] };
}

/** Rows fetched per query while exporting: memory stays flat whatever the list's size. */
export const CSV_BATCH_SIZE = 500;

/** Whether the client asked for CSV (`Accept: text/csv` preferred over JSON). */
export function wantsCsv(req: Request): boolean {
  return req.accepts(['application/json', 'text/csv']) === 'text/csv';
}

/**
 * Answers a list request: a JSON page, or with `Accept: text/csv` every matching row (the page's
 * `cursor`/`limit` ignored) as RFC 4180 CSV, streamed batch by batch through the same keyset
 * pagination, so an export is a consistent walk even while rows are inserted.
 */
export async function answerList<Item>(
  req: Request, res: Response, request: PageRequest & { total?: boolean }, source: ListSource<Item>,
): Promise<void> {
  if (!wantsCsv(req)) {
    const page = await source.page(request, request.total !== false);
    res.status(200).json({ items: page.items, total: page.total, limit: request.limit ?? DEFAULT_PAGE_SIZE, nextCursor: page.nextCursor } satisfies ListPage<Item>);
    return;
  }
  // The first batch is read before any header is sent, so a failing query still gets a JSON error.
  const first = await source.page({ sort: request.sort, limit: CSV_BATCH_SIZE }, false);
  async function* rows(): AsyncGenerator<(string | number | boolean | null | undefined)[]> {
    let batch = first;
    for (;;) {
      for (const item of batch.items) yield source.csv.columns.map((c) => cell(c, item));
      if (!batch.nextCursor) return;
      batch = await source.page({ sort: request.sort, limit: CSV_BATCH_SIZE, cursor: batch.nextCursor }, false);
    }
  }
  res.status(200);
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${source.csv.filename}"`);
  res.setHeader('Cache-Control', 'no-store');
  // RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote or line break.
  const csv = stringify({ header: true, columns: source.csv.columns.map((c) => c.header), record_delimiter: 'windows' });
  try {
    await pipeline(Readable.from(rows()), csv, res);
  } catch (err) {
    // Headers are gone: a failure mid-export (or a client hanging up) can only cut the response short.
    if (!res.destroyed) res.destroy(err as Error);
  }
}
