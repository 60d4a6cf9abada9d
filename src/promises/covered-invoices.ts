import type { FieldError } from '../common/validation.js';

/** What a promise or a plan needs of each invoice it covers. */
export interface CoverableInvoice {
  id: string;
  externalId: string;
  customerId: string;
  status: string;
  currency: string;
  openAmountMinor: bigint;
}

export interface CoverRequest {
  /** As asked, in order (field errors name their index). */
  externalIds: readonly string[];
  /** The invoices found, locked, by ERP id. */
  found: ReadonlyMap<string, CoverableInvoice>;
  customer: { id: string; externalId: string };
  currency: string;
  /** The open promises (or live plans) already holding some of these invoices. */
  holders: readonly { id: string; invoiceIds: readonly string[] }[];
  /** How the answers name the cover: "promise" / "payment plan", and the verb for "nothing to …". */
  what: { noun: string; holder: string; verb: string };
}

/**
 * The rules a promise to pay and a payment plan share for the invoices they
 * cover: each known, the customer's, open, in the cover's currency, and under
 * no other open cover of the same kind. Returns the field errors and the open total.
 */
export function checkCoveredInvoices(req: CoverRequest): { errors: FieldError[]; openTotalMinor: bigint } {
  const errors: FieldError[] = [];
  let openTotalMinor = 0n;
  req.externalIds.forEach((externalId, i) => {
    const field = `invoiceExternalIds[${i}]`;
    const fail = (message: string) => errors.push({ field, messages: [message] });
    const invoice = req.found.get(externalId);
    if (!invoice) return fail(`unknown invoice "${externalId}"`);
    if (invoice.customerId !== req.customer.id) return fail(`invoice "${externalId}" is not ${req.customer.externalId}'s`);
    if (invoice.status !== 'open' || invoice.openAmountMinor <= 0n) return fail(`invoice "${externalId}" is ${invoice.status}: nothing to ${req.what.verb}`);
    if (invoice.currency !== req.currency) return fail(`invoice is in ${invoice.currency}, the ${req.what.noun} in ${req.currency}`);
    const holder = req.holders.find((h) => h.invoiceIds.includes(invoice.id));
    if (holder) return fail(`invoice "${externalId}" is already under ${req.what.holder} ${holder.id}`);
    openTotalMinor += invoice.openAmountMinor;
    return undefined;
  });
  return { errors, openTotalMinor };
}
