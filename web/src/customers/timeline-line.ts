import type { IntlShape } from 'react-intl';
import { formatReason } from '../ui/reasons';
import type { CustomerAccount } from './queries';

type TimelineEntry = CustomerAccount['timeline'][number];

/** A catalogue label for a code the API gives in params (an event, a reason), else the code itself made readable. */
const label = (intl: IntlShape, id: string, code: string | number | undefined): string =>
  code === undefined ? '' : intl.formatMessage({ id, defaultMessage: String(code).replace(/_/g, ' ') });

/** One timeline line in the reader's language, from the entry's code and params (the English summary when the console lacks the code). */
export function timelineLine(intl: IntlShape, entry: TimelineEntry): string {
  const p = entry.params;
  return formatReason(intl, `customers.timeline.code.${entry.code}`, p, entry.summary, {
    // Labels other capabilities' catalogues already hold: the invoice's events, disputes' reasons and events, tasks' kinds and outcomes.
    ...(entry.code === 'INVOICE_EVENT' ? { eventLabel: label(intl, `invoices.event.${p.event}`, p.event) } : {}),
    ...(entry.code === 'DISPUTE_EVENT'
      ? { eventLabel: label(intl, `disputes.event.${p.event}`, p.event), reasonLabel: label(intl, `disputes.reason.${p.reason}`, p.reason) } : {}),
    ...(entry.code === 'TASK_CLOSED'
      ? { kindLabel: label(intl, `workspace.kind.${p.kind}`, p.kind), outcomeLabel: label(intl, `workspace.outcome.${p.outcome}`, p.outcome) } : {}),
  });
}
