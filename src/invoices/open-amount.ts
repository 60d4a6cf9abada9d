import type { EntityManager } from 'typeorm';
import { formatAmount } from '../../workflows/domain/money.js';
import { appendInvoiceEvent } from './invoice-timeline.js';
import { Invoice, type InvoiceStatus } from './invoice.entity.js';

/** Why an invoice's open amount moved: what an AR ledger records per change. */
export type OpenAmountCause = 'invoice_amended' | 'payment' | 'dispute_credit_note' | 'credit_note' | 'write_off' | 'cancellation';

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
  /** Business date the change takes effect (YYYY-MM-DD): a payment's value date, a credit note's issue date. */
  effectiveDate: string;
  /** Other columns changed with it (an ERP amendment of amount, dates, number). */
  alsoSet?: Partial<Pick<Invoice, 'amountMinor' | 'dueDate' | 'issueDate' | 'number' | 'paymentTerms' | 'paymentMethod'>>;
}

/**
 * THE one function through which an invoice's open amount changes (payments,
 * credit notes, dispute credits, write-offs, cancellations, ERP amendments).
 * `invoice` must have been read with a pessimistic write lock inside
 * `manager`'s transaction. Bumps the version, records the status change on
 * the timeline and returns the invoice as it now is. The caller tells the
 * invoice's workflow after commit.
 */
export async function changeOpenAmount(manager: EntityManager, invoice: Invoice, change: OpenAmountChange): Promise<Invoice> {
  if (change.openAmountMinor < 0n) {
    throw new Error(`Invoice ${invoice.id}: open amount ${formatAmount(change.openAmountMinor, invoice.currency)} below zero (${change.cause})`);
  }
  const status = change.status ?? (change.openAmountMinor === 0n && invoice.status === 'open' ? 'paid' : invoice.status);
  const version = invoice.version + 1;
  await manager.update(Invoice, { id: invoice.id }, { ...change.alsoSet, openAmountMinor: change.openAmountMinor, status, version });
  if (status !== invoice.status) {
    await appendInvoiceEvent(manager, invoice.id, {
      type: 'status_changed', dedupeKey: `status:${status}:${change.sourceKey}`,
      data: { from: invoice.status, to: status, cause: change.cause },
    });
  }
  return { ...invoice, ...change.alsoSet, openAmountMinor: change.openAmountMinor, status, version } as Invoice;
}
