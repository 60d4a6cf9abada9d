import { describe, expect, test } from '@jest/globals';
import { importFormatOf, parseCsv, parseJsonLines } from '../../../src/imports/import-file.js';

describe('import files', () => {
  test('CSV: dotted headers become nested fields, empty cells absent fields, rows numbered after the header', () => {
    const csv = '\uFEFFexternalId,number,customer.externalId,customer.name,customer.email,amount,paymentTerms\r\n'
      + 'INV-1,F-1,C-1,"Acme, SARL",ap@acme.example,1250.00,\r\n'
      + '\r\n'
      + 'INV-2,F-2,C-2,Beta,,10.00,net_30\r\n';
    expect(parseCsv(csv)).toEqual({
      errors: [],
      rows: [
        { row: 1, value: { externalId: 'INV-1', number: 'F-1', customer: { externalId: 'C-1', name: 'Acme, SARL', email: 'ap@acme.example' }, amount: '1250.00' } },
        { row: 2, value: { externalId: 'INV-2', number: 'F-2', customer: { externalId: 'C-2', name: 'Beta' }, amount: '10.00', paymentTerms: 'net_30' } },
      ],
    });
  });

  test('CSV: a row with too few or too many cells, a bad header, broken quoting are named', () => {
    expect(parseCsv('externalId,amount\nINV-1\nINV-2,1.00\n').errors).toEqual([
      { row: 1, field: '(row)', code: 'CELL_COUNT', params: { expected: 2, found: 1 }, message: 'expected 2 cells as in the header, found 1' },
    ]);
    expect(parseCsv('externalId,amount,amount\n').errors).toEqual([
      { row: 0, field: 'amount', code: 'DUPLICATE_COLUMN', params: { column: 'amount' }, message: 'this column appears twice' },
    ]);
    expect(parseCsv('external id\nx\n').errors[0]).toMatchObject({ row: 0, field: 'external id', code: 'BAD_COLUMN_NAME', params: { column: 'external id' } });
    expect(parseCsv('a,b\n"x,1\n').errors[0]).toMatchObject({
      field: '(file)', code: 'NOT_CSV', params: { detail: expect.any(String) }, message: expect.stringMatching(/^not valid CSV/),
    });
    expect(parseCsv('').errors[0]).toMatchObject({ row: 0, field: '(file)', code: 'EMPTY_FILE', params: { format: 'csv' } });
  });

  test('JSON lines: one object per line, numbered by line; blank lines skipped; bad lines named', () => {
    const parsed = parseJsonLines('{"externalId":"A"}\n\n[1]\n{oops\n{"externalId":"B"}\n');
    expect(parsed.rows).toEqual([{ row: 1, value: { externalId: 'A' } }, { row: 5, value: { externalId: 'B' } }]);
    expect(parsed.errors.map((e) => [e.row, e.field, e.code])).toEqual([[3, '(row)', 'NOT_OBJECT'], [4, '(row)', 'NOT_JSON']]);
    expect(parseJsonLines('\n\n').errors).toEqual([
      { row: 0, field: '(file)', code: 'EMPTY_FILE', params: { format: 'jsonl' }, message: 'the file is empty: expected one invoice per line' },
    ]);
  });

  test('the media type names the format', () => {
    expect(importFormatOf('text/csv; charset=utf-8')).toBe('csv');
    expect(importFormatOf('application/x-ndjson')).toBe('jsonl');
    expect(importFormatOf('application/json')).toBeNull();
    expect(importFormatOf(undefined)).toBeNull();
  });
});
