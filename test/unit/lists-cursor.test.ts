import { describe, expect, test } from '@jest/globals';
import { decodeCursor, encodeCursor } from '../../src/common/lists/cursor.js';
import { FieldValidationError } from '../../src/common/validation.js';
import { limitUsePercent } from '../../src/customer-account/limit-use.js';

const id = '0b6f6c1e-6a43-4f39-9d43-5a0e8c9f1a2b';

describe('list cursors', () => {
  test('round-trip, opaque (base64url)', () => {
    const cursor = encodeCursor({ sort: '-dueDate', value: '2026-03-01', id });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, '-dueDate', 'date')).toEqual({ sort: '-dueDate', value: '2026-03-01', id });
  });

  test.each([
    ['garbage', 'not a cursor!', '-dueDate', 'date'],
    ['another sort', encodeCursor({ sort: 'dueDate', value: '2026-03-01', id }), '-dueDate', 'date'],
    ['a value of the wrong shape', encodeCursor({ sort: 'amount', value: '12; DROP TABLE x', id }), 'amount', 'bigint'],
    ['a bad id', encodeCursor({ sort: 'amount', value: '12', id: 'x' }), 'amount', 'bigint'],
    ['a JSON that is not a cursor', Buffer.from('{"a":1}').toString('base64url'), 'amount', 'bigint'],
  ] as const)('refuses %s with a field error on cursor', (_what, cursor, sort, type) => {
    let thrown: unknown;
    try {
      decodeCursor(cursor, sort, type);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(FieldValidationError);
    expect((thrown as FieldValidationError).errors.map((e) => e.field)).toEqual(['cursor']);
  });

  test('timestamps keep microsecond-free ISO form; text values may hold anything', () => {
    expect(decodeCursor(encodeCursor({ sort: 'createdAt', value: '2026-03-01T10:00:00.123Z', id }), 'createdAt', 'timestamptz').value).toBe('2026-03-01T10:00:00.123Z');
    expect(decodeCursor(encodeCursor({ sort: 'name', value: 'Beta & Co, "Quoted" é', id }), 'name', 'text').value).toBe('Beta & Co, "Quoted" é');
  });
});

describe('limit use', () => {
  test.each([
    [90000n, 200000n, 45],
    [500000n, 400000n, 125],
    [1n, 3n, 33.3],
    [2n, 3n, 66.7],
    [0n, 100n, 0],
    [10n, 0n, null],
    [10n, null, null],
  ])('%s of %s → %s %%', (open, limit, expected) => {
    expect(limitUsePercent(open, limit)).toBe(expected);
  });
});
