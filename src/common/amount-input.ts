import { minorUnitDigits } from '../../workflows/domain/money.js';
import type { FieldError } from './validation.js';

/** The largest ISO 4217 exponent (CLF, UYW): no amount in any currency has more decimals. */
export const MAX_AMOUNT_DECIMALS = 4;

/**
 * Why `value` is not an amount in `currency` (ISO 4217 exponent: EUR 2, JPY 0,
 * KWD 3…), or null when it is. Strings only: a JSON number has already lost
 * digits by the time it is parsed, so it is refused rather than converted.
 * More decimals than the currency has is an error, never a rounding.
 */
export function amountProblem(field: string, value: unknown, currency: string | null): string | null {
  if (typeof value === 'number') {
    return `${field} must be sent as a JSON string such as "1250.00", not as a number (numbers lose digits)`;
  }
  if (typeof value !== 'string') return `${field} must be a decimal string such as "1250.00"`;
  const match = /^(\d{1,15})(?:\.(\d+))?$/.exec(value);
  if (!match) return `${field} must be a positive decimal string such as "1250.00" (digits, at most 15 before the point)`;
  const decimals = match[2]?.length ?? 0;
  const allowed = currency === null ? MAX_AMOUNT_DECIMALS : minorUnitDigits(currency);
  if (decimals > allowed) {
    return currency === null
      ? `${field} has at most ${allowed} decimal places`
      : `${currency} amounts have at most ${allowed} decimal places`;
  }
  return null;
}

/** `value` in minor units of `currency`, once amountProblem has found nothing wrong. */
export function toMinor(value: string, currency: string): bigint {
  const digits = minorUnitDigits(currency);
  const [whole, fraction = ''] = value.split('.');
  return BigInt(whole!) * 10n ** BigInt(digits) + BigInt(fraction.padEnd(digits, '0') || '0');
}

/**
 * Parses a positive amount for `field`, collecting a field error instead of
 * throwing so a request reports every bad field at once. Returns 0n on error.
 */
export function positiveAmount(field: string, value: unknown, currency: string, errors: FieldError[]): bigint {
  const problem = amountProblem(field, value, currency);
  if (problem) {
    errors.push({ field, messages: [problem] });
    return 0n;
  }
  const minor = toMinor(value as string, currency);
  if (minor <= 0n) errors.push({ field, messages: [`${field} must be greater than zero`] });
  return minor;
}

/** Like positiveAmount, zero allowed. */
export function nonNegativeAmount(field: string, value: unknown, currency: string, errors: FieldError[]): bigint {
  const problem = amountProblem(field, value, currency);
  if (problem) {
    errors.push({ field, messages: [problem] });
    return 0n;
  }
  return toMinor(value as string, currency);
}
