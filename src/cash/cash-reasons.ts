/**
 * Why a bank line was matched, suggested, left alone or moved: a stable code, what its sentence is
 * made of, and the sentence in English. The console writes the sentence in its reader's language
 * from code and params; API clients may keep reading the English text.
 *
 * Params: counts and similarity as numbers; money as a decimal string beside `currency` (keys `amount`
 * or ending in `Amount`); invoice numbers as text (`invoice`, or `invoices` joined by ", ").
 */
export const CASH_REASON_CODES = [
  // Who paid.
  'PAYER_IBAN_KNOWN', 'REFERENCES_NAME_CUSTOMER', 'REFERENCES_NAME_SEVERAL_CUSTOMERS', 'PAYER_NAME_LEARNED',
  'PAYER_NAME_MATCHES', 'PAYER_NAME_AMBIGUOUS', 'PAYER_NAME_NO_MATCH', 'PAYER_NOT_IDENTIFIED',
  // Which invoices.
  'NOT_A_CREDIT', 'OTHER_REFERENCES_LEFT_ASIDE', 'NO_OPEN_INVOICE', 'REFERENCE_STYLE',
  'REFERENCED_EXACT', 'REFERENCED_SUBSET_EXACT', 'REFERENCED_SHORT', 'REFERENCED_OVER', 'REFERENCED_UNEXPLAINED',
  'ONE_OPEN_SAME_AMOUNT', 'SEVERAL_OPEN_SAME_AMOUNT', 'OPEN_SET_EXACT', 'OLDEST_SHORT', 'OVER_ALL_OPEN', 'NOTHING_EXPLAINS_AMOUNT',
  // What happened to the line afterwards.
  'SAME_INVOICE_OTHER_LINE', 'NOT_APPLIED_AUTOMATICALLY', 'LINE_IGNORED', 'LINE_REQUEUED', 'APPLICATION_REVERSED',
  // A line stored before reasons had codes: its English text as recorded.
  'RECORDED_TEXT',
] as const;

export type CashReasonCode = (typeof CASH_REASON_CODES)[number];
export type CashReasonParams = Record<string, string | number>;

export interface CashReason {
  code: CashReasonCode;
  params: CashReasonParams;
  /** The sentence in English. */
  text: string;
}

export const cashReason = (code: CashReasonCode, params: CashReasonParams, text: string): CashReason => ({ code, params, text });

/** As stored in bank_lines.reasons: coded reasons, or English sentences written before codes existed. */
export type StoredCashReason = CashReason | string;

export function readCashReason(stored: StoredCashReason): CashReason {
  return typeof stored === 'string' ? cashReason('RECORDED_TEXT', { text: stored }, stored) : stored;
}

/** What a person did to the line, said the way the engine's reasons are. */
export const reviewReasons = {
  ignored: (by: string) => cashReason('LINE_IGNORED', { by }, `ignored by ${by}`),
  requeued: (by: string) => cashReason('LINE_REQUEUED', { by }, `back in the queue, by ${by}`),
  reversed: (by: string) => cashReason('APPLICATION_REVERSED', { by }, `application reversed by ${by}`),
};
