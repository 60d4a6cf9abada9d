import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { AppError, NotFoundError } from './errors.js';

export interface FieldError {
  field: string;
  messages: string[];
}

/** One broken rule of a field: class-validator's constraint name (isString, isIn…) and its English message. */
export interface BrokenRule {
  field: string;
  rule: string;
  message: string;
}

/**
 * 400 with one entry per offending field (dotted path, e.g. `customer.email`). `rules` (not in the
 * response) names each broken constraint, for callers that report it with a code (imports).
 */
export class FieldValidationError extends AppError {
  constructor(readonly errors: FieldError[], readonly rules: BrokenRule[] = []) {
    super('VALIDATION_FAILED', 'The request is invalid', 400, { errors });
  }
}

export function brokenRules(errors: ValidationError[], prefix = ''): BrokenRule[] {
  const out: BrokenRule[] = [];
  for (const e of errors) {
    const field = prefix ? (/^\d+$/.test(e.property) ? `${prefix}[${e.property}]` : `${prefix}.${e.property}`) : e.property;
    for (const [rule, message] of Object.entries(e.constraints ?? {})) out.push({ field, rule, message });
    if (e.children?.length) out.push(...brokenRules(e.children, field));
  }
  return out;
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

const NULLABLE = Symbol('relance:nullable');

/**
 * On an `@IsOptional()` field: `null` is a value the service acts on (e.g. "clear the
 * manager"), so it reaches the DTO. Without it, `null` on an optional field means
 * "absent" and the pipe removes it, so a service never sees a `null` its type does not declare.
 */
export function Nullable(): PropertyDecorator {
  return (target, property) => {
    const own: Set<string | symbol> = Reflect.getOwnMetadata(NULLABLE, target) ?? new Set(Reflect.getMetadata(NULLABLE, target) ?? []);
    own.add(property);
    Reflect.defineMetadata(NULLABLE, own, target);
  };
}

const NUL_MESSAGE = 'must not contain the NUL character (U+0000)';

/** Fields (dotted paths, as in validation errors) whose string value — or key — holds a NUL character. */
export function fieldsWithNul(value: unknown, prefix = '', out: string[] = [], depth = 0): string[] {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) out.push(prefix || 'value');
    return out;
  }
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value) || depth > 32) return out;
  if (Array.isArray(value)) {
    value.forEach((item, i) => fieldsWithNul(item, `${prefix}[${i}]`, out, depth + 1));
    return out;
  }
  for (const [key, item] of Object.entries(value)) {
    const field = prefix ? `${prefix}.${key}` : key;
    if (key.includes('\u0000')) out.push(field);
    else fieldsWithNul(item, field, out, depth + 1);
  }
  return out;
}

/** Removes `null` from optional, non-`@Nullable()` fields of a validated DTO, nested DTOs included. */
function dropNullOptionals(value: unknown, depth = 0): void {
  if (value === null || typeof value !== 'object' || depth > 32) return;
  if (Array.isArray(value)) {
    for (const item of value) dropNullOptionals(item, depth + 1);
    return;
  }
  const ctor = (value as object).constructor;
  const optional = ctor && ctor !== Object ? optionalFields(ctor) : undefined;
  const nullable: Set<string | symbol> | undefined = ctor && ctor !== Object ? Reflect.getMetadata(NULLABLE, ctor.prototype as object) : undefined;
  const record = value as Record<string, unknown>;
  for (const [key, item] of Object.entries(record)) {
    if (item === null) {
      if (optional?.has(key) && !nullable?.has(key)) delete record[key];
    } else {
      dropNullOptionals(item, depth + 1);
    }
  }
}

const optionalCache = new WeakMap<object, Set<string>>();
function optionalFields(ctor: object): Set<string> {
  let fields = optionalCache.get(ctor);
  if (!fields) {
    fields = new Set(
      getMetadataStorage()
        .getTargetValidationMetadatas(ctor as new () => object, '', true, false)
        .filter((m) => m.name === 'isOptional')
        .map((m) => m.propertyName),
    );
    optionalCache.set(ctor, fields);
  }
  return fields;
}

/**
 * The API's one input pipe. Beyond class-validator (whitelisting: unknown fields are
 * refused, not silently dropped):
 * - a NUL character anywhere in a body or query string is a field error (PostgreSQL
 *   cannot store it), and in a path segment it names nothing (404);
 * - `null` on an optional field means "absent" unless the field is `@Nullable()`.
 */
export class RelanceValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      forbidUnknownValues: true,
      exceptionFactory: (errors) => new FieldValidationError(flattenValidationErrors(errors), brokenRules(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      const fields = fieldsWithNul(value, metadata.type === 'param' ? (metadata.data ?? '') : '');
      if (fields.length > 0) {
        if (metadata.type === 'param') throw new NotFoundError('Resource', fields[0]!);
        throw new FieldValidationError(fields.map((field) => ({ field, messages: [`${field} ${NUL_MESSAGE}`] })));
      }
    }
    const result: unknown = await super.transform(value, metadata);
    if (metadata.type === 'body' || metadata.type === 'query') dropNullOptionals(result);
    return result;
  }
}

export function createValidationPipe(): ValidationPipe {
  return new RelanceValidationPipe();
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
