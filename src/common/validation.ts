import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { AppError } from './errors.js';

export interface FieldError {
  field: string;
  messages: string[];
}

/** 400 with one entry per offending field (dotted path, e.g. `customer.email`). */
export class FieldValidationError extends AppError {
  constructor(readonly errors: FieldError[]) {
    super('VALIDATION_FAILED', 'The request is invalid', 400, { errors });
  }
}

export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const field = prefix ? (/^\d+$/.test(e.property) ? `${prefix}[${e.property}]` : `${prefix}.${e.property}`) : e.property;
    if (e.constraints) out.push({ field, messages: Object.values(e.constraints) });
    if (e.children?.length) out.push(...flattenValidationErrors(e.children, field));
  }
  return out;
}

/** Whitelisting pipe: unknown fields are refused, not silently dropped. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    exceptionFactory: (errors) => new FieldValidationError(flattenValidationErrors(errors)),
  });
}

/**
 * 422 with one entry per offending field: the request is well formed but
 * breaks a business rule (another customer's invoice, more than is open,
 * payment terms beyond the legal maximum). Changes nothing, like a 400.
 */
export class FieldRuleError extends AppError {
  constructor(code: string, readonly errors: FieldError[], message = 'The request breaks a business rule') {
    super(code, message, 422, { errors });
  }
}
