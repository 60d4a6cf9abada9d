import { isUuid } from '../uuid.js';
import { FieldValidationError } from '../validation.js';

/** How a sort key's value is written in a cursor and cast back in SQL. */
export type SortKeyType = 'date' | 'text' | 'bigint' | 'timestamptz';

/** The position after the last row of a page: its sort key's value and its id (the tie-break). */
export interface CursorPosition {
  /** The sort it was made for, with its direction (`-dueDate`): a cursor is only valid for that sort. */
  sort: string;
  value: string;
  id: string;
}

/** Opaque to clients: base64url of the position. Not secret (it holds what the page showed), only unreadable by design. */
export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.sort, position.value, position.id]), 'utf8').toString('base64url');
}

const VALUE_SHAPE: Record<SortKeyType, RegExp> = {
  date: /^\d{4}-\d{2}-\d{2}$/,
  bigint: /^-?\d{1,19}$/,
  timestamptz: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/,
  text: /^[\s\S]{0,1000}$/,
};

/** Reads a cursor made for `sort`; anything else (garbage, another sort, a tampered value) is a 400 on `cursor`. */
export function decodeCursor(cursor: string, sort: string, type: SortKeyType): CursorPosition {
  const refuse = (why: string) => new FieldValidationError([{ field: 'cursor', messages: [why] }]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw refuse('cursor is not a cursor returned by this list (use nextCursor as given)');
  }
  if (!Array.isArray(parsed) || parsed.length !== 3 || !parsed.every((p) => typeof p === 'string')) {
    throw refuse('cursor is not a cursor returned by this list (use nextCursor as given)');
  }
  const [madeFor, value, id] = parsed as [string, string, string];
  if (madeFor !== sort) throw refuse(`cursor was made for sort ${madeFor}, not ${sort}: start again without a cursor`);
  if (!isUuid(id) || !VALUE_SHAPE[type].test(value)) throw refuse('cursor is damaged');
  return { sort, value, id };
}
