/**
 * How messages write money, dates and rates in each language. Exact: amounts
 * go to Intl as decimal strings built from bigint minor units, never floats.
 */
import { formatAmount } from '../../workflows/domain/money.js';

export type MessageLanguage = 'fr' | 'en';

const LOCALES: Record<MessageLanguage, string> = { fr: 'fr-FR', en: 'en-GB' };

/** The contact's language ('fr', 'en', 'en-GB'…) as a message language; French otherwise. */
export function messageLanguage(language: string | null | undefined): MessageLanguage {
  return language?.trim().toLowerCase().split(/[-_]/)[0] === 'en' ? 'en' : 'fr';
}

export interface LocaleFormat {
  /** 125000n EUR → fr "1 250,00 €", en "€1,250.00". */
  money(minor: bigint, currency: string): string;
  /** 2026-03-10 → fr "10 mars 2026" ("1er mars 2026"), en "10 March 2026". */
  date(iso: string): string;
  /** 1315 bp → fr "13,15 %", en "13.15%". */
  rate(basisPoints: number): string;
}

export function localeFormat(language: MessageLanguage): LocaleFormat {
  const locale = LOCALES[language];
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const currencies = new Map<string, Intl.NumberFormat>();
  return {
    money(minor, currency) {
      let f = currencies.get(currency);
      if (!f) currencies.set(currency, (f = new Intl.NumberFormat(locale, { style: 'currency', currency })));
      // Intl formats a decimal string exactly (a number would go through binary floating point).
      return f.format(formatAmount(minor, currency) as unknown as number);
    },
    date(iso) {
      const text = dates.format(new Date(`${iso}T00:00:00Z`));
      // French writes the first of the month as an ordinal: "1er mars 2026".
      return language === 'fr' && iso.endsWith('-01') ? text.replace(/^1 /, '1er ') : text;
    },
    rate: (basisPoints) => percent.format(basisPointsAsFraction(basisPoints) as unknown as number),
  };
}

/** 1315 → "0.1315": the exact fraction as a decimal string. */
function basisPointsAsFraction(basisPoints: number): string {
  const sign = basisPoints < 0 ? '-' : '';
  const digits = Math.abs(basisPoints).toString().padStart(5, '0');
  return `${sign}${digits.slice(0, -4)}.${digits.slice(-4)}`;
}
