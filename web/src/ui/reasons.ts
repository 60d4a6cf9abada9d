import type { IntlShape } from 'react-intl';
import { formatDate, formatMoney } from './format';

/** A coded reason's parameters as the API gives them: counts and days as numbers, money and dates as strings. */
export type ReasonParams = Readonly<Record<string, string | number>>;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The parameters in the reader's format: money (`amount` or `…Amount` beside a `currency`) and ISO dates
 * formatted; numbers stay numbers so the messages' ICU plurals and number formats apply.
 */
export function reasonValues(params: ReasonParams, locale: string): Record<string, string | number> {
  const values: Record<string, string | number> = { ...params };
  const currency = params.currency;
  for (const [key, value] of Object.entries(params)) {
    if (typeof value !== 'string') continue;
    if ((key === 'amount' || key.endsWith('Amount')) && typeof currency === 'string') values[key] = formatMoney({ amount: value, currency }, locale);
    else if (ISO_DATE.test(value)) values[key] = formatDate(value, locale);
  }
  return values;
}

/**
 * A reason the API explains with a code and parameters, written from the catalogue message `id`.
 * A code this console has no message for, or a reason recorded before it had parameters, shows the API's English text.
 */
export function formatReason(intl: IntlShape, id: string, params: ReasonParams | null | undefined, english: string, extra: Record<string, string | number> = {}): string {
  if (!params || !(id in intl.messages)) return english;
  return intl.formatMessage({ id }, { ...reasonValues(params, intl.locale), ...extra });
}
