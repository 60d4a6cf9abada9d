/**
 * Exact money: amounts are integers in the currency's minor unit (bigint),
 * carried across the wire and in workflow payloads as decimal strings.
 */

/** ISO 4217 currencies whose minor unit is not 2 digits. */
const MINOR_UNIT_EXCEPTIONS: Readonly<Record<string, number>> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0,
  RWF: 0, UGX: 0, UYI: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  CLF: 4, UYW: 4,
};

export function minorUnitDigits(currency: string): number {
  return MINOR_UNIT_EXCEPTIONS[currency] ?? 2;
}

export class MoneyFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MoneyFormatError';
  }
}

const DECIMAL = /^(-)?(\d{1,15})(?:\.(\d+))?$/;

/** "1250.5" in EUR → 125050n. Rejects more decimals than the currency has. */
export function parseAmount(value: string, currency: string): bigint {
  const match = DECIMAL.exec(value.trim());
  if (!match) throw new MoneyFormatError(`"${value}" is not a decimal amount`);
  const [, sign, whole, fraction = ''] = match;
  const digits = minorUnitDigits(currency);
  const significant = fraction.replace(/0+$/, '');
  if (significant.length > digits) {
    throw new MoneyFormatError(`${currency} amounts have at most ${digits} decimal places`);
  }
  const minor = BigInt(whole!) * 10n ** BigInt(digits) + BigInt((significant.padEnd(digits, '0')) || '0');
  return sign ? -minor : minor;
}

/** 125050n in EUR → "1250.50". */
export function formatAmount(minor: bigint, currency: string): string {
  const digits = minorUnitDigits(currency);
  const negative = minor < 0n;
  const abs = negative ? -minor : minor;
  const scale = 10n ** BigInt(digits);
  const whole = (abs / scale).toString();
  const fraction = digits > 0 ? '.' + (abs % scale).toString().padStart(digits, '0') : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

export function sumMinor(values: readonly bigint[]): bigint {
  return values.reduce((total, v) => total + v, 0n);
}
