import { parse } from 'csv-parse/sync';
import type { ImportFormat } from './import.entities.js';

/** What is wrong with a row or the file, as a code a client writes in its reader's language (the OpenAPI enum reads this list). */
export const IMPORT_ERROR_CODES = [
  'NOT_CSV', 'NOT_JSON', 'NOT_OBJECT', 'EMPTY_FILE', 'NO_INVOICE', 'BAD_COLUMN_NAME', 'DUPLICATE_COLUMN', 'CELL_COUNT',
  'DUPLICATE_IN_FILE', 'FIELD_INVALID', 'FIELD_REFUSED',
] as const;
export type ImportErrorCode = (typeof IMPORT_ERROR_CODES)[number];

/**
 * A problem with one row of an import file: its 1-based number, the field (dotted path), what is wrong
 * as a code with params (counts as numbers), and in English (`message`, a fallback for integrators).
 */
export interface RowError {
  row: number;
  field: string;
  code: ImportErrorCode;
  params: Record<string, string | number>;
  message: string;
}

export const rowError = (row: number, field: string, code: ImportErrorCode, params: RowError['params'], message: string): RowError =>
  ({ row, field, code, params, message });

export interface ParsedRow {
  row: number;
  value: Record<string, unknown>;
}

export interface ParsedFile {
  rows: ParsedRow[];
  errors: RowError[];
}

/** Media types an import is sent as, and the format each means. */
export const IMPORT_MEDIA_TYPES: Readonly<Record<string, ImportFormat>> = {
  'text/csv': 'csv',
  'application/x-ndjson': 'jsonl',
  'application/jsonl': 'jsonl',
  'application/x-jsonlines': 'jsonl',
};

export function importFormatOf(contentType: string | undefined): ImportFormat | null {
  const mediaType = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return IMPORT_MEDIA_TYPES[mediaType] ?? null;
}

/** Sets `value` at a dotted path (`customer.email`), creating the objects on the way. */
function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (next === undefined || typeof next !== 'object' || next === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]!] = value;
}

/**
 * CSV: a header row naming the intake request's fields, nested ones dotted
 * (`customer.externalId`, `customer.email`); an empty cell is an absent field.
 * Rows are numbered from 1 after the header.
 */
export function parseCsv(text: string): ParsedFile {
  let records: string[][];
  try {
    records = parse(text, { bom: true, trim: true, skip_empty_lines: true, relax_column_count: true });
  } catch (err) {
    const e = err as { message: string; lines?: number };
    return { rows: [], errors: [rowError(Math.max(0, (e.lines ?? 1) - 1), '(file)', 'NOT_CSV', { detail: e.message }, `not valid CSV: ${e.message}`)] };
  }
  const [header, ...data] = records;
  if (!header) return { rows: [], errors: [rowError(0, '(file)', 'EMPTY_FILE', { format: 'csv' }, 'the file is empty: expected a header row, then one row per invoice')] };
  const columns = header.map((name) => name.trim());
  const errors: RowError[] = [];
  const seen = new Set<string>();
  columns.forEach((name) => {
    if (!/^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)*$/.test(name)) {
      errors.push(rowError(0, name || '(empty)', 'BAD_COLUMN_NAME', { column: name }, 'a column name is a field name, nested ones dotted (customer.email)'));
    }
    if (seen.has(name)) errors.push(rowError(0, name, 'DUPLICATE_COLUMN', { column: name }, 'this column appears twice'));
    seen.add(name);
  });
  if (errors.length > 0) return { rows: [], errors };
  const rows: ParsedRow[] = [];
  data.forEach((cells, i) => {
    const row = i + 1;
    if (cells.length !== columns.length) {
      errors.push(rowError(row, '(row)', 'CELL_COUNT', { expected: columns.length, found: cells.length }, `expected ${columns.length} cells as in the header, found ${cells.length}`));
      return;
    }
    const value: Record<string, unknown> = {};
    cells.forEach((cell, c) => {
      if (cell !== '') setPath(value, columns[c]!, cell);
    });
    rows.push({ row, value });
  });
  return { rows, errors };
}

/** JSON lines: one intake request (as POST /api/v1/invoices takes it) per line; blank lines are skipped, rows numbered by line. */
export function parseJsonLines(text: string): ParsedFile {
  const rows: ParsedRow[] = [];
  const errors: RowError[] = [];
  text.replace(/^\uFEFF/, '').split(/\r?\n/).forEach((line, i) => {
    const row = i + 1;
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      errors.push(rowError(row, '(row)', 'NOT_JSON', { detail: (err as Error).message }, `not valid JSON: ${(err as Error).message}`));
      return;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      errors.push(rowError(row, '(row)', 'NOT_OBJECT', {}, 'each line must be a JSON object (an invoice with its customer)'));
      return;
    }
    rows.push({ row, value: value as Record<string, unknown> });
  });
  if (rows.length === 0 && errors.length === 0) errors.push(rowError(0, '(file)', 'EMPTY_FILE', { format: 'jsonl' }, 'the file is empty: expected one invoice per line'));
  return { rows, errors };
}

export function parseImportFile(format: ImportFormat, text: string): ParsedFile {
  return format === 'csv' ? parseCsv(text) : parseJsonLines(text);
}
