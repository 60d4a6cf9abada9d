import { registerDecorator, type ValidationOptions } from 'class-validator';
import { isIsoDate, isValidTimeZone } from '../../workflows/domain/calendar.js';

/** A calendar date `YYYY-MM-DD` that exists (no 2026-02-30). */
export function IsIsoDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isIsoDate',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: '$property must be an existing calendar date formatted YYYY-MM-DD', ...options },
      validator: { validate: (v: unknown) => typeof v === 'string' && isIsoDate(v) },
    });
}

const INSTANT = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|([+-])(\d{2}):(\d{2}))$/;

/**
 * An instant: ISO 8601 / RFC 3339 date-time carrying `Z` or an offset
 * (`2026-03-01T09:30:00+01:00`). Without one it would be read in the
 * server's zone, so it is refused. The date must exist; hours 00–23; the
 * offset within the ±14:00 that real zones use (PostgreSQL refuses beyond ±15:59).
 */
export function isInstant(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = INSTANT.exec(value);
  if (!m) return false;
  const [, date, hh, mm, ss = '00', , , oh = '00', om = '00'] = m;
  return isIsoDate(date!) && Number(hh) <= 23 && Number(mm) <= 59 && Number(ss) <= 59
    && Number(om) <= 59 && Number(oh) * 60 + Number(om) <= 14 * 60 && !Number.isNaN(Date.parse(value));
}

export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isInstant',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: '$property must be an ISO 8601 date-time with a time-zone offset or Z, such as 2026-03-01T09:30:00+01:00',
        ...options,
      },
      validator: { validate: (v: unknown) => isInstant(v) },
    });
}

export function IsTimeZone(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isTimeZone',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: '$property must be an IANA time zone such as Europe/Paris', ...options },
      validator: { validate: (v: unknown) => typeof v === 'string' && isValidTimeZone(v) },
    });
}

/** A calendar date (the UTC day from its midnight) or an instant with an offset. */
export function IsIsoDateOrInstant(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isIsoDateOrInstant',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: '$property must be a date YYYY-MM-DD or a date-time with an offset or Z, such as 2026-03-01T00:00:00Z',
        ...options,
      },
      validator: { validate: (v: unknown) => (typeof v === 'string' && isIsoDate(v)) || isInstant(v) },
    });
}
