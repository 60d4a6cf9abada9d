import { ApiProperty } from '@nestjs/swagger';

/**
 * The `params` of a coded reason: what its sentence is made of, so a client writes it in its
 * reader's language. Counts and days are numbers; money is a decimal string beside its `currency`
 * (keys `amount` or ending in `Amount`); dates are ISO strings (keys `date` or ending in `Date` / `On`).
 */
export const ApiReasonParams = (description: string, example: Record<string, string | number>, nullable = false): PropertyDecorator =>
  ApiProperty({ type: 'object', nullable, additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }] }, example, description });
