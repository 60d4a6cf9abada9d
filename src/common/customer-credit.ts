/**
 * Customer credit: money the customer has on its account that no invoice took
 * yet. Two owners hold it — cash application (cash received and left
 * unapplied: `bank_line`) and credit notes (an ERP credit note not allocated:
 * `credit_note`) — each behind its own reader with this shape, so the customer
 * account and the aged balance show them side by side, per currency, never
 * mixed with another currency.
 */
export type CustomerCreditSource = 'bank_line' | 'credit_note';

export interface OpenCustomerCredit {
  /** The credit's own id (in its owner's table). */
  id: string;
  source: CustomerCreditSource;
  /** The bank line or credit note it comes from. */
  sourceId: string;
  /** What a person recognises it by: the bank's reference or payer, the credit note's number. */
  reference: string | null;
  entityId: string;
  customerId: string;
  currency: string;
  /** The credit as received, and what is still unallocated (as of the day asked). */
  amountMinor: bigint;
  remainingMinor: bigint;
  /** Day received or issued (ageing). */
  date: string;
}

export interface CustomerCreditQuery {
  /** One legal entity; null or absent: all. */
  entityId?: string | null;
  customerIds?: readonly string[];
  currency?: string;
  /** As of the end of this day: credits dated up to it, less what was allocated up to it. Absent: now. */
  asOf?: string;
}

/** Implemented by each owner of customer credit; read-only. */
export interface CustomerCreditReader {
  openCredits(query: CustomerCreditQuery): Promise<OpenCustomerCredit[]>;
}
