import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsNumber, IsOptional, IsString, Length, Max, Min, ValidateBy } from 'class-validator';

/** `true`/`false` in a query string (anything else stays a string and fails @IsBoolean). */
export const BooleanParameter = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value));

/**
 * A percentage filter in a query string: a number from 0 to 100,000 with at most two decimals.
 * class-validator's own `maxDecimalPlaces` throws on exponent forms such as `5e-324` (a 500), so the
 * decimals are checked here.
 */
export const PercentageParameter = (example: string): PropertyDecorator => (target, key) => {
  const property = String(key);
  const message = `${property} must be a percentage from 0 to 100000 with at most two decimals, such as ${example}`;
  for (const decorate of [
    Type(() => Number),
    IsNumber({ allowNaN: false, allowInfinity: false }, { message }),
    Min(0, { message }),
    Max(100_000, { message }),
    ValidateBy({ name: 'hasAtMostTwoDecimals', validator: { validate: (v: unknown) => typeof v !== 'number' || Math.round(v * 100) / 100 === v, defaultMessage: () => message } }),
  ]) decorate(target, property);
};

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
