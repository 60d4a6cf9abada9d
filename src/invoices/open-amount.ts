import type { MovementKind } from '../ledger/ledger.service.js';
import type { Invoice, InvoiceStatus } from './invoice.entity.js';

/** Why an invoice's open amount moved: what an AR ledger records per change. */
export type OpenAmountCause =
  | 'invoice_amended' | 'payment' | 'payment_reversed' | 'dispute_credit_note' | 'credit_note' | 'write_off' | 'cancellation';

/** The receivables-ledger movement kind of each cause (src/ledger). */
export const LEDGER_KIND: Record<OpenAmountCause, MovementKind> = {
  invoice_amended: 'adjustment',
  payment: 'payment',
  payment_reversed: 'payment',
  dispute_credit_note: 'credit_note',
  credit_note: 'credit_note',
  write_off: 'write_off',
  cancellation: 'cancellation',
};

export interface OpenAmountChange {
  cause: OpenAmountCause;
  /**
   * Business key of the document behind the change (`payment:<id>`,
   * `credit-note:<id>`, `write-off:<id>`, `cancel`, `v<version>`): it names the
   * status event, so replaying the same document records nothing twice.
   */
  sourceKey: string;
  /** The open amount after the change, minor units; never below zero. */
  openAmountMinor: bigint;
  /** Default: `paid` when the open amount reaches zero on an open invoice, else unchanged. */
  status?: InvoiceStatus;
  /** Other columns changed with it (an ERP amendment of amount, dates, number). */
  alsoSet?: Partial<Pick<Invoice, 'amountMinor' | 'dueDate' | 'issueDate' | 'number' | 'paymentTerms' | 'paymentMethod'>>;
  /**
   * The receivables-ledger movement recorded with it (kind from LEDGER_KIND,
   * amount = new − old open amount, under the invoice's dates before the change):
   * `date` the business date it counts from (never before the invoice's issue),
   * `key` unique per document line (a retry records nothing twice), `sourceId`
   * the payment, credit note, write-off… behind it.
   */
  ledger: { date: string; key: string; sourceId?: string | null };
}

/** The status an invoice takes with a new open amount (pure rule of changeOpenAmount). */
export function statusAfter(invoice: Pick<Invoice, 'status'>, change: Pick<OpenAmountChange, 'openAmountMinor' | 'status'>): InvoiceStatus {
  return change.status ?? (change.openAmountMinor === 0n && invoice.status === 'open' ? 'paid' : invoice.status);
}
