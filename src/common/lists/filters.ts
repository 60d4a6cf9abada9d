import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { toMinor } from '../amount-input.js';
import { FieldValidationError } from '../validation.js';
import { dateInZone } from '../../../workflows/domain/calendar.js';

/** Amount filters compare minor units within one currency: without `currency` they are refused. */
export function minorBounds(
  query: { currency?: string } & Record<string, unknown>,
  fields: readonly string[],
): Map<string, bigint> {
  const given = fields.filter((f) => typeof query[f] === 'string');
  if (given.length === 0) return new Map();
  if (!query.currency) {
    throw new FieldValidationError(given.map((field) => ({ field, messages: [`${field} needs currency (amounts compare within one currency)`] })));
  }
  return new Map(given.map((f) => [f, toMinor(query[f] as string, query.currency!)]));
}

/** Each legal entity's "today" in its own zone: `CASE <entity column> WHEN … THEN date END` with its parameters. */
export function todayByEntitySql(
  entityColumn: string,
  entities: readonly { id: string; timeZone: string }[],
  nowMs: number,
  prefix: string,
): { sql: string; params: Record<string, string> } {
  const params: Record<string, string> = {};
  if (entities.length === 0) return { sql: 'CAST(NULL AS date)', params };
  const cases = entities.map((e, i) => {
    params[`${prefix}E${i}`] = e.id;
    params[`${prefix}D${i}`] = dateInZone(nowMs, e.timeZone);
    return `WHEN CAST(:${prefix}E${i} AS uuid) THEN CAST(:${prefix}D${i} AS date)`;
  });
  return { sql: `(CASE ${entityColumn} ${cases.join(' ')} END)`, params };
}

/** An unknown code given as a filter is the caller's mistake, not an empty list. */
export function unknownFilterValue(field: string, value: string): FieldValidationError {
  return new FieldValidationError([{ field, messages: [`${field} ${value} does not exist`] }]);
}

/** `CASE <entity column> WHEN … THEN '<IANA zone>' END`: each row's entity zone, to read its instants as local days. */
export function zoneByEntitySql(
  entityColumn: string,
  entities: readonly { id: string; timeZone: string }[],
  prefix: string,
): { sql: string; params: Record<string, string> } {
  const params: Record<string, string> = {};
  const cases = entities.map((e, i) => {
    params[`${prefix}E${i}`] = e.id;
    params[`${prefix}Z${i}`] = e.timeZone;
    return `WHEN CAST(:${prefix}E${i} AS uuid) THEN CAST(:${prefix}Z${i} AS text)`;
  });
  return { sql: entities.length === 0 ? "'UTC'" : `(CASE ${entityColumn} ${cases.join(' ')} END)`, params };
}

/** Narrows an instant column to local days `from`–`to` (inclusive) in each row's entity zone. */
export function localDayRange<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  column: string,
  entityColumn: string,
  entities: readonly { id: string; timeZone: string }[],
  range: { from?: string; to?: string },
): void {
  if (!range.from && !range.to) return;
  const zone = zoneByEntitySql(entityColumn, entities, `zone${column.replace(/\W/g, '')}`);
  const day = `CAST(timezone(${zone.sql}, ${column}) AS date)`;
  query.setParameters(zone.params);
  if (range.from) query.andWhere(`${day} >= CAST(:rangeFrom AS date)`, { rangeFrom: range.from });
  if (range.to) query.andWhere(`${day} <= CAST(:rangeTo AS date)`, { rangeTo: range.to });
}
