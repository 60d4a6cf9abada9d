import adminEn from '../admin/messages/en.json';
import adminFr from '../admin/messages/fr.json';
import organizationEn from '../organization/messages/en.json';
import organizationFr from '../organization/messages/fr.json';
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
import ledgerEn from '../ledger/messages/en.json';
import ledgerFr from '../ledger/messages/fr.json';
import reportsEn from '../reports/messages/en.json';
import reportsFr from '../reports/messages/fr.json';
import scenariosEn from '../scenarios/messages/en.json';
import scenariosFr from '../scenarios/messages/fr.json';
import portalEn from '../portal/messages/en.json';
import portalFr from '../portal/messages/fr.json';
import sessionEn from '../session/messages/en.json';
import sessionFr from '../session/messages/fr.json';
import cashEn from '../cash/messages/en.json';
import cashFr from '../cash/messages/fr.json';
import promisesEn from '../promises/messages/en.json';
import promisesFr from '../promises/messages/fr.json';
import workspaceEn from '../workspace/messages/en.json';
import workspaceFr from '../workspace/messages/fr.json';
import portfoliosEn from '../portfolios/messages/en.json';
import portfoliosFr from '../portfolios/messages/fr.json';

export type Language = 'fr' | 'en';

/** ICU messages, one file per capability and language; French is the default. */
export const MESSAGES: Record<Language, Record<string, string>> = {
  fr: { ...appFr, ...sessionFr, ...disputesFr, ...reportsFr, ...customersFr, ...invoicesFr, ...ledgerFr, ...creditFr, ...scenariosFr, ...adminFr, ...organizationFr, ...workspaceFr, ...cashFr, ...promisesFr, ...portalFr, ...portfoliosFr },
  en: { ...appEn, ...sessionEn, ...disputesEn, ...reportsEn, ...customersEn, ...invoicesEn, ...ledgerEn, ...creditEn, ...scenariosEn, ...adminEn, ...organizationEn, ...workspaceEn, ...cashEn, ...promisesEn, ...portalEn, ...portfoliosEn },
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
