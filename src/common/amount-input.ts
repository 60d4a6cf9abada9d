import { MoneyFormatError, parseAmount } from '../../workflows/domain/money.js';
import type { FieldError } from './validation.js';

/**
 * Parses a positive amount for `field`, collecting a field error instead of
 * throwing so a request reports every bad field at once. Returns 0n on error.
 */
export function positiveAmount(field: string, value: string, currency: string, errors: FieldError[]): bigint {
  try {
    const minor = parseAmount(value, currency);
    if (minor <= 0n) errors.push({ field, messages: [`${field} must be greater than zero`] });
    return minor;
  } catch (err) {
    if (!(err instanceof MoneyFormatError)) throw err;
    errors.push({ field, messages: [err.message] });
    return 0n;
  }
}
