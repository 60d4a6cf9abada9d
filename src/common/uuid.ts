import { Injectable, type PipeTransform } from '@nestjs/common';
import { NotFoundError } from './errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids in paths are UUIDs; anything else is an unknown id (404), not a database error. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/**
 * The one rule for UUID path parameters: a malformed id names nothing, so it
 * answers 404 NOT_FOUND exactly like a well-formed id that does not exist
 * (`@Param('id', new IdPipe('Invoice'))`). The id reaches the service in
 * lower case, the form the database returns.
 */
@Injectable()
export class IdPipe implements PipeTransform<string, string> {
  constructor(private readonly what: string) {}

  transform(value: string): string {
    if (typeof value !== 'string' || !isUuid(value)) throw new NotFoundError(this.what, String(value));
    return value.toLowerCase();
  }
}
