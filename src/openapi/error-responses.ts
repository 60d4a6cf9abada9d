import type { ResponseObject, SchemaObject } from '@nestjs/swagger';

/** The one error body every route answers with (HttpErrorFilter, the body parser, the rate limiter). */
export const ERROR_SCHEMAS: Record<string, SchemaObject> = {
  FieldError: {
    type: 'object',
    required: ['field', 'messages'],
    properties: {
      field: { type: 'string', description: 'Dotted path of the offending field, e.g. `customer.email` or `allocations[0].amount`' },
      messages: { type: 'array', items: { type: 'string' } },
    },
  },
  Error: {
    type: 'object',
    required: ['statusCode', 'code', 'message'],
    description: 'Every error: `{ statusCode, code, message }` plus the details of its code (field `errors` for VALIDATION_FAILED, `limitBytes` for PAYLOAD_TOO_LARGE…).',
    properties: {
      statusCode: { type: 'integer', minimum: 400, maximum: 599 },
      code: {
        type: 'string',
        description: 'Stable machine-readable code: VALIDATION_FAILED, MALFORMED_BODY, UNAUTHORIZED, FORBIDDEN, NOT_ASSIGNED, NOT_FOUND, '
          + 'PAYLOAD_TOO_LARGE, RATE_LIMITED, DATABASE_UNAVAILABLE, DEPENDENCY_UNAVAILABLE, or a business code (PAYMENT_CONFLICT…)',
        examples: ['VALIDATION_FAILED'],
      },
      message: { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
      errors: { type: 'array', items: { $ref: '#/components/schemas/FieldError' }, description: 'VALIDATION_FAILED: one entry per offending field' },
    },
    additionalProperties: true,
  },
};

const error = (description: string, example: Record<string, unknown>, headers?: ResponseObject['headers']): ResponseObject => ({
  description,
  ...(headers ? { headers } : {}),
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' }, example } },
});

const retryAfter = { 'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer' } } } as const;

/** Reusable responses (`#/components/responses/...`), added to each operation by what its metadata says it can answer. */
export const ERROR_RESPONSES = {
  BadRequest: error('The request is invalid: VALIDATION_FAILED with one entry per offending field (MALFORMED_BODY when the body is not JSON); nothing was written', {
    statusCode: 400, code: 'VALIDATION_FAILED', message: 'The request is invalid',
    errors: [{ field: 'amount', messages: ['amount must be sent as a JSON string such as "1250.00", not as a number (numbers lose digits)'] }],
  }),
  Unauthorized: error('No valid `Authorization: Bearer <token>` header', {
    statusCode: 401, code: 'UNAUTHORIZED', message: 'Missing Authorization: Bearer <token> header',
  }, { 'WWW-Authenticate': { schema: { type: 'string' } } }),
  Forbidden: error("The token holds none of the route's roles (FORBIDDEN), or its holder is not assigned to the item (NOT_ASSIGNED)", {
    statusCode: 403, code: 'FORBIDDEN', message: 'This needs one of the roles: erp',
  }),
  NotFound: error('No such item, or not one the caller may see (need-to-know answers as if absent)', {
    statusCode: 404, code: 'NOT_FOUND', message: 'Invoice 4f0c… not found',
  }),
  Conflict: error('The item exists with other content, or its state forbids the change (e.g. PAYMENT_CONFLICT)', {
    statusCode: 409, code: 'PAYMENT_CONFLICT', message: 'Payment PAY-1 was already recorded with other content',
  }),
  PayloadTooLarge: error('The body is larger than RELANCE_BODY_LIMIT_KB', {
    statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: 'The request body is larger than the 1048576 bytes accepted', limitBytes: 1048576,
  }),
  UnprocessableEntity: error('Well-formed but refused by a business rule; nothing was written', {
    statusCode: 422, code: 'CURRENCY_MISMATCH', message: 'The payment currency differs from the invoice currency',
  }),
  TooManyRequests: error('RATE_LIMITED: too many requests from this address on a public page', {
    statusCode: 429, code: 'RATE_LIMITED', message: 'Too many requests: try again in 42 s', retryAfterSeconds: 42,
  }, retryAfter),
  RequestHeaderFieldsTooLarge: {
    description: 'The request line and headers (URL and query string included) exceed the HTTP server\'s limit (16 KiB): refused by the server before any route runs, with no body',
  },
  ServiceUnavailable: error('DATABASE_UNAVAILABLE (PostgreSQL unreachable) or DEPENDENCY_UNAVAILABLE (Temporal or another capability cannot be read): retry later; ERP deliveries are idempotent', {
    statusCode: 503, code: 'DATABASE_UNAVAILABLE', message: 'The database is unavailable; retry later',
  }, retryAfter),
} satisfies Record<string, ResponseObject>;

export type ErrorResponseName = keyof typeof ERROR_RESPONSES;
