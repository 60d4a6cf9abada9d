import { StatementFormatError } from './statement.js';

/** A calendar date from day, month and a two-digit year (00–99 → 2000–2099). */
export function isoDate(year: number, month: number, day: number, line: number | null, field: string, raw: string): string {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    throw new StatementFormatError(line, field, `"${raw}" is not a valid date`);
  }
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function twoDigitYear(yy: string): number {
  return 2000 + Number(yy);
}
