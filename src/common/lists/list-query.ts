import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';

/** `true`/`false` in a query string (anything else stays a string and fails @IsBoolean). */
export const BooleanParameter = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value));

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

/**
 * Query parameters every list takes: `limit` (1–500, default 50), `cursor` (the previous page's
 * `nextCursor`) and `sort` (a whitelisted key, `-` first for descending). Lists extend it with
 * their filters and a `sort` checked with `@IsIn(sortParameterValues(...))`.
 */
export class ListQuery {
  @IsOptional() @Type(() => Number) @IsInt({ message: 'limit must be a whole number' })
  @Min(1) @Max(MAX_PAGE_SIZE, { message: `limit must not be greater than ${MAX_PAGE_SIZE}` })
  limit?: number;

  @IsOptional() @IsString() @Length(1, 2000)
  cursor?: string;

  /** `false`: skip counting (`total: null`), the fast path when paging through a large list. */
  @IsOptional() @BooleanParameter() @IsBoolean({ message: 'total must be true or false' })
  total?: boolean;
}


/** Every accepted `sort` value: each key ascending and, with `-`, descending. */
export function sortParameterValues(keys: Readonly<Record<string, unknown>>): string[] {
  return Object.keys(keys).flatMap((k) => [k, `-${k}`]);
}
