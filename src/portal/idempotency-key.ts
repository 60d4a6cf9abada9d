import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { Request } from 'express';
import { FieldValidationError } from '../common/validation.js';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
const KEY_SHAPE = /^[A-Za-z0-9_.:-]{8,100}$/;

/** Pure: the header's key (absent: null); a malformed one is a 400 on the header, nothing written. */
export function readIdempotencyKey(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  if (typeof value !== 'string' || !KEY_SHAPE.test(value)) {
    throw new FieldValidationError([{ field: IDEMPOTENCY_HEADER, messages: [`${IDEMPOTENCY_HEADER} must be 8 to 100 letters, digits or _ . : - (one per form submission)`] }]);
  }
  return value;
}

/** The request's Idempotency-Key, or null. */
export const IdempotencyKey = createParamDecorator((_data: unknown, context: ExecutionContext): string | null =>
  readIdempotencyKey(context.switchToHttp().getRequest<Request>().headers[IDEMPOTENCY_HEADER.toLowerCase()]));

/** Documents the header on a portal write. */
export const ApiIdempotencyKey = (): MethodDecorator => ApiHeader({
  name: IDEMPOTENCY_HEADER,
  required: false,
  schema: { type: 'string', pattern: KEY_SHAPE.source, minLength: 8, maxLength: 100 },
  description: 'One per form submission (the portal sends a random one). The same key again from the same customer answers with what the first request made, writing nothing: a double click or a retried request never makes two.',
});
