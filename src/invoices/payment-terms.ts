import { addDays } from '../../workflows/domain/calendar.js';

/**
 * Payment terms an invoice or a customer carries. `N_days`: N days after the
 * invoice date; `N_days_eom`: N days after the invoice date, then to the end
 * of that month ("N jours fin de mois"); `eom_N_days`: end of the invoice's
 * month, then N days ("fin de mois N jours"); `on_receipt`: due on issue.
 */
export const PAYMENT_TERMS = [
  'on_receipt', '15_days', '30_days', '30_days_eom', '45_days', '45_days_eom', 'eom_45_days', '60_days', '60_days_eom', '90_days', '120_days',
] as const;
export type PaymentTerms = (typeof PAYMENT_TERMS)[number];

/** How the customer pays: bank transfer, SEPA direct debit, card, cheque, bill of exchange (LCR / draft). */
export const PAYMENT_METHODS = ['transfer', 'sepa_direct_debit', 'card', 'cheque', 'draft'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

function endOfMonth(date: string): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${date.slice(0, 7)}-${String(last).padStart(2, '0')}`;
}

/** The due date `terms` give an invoice issued on `issueDate` (YYYY-MM-DD). */
export function dueDateFor(terms: PaymentTerms, issueDate: string): string {
  if (terms === 'on_receipt') return issueDate;
  const eomFirst = /^eom_(\d+)_days$/.exec(terms);
  if (eomFirst) return addDays(endOfMonth(issueDate), Number(eomFirst[1]));
  const [, days, eom] = /^(\d+)_days(_eom)?$/.exec(terms)!;
  const due = addDays(issueDate, Number(days));
  return eom ? endOfMonth(due) : due;
}

/**
 * The latest due date French law allows between businesses for an invoice
 * issued on `issueDate` (Code de commerce L441-10): 60 days after the invoice
 * date, or 45 days end of month when expressly agreed — computed either way
 * the administration accepts (invoice date + 45 days then month end, or
 * month end + 45 days), whichever is later.
 */
export function frenchLatestDueDate(issueDate: string): string {
  return [addDays(issueDate, 60), endOfMonth(addDays(issueDate, 45)), addDays(endOfMonth(issueDate), 45)].sort().at(-1)!;
}

/** Terms French law allows: never later than frenchLatestDueDate, whatever the invoice date. */
export const FRENCH_LAWFUL_TERMS: readonly PaymentTerms[] = [
  'on_receipt', '15_days', '30_days', '30_days_eom', '45_days', '45_days_eom', 'eom_45_days', '60_days',
];

/** Why `terms` / `dueDate` break French maxima for an invoice issued on `issueDate`, per field; empty when lawful. */
export function frenchTermsProblems(input: { terms?: PaymentTerms | null; issueDate?: string; dueDate?: string }, prefix = ''): { field: string; messages: string[] }[] {
  const problems: { field: string; messages: string[] }[] = [];
  if (input.terms && !FRENCH_LAWFUL_TERMS.includes(input.terms)) {
    problems.push({
      field: `${prefix}paymentTerms`,
      messages: [`${input.terms} exceeds the French legal maximum (60 days from the invoice date, or 45 days end of month; Code de commerce L441-10)`],
    });
  }
  if (input.issueDate && input.dueDate && input.dueDate > frenchLatestDueDate(input.issueDate)) {
    problems.push({
      field: `${prefix}dueDate`,
      messages: [`dueDate is after ${frenchLatestDueDate(input.issueDate)}, the latest French law allows for an invoice of ${input.issueDate} (L441-10)`],
    });
  }
  return problems;
}
