import { defaultMetadataStorage } from 'class-transformer/cjs/storage.js';
import { getMetadataStorage } from 'class-validator';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { ApiProperty, type SchemaObject } from '@nestjs/swagger';
import { MAX_AMOUNT_DECIMALS } from '../common/amount-input.js';

type ConverterOptions = NonNullable<Parameters<typeof validationMetadatasToSchemas>[0]>;

/** The pattern every money field follows: a decimal string, never a JSON number. */
export const DECIMAL_AMOUNT_PATTERN = `^\\d{1,15}(\\.\\d{1,${MAX_AMOUNT_DECIMALS}})?$`;

const DATE: SchemaObject = { type: 'string', format: 'date', examples: ['2026-03-31'] };
const INSTANT: SchemaObject = { type: 'string', format: 'date-time', examples: ['2026-03-01T09:30:00+01:00'] };

/** Our own class-validator decorators (registerDecorator names) as JSON Schema. */
const CUSTOM_CONVERTERS: Record<string, SchemaObject> = {
  decimalAmount: {
    type: 'string', pattern: DECIMAL_AMOUNT_PATTERN, examples: ['1250.00'],
    description: 'Decimal string; no more decimals than the currency has (EUR 2, JPY 0, KWD 3).',
  },
  isIsoDate: DATE,
  isInstant: INSTANT,
  isIsoDateOrInstant: { anyOf: [DATE, INSTANT] },
  isTimeZone: { type: 'string', examples: ['Europe/Paris'], description: 'IANA time zone' },
  isISO4217CurrencyCode: { type: 'string', pattern: '^[A-Z]{3}$', examples: ['EUR'], description: 'ISO 4217 currency code' },
};

/**
 * JSON Schemas of every class-validator DTO, keyed by class name, derived from
 * the validation decorators themselves: what is documented is what the
 * ValidationPipe enforces. Unknown properties are refused (forbidNonWhitelisted),
 * hence `additionalProperties: false`.
 */
export function dtoSchemas(): Record<string, SchemaObject> {
  assertUniqueDtoNames();
  const schemas = validationMetadatasToSchemas({
    refPointerPrefix: '#/components/schemas/',
    classTransformerMetadataStorage: defaultMetadataStorage,
    // openapi3-ts's SchemaObject (3.0) and @nestjs/swagger's (3.1) differ only in types these schemas do not use.
    additionalConverters: CUSTOM_CONVERTERS as ConverterOptions['additionalConverters'],
  }) as Record<string, SchemaObject>;
  for (const schema of Object.values(schemas)) {
    if (schema.type !== 'object') continue;
    schema.additionalProperties = false;
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      if (!schema.required?.includes(name)) schema.properties![name] = orNull(property as SchemaObject);
    }
  }
  return schemas;
}

/** @IsOptional() lets null through as well as absence: the document says so. */
function orNull(property: SchemaObject): SchemaObject {
  if (typeof property.type === 'string' && !('$ref' in property)) return { ...property, type: [property.type, 'null'] } as unknown as SchemaObject;
  return { anyOf: [property, { type: 'null' }] };
}

/** Two validated classes with one name would merge into one schema: refuse it. */
function assertUniqueDtoNames(): void {
  const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<unknown, unknown> };
  const seen = new Map<string, unknown>();
  for (const target of storage.validationMetadatas.keys()) {
    if (typeof target !== 'function') continue;
    const other = seen.get(target.name);
    if (other && other !== target) throw new Error(`Two validated classes are named ${target.name}: rename one (OpenAPI schemas are keyed by class name)`);
    seen.set(target.name, target);
  }
}

/** A balance that may be negative (credit notes larger than what they offset, more credited than sold in a period). */
export const SIGNED_DECIMAL_AMOUNT_PATTERN = `^-?\\d{1,15}(\\.\\d{1,${MAX_AMOUNT_DECIMALS}})?$`;

/** A money field of a response view: the same decimal-string contract as the requests'. */
export const ApiDecimalAmount = (description?: string): PropertyDecorator =>
  ApiProperty({ type: 'string', pattern: DECIMAL_AMOUNT_PATTERN, example: '1250.00', ...(description ? { description } : {}) });

/** A balance of a response view that may go below zero: a decimal string with an optional minus sign. */
export const ApiSignedAmount = (description?: string): PropertyDecorator =>
  ApiProperty({ type: 'string', pattern: SIGNED_DECIMAL_AMOUNT_PATTERN, example: '-50.00', ...(description ? { description } : {}) });
