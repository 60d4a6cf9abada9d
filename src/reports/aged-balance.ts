import type { BucketSums } from '../ledger/ledger-queries.js';
import { minorUnitDigits } from '../../workflows/domain/money.js';

export const BUCKETS = ['current', '1-30', '31-60', '61-90', '91-120', '120+'] as const;

export type BucketAmounts = Record<(typeof BUCKETS)[number] | 'total', string>;

export function addBuckets(a: BucketSums, b: BucketSums): BucketSums {
  return { b0: a.b0 + b.b0, b1: a.b1 + b.b1, b2: a.b2 + b.b2, b3: a.b3 + b.b3, b4: a.b4 + b.b4, b5: a.b5 + b.b5 };
}

export function bucketsTotal(b: BucketSums): bigint {
  return b.b0 + b.b1 + b.b2 + b.b3 + b.b4 + b.b5;
}

/**
 * formatAmount's output by string slicing, without bigint division: a report
 * formats 9 amounts per group, 90,000 for 10,000 customers.
 */
export function formatMinor(minor: bigint, digits: number): string {
  return formatMinorText(minor.toString(), digits);
}

/** formatMinor of an integer in decimal text (as PostgreSQL returns a bigint). */
export function formatMinorText(minor: string, digits: number): string {
  const negative = minor.startsWith('-');
  const text = negative ? minor.slice(1) : minor;
  if (digits === 0) return minor;
  const padded = text.padStart(digits + 1, '0');
  const formatted = `${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
  return negative ? `-${formatted}` : formatted;
}

/**
 * Compares two amounts in decimal text with the same number of fraction digits and no
 * leading zeros (`-` for negatives), as formatMinor writes them, without parsing them.
 */
export function compareDecimalText(a: string, b: string): number {
  if (a === b) return 0;
  const negA = a.startsWith('-');
  const negB = b.startsWith('-');
  if (negA !== negB) return negA ? -1 : 1;
  const magnitude = a.length !== b.length ? a.length - b.length : a < b ? -1 : 1;
  return negA ? -magnitude : magnitude;
}

/** Buckets as the API shows them: decimal strings in the currency's minor unit. */
export function toBucketAmounts(b: BucketSums, currency: string): BucketAmounts {
  const digits = minorUnitDigits(currency);
  const f = (v: bigint) => formatMinor(v, digits);
  return {
    current: f(b.b0), '1-30': f(b.b1), '31-60': f(b.b2), '61-90': f(b.b3), '91-120': f(b.b4), '120+': f(b.b5), total: f(bucketsTotal(b)),
  };
}
