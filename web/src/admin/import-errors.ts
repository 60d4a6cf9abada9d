import type { IntlShape } from 'react-intl';
import { formatReason } from '../ui/reasons';
import type { ImportFailure, ImportRejection } from './imports';

type RowError = ImportRejection['errors'][number];

/**
 * A refused file's error in the reader's language from its code and params. A broken field rule
 * (FIELD_INVALID) or an intake check (FIELD_REFUSED) this console has no message for keeps the
 * API's English words as its detail; an unknown code shows the English message.
 */
export function importErrorText(intl: IntlShape, e: RowError): string {
  const specific = e.code === 'FIELD_INVALID' ? `admin.imports.rule.${e.params.rule}` : e.code === 'FIELD_REFUSED' ? `admin.imports.refused.${e.params.reason}` : null;
  if (specific && specific in intl.messages) return intl.formatMessage({ id: specific });
  return formatReason(intl, `admin.imports.error.${e.code}`, e.params, e.message, { detail: e.message });
}

/** A row refused while loading, in the reader's language from its code and params; a row refused before failures had codes shows its English message. */
export function importFailureText(intl: IntlShape, f: ImportFailure): string {
  return formatReason(intl, `admin.imports.failure.${f.code ?? ''}`, f.params, f.message);
}
