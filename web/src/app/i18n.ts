import appEn from './messages/en.json';
import appFr from './messages/fr.json';
import disputesEn from '../disputes/messages/en.json';
import disputesFr from '../disputes/messages/fr.json';
import creditEn from '../credit/messages/en.json';
import creditFr from '../credit/messages/fr.json';
import customersEn from '../customers/messages/en.json';
import customersFr from '../customers/messages/fr.json';
import invoicesEn from '../invoices/messages/en.json';
import invoicesFr from '../invoices/messages/fr.json';
import reportsEn from '../reports/messages/en.json';
import reportsFr from '../reports/messages/fr.json';
import sessionEn from '../session/messages/en.json';
import sessionFr from '../session/messages/fr.json';

export type Language = 'fr' | 'en';

/** ICU messages, one file per capability and language; French is the default. */
export const MESSAGES: Record<Language, Record<string, string>> = {
  fr: { ...appFr, ...sessionFr, ...disputesFr, ...reportsFr, ...customersFr, ...invoicesFr, ...creditFr },
  en: { ...appEn, ...sessionEn, ...disputesEn, ...reportsEn, ...customersEn, ...invoicesEn, ...creditEn },
};

const STORED = 'relance.language';

/** Before sign-in: the language last used on this browser, else the browser's own. */
export function guestLanguage(): Language {
  const stored = localStorage.getItem(STORED);
  if (stored === 'fr' || stored === 'en') return stored;
  return navigator.language.toLowerCase().startsWith('en') ? 'en' : 'fr';
}

export function rememberLanguage(language: Language): void {
  localStorage.setItem(STORED, language);
}
