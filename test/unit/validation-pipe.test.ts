import 'reflect-metadata';
import { describe, expect, test } from '@jest/globals';
import { Type } from 'class-transformer';
import { IsOptional, IsString, ValidateNested } from 'class-validator';
import { FieldValidationError, fieldsWithNul, Nullable, RelanceValidationPipe } from '../../src/common/validation.js';
import { NotFoundError } from '../../src/common/errors.js';

class Inner {
  @IsOptional() @IsString()
  note?: string;
}

class Body {
  @IsOptional() @IsString()
  entity?: string;

  @Nullable() @IsOptional() @IsString()
  description?: string | null;

  @IsOptional() @ValidateNested() @Type(() => Inner)
  inner?: Inner;
}

const pipe = new RelanceValidationPipe();
const asBody = { type: 'body', metatype: Body } as const;

describe('RelanceValidationPipe', () => {
  test('null on an optional field is removed (absent); a @Nullable() field keeps it; nested DTOs too', async () => {
    const out = (await pipe.transform({ entity: null, description: null, inner: { note: null } }, asBody)) as Body;
    expect(out).toBeInstanceOf(Body);
    expect('entity' in out).toBe(false);
    expect(out.description).toBeNull();
    expect('note' in out.inner!).toBe(false);
  });

  test('a NUL character in a body is a field error per offending field, keys included', async () => {
    const error = await pipe.transform({ entity: 'a\u0000', inner: { note: '\u0000' } }, asBody).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FieldValidationError);
    expect((error as FieldValidationError).errors.map((e) => e.field)).toEqual(['entity', 'inner.note']);
    expect(fieldsWithNul({ ['k\u0000']: 1, list: ['ok', 'n\u0000'] })).toEqual(['k\u0000', 'list[1]']);
  });

  test('a NUL character in a path parameter names nothing: 404', async () => {
    await expect(pipe.transform('A\u0000', { type: 'param', data: 'externalId', metatype: String })).rejects.toBeInstanceOf(NotFoundError);
    await expect(pipe.transform('ABC', { type: 'param', data: 'externalId', metatype: String })).resolves.toBe('ABC');
  });

  test('bytes (raw bodies) are not walked', () => {
    expect(fieldsWithNul(Buffer.from([0, 0, 0]))).toEqual([]);
  });
});
