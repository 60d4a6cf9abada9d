import type { AppError } from '../common/errors.js';
import { FieldRuleError, FieldValidationError } from '../common/validation.js';

/**
 * Why a row was refused while loading, as a code a client writes in its reader's language (the OpenAPI enum
 * reads this list): a conflict with what Relance holds, a field intake refused, or any other refusal (REFUSED,
 * its error code in params.reason) so that the list stays closed.
 */
export const IMPORT_LOAD_FAILURE_CODES = [
  'INVOICE_CUSTOMER_MISMATCH', 'INVOICE_CURRENCY_MISMATCH', 'INVOICE_CLOSED', 'VALIDATION_FAILED', 'PAYMENT_TERMS_UNLAWFUL', 'REFUSED',
] as const;
export type ImportLoadFailureCode = (typeof IMPORT_LOAD_FAILURE_CODES)[number];
export type ImportLoadFailureParams = Record<string, string | number>;

/** A row refused while loading: its code and params, and the same in English (kept for integrators and older rows). */
export interface ImportLoadFailure {
  code: ImportLoadFailureCode;
  params: ImportLoadFailureParams;
  message: string;
}

const CONFLICTS: readonly string[] = ['INVOICE_CUSTOMER_MISMATCH', 'INVOICE_CURRENCY_MISMATCH', 'INVOICE_CLOSED'];
const FIELD_REFUSALS: readonly string[] = ['VALIDATION_FAILED', 'PAYMENT_TERMS_UNLAWFUL'];

/** The refusal in English, as stored before failures had codes: `field: message | …` or `CODE: message`. */
function describeRefusal(err: AppError): string {
  if (err instanceof FieldValidationError || err instanceof FieldRuleError) {
    return err.errors.map((e) => `${e.field}: ${e.messages.join('; ')}`).join(' | ') || err.message;
  }
  return `${err.code}: ${err.message}`;
}

/**
 * Pure: a row's refusal by intake as a coded failure. Params name the row's invoice (its externalId) when it has
 * one; a conflict on currency adds the currency the row sends; refused fields are listed (`fields`, joined by ", ")
 * with intake's English words as `detail`; any other refusal gives its error code as `reason`.
 */
export function importLoadFailure(err: AppError, row: Readonly<Record<string, unknown>>): ImportLoadFailure {
  const message = describeRefusal(err);
  const invoice: ImportLoadFailureParams = typeof row.externalId === 'string' ? { invoice: row.externalId } : {};
  const fieldErrors = err instanceof FieldValidationError || err instanceof FieldRuleError ? err.errors : [];
  const code = (fieldErrors.length > 0 ? FIELD_REFUSALS : CONFLICTS).includes(err.code) ? err.code as ImportLoadFailureCode : 'REFUSED';
  switch (code) {
    case 'INVOICE_CUSTOMER_MISMATCH':
    case 'INVOICE_CLOSED':
      return { code, params: invoice, message };
    case 'INVOICE_CURRENCY_MISMATCH':
      return { code, params: { ...invoice, currency: typeof row.currency === 'string' ? row.currency : '' }, message };
    case 'VALIDATION_FAILED':
    case 'PAYMENT_TERMS_UNLAWFUL':
      return { code, params: { ...invoice, fields: fieldErrors.map((e) => e.field).join(', '), detail: message }, message };
    case 'REFUSED':
      return { code, params: { ...invoice, reason: err.code, detail: fieldErrors.length > 0 ? message : err.message }, message };
  }
}
