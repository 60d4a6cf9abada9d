import { formatAmount } from '../../workflows/domain/money.js';
import type { CustomerRef } from '../customers/customer-directory.js';
import type { BankLine, BankLineStatus } from './bank-line.entity.js';
import { readCashReason, type CashReason } from './cash-reasons.js';

export interface BankLineView {
  id: string;
  statementId: string;
  position: number;
  sourceLine: number;
  amount: string;
  currency: string;
  direction: 'credit' | 'debit';
  bookingDate: string;
  valueDate: string | null;
  payerName: string | null;
  payerIban: string | null;
  payerBic: string | null;
  references: { structured: string | null; creditor: string | null; endToEnd: string | null; bank: string | null };
  remittanceText: string | null;
  bankTransactionCode: string | null;
  reversal: boolean;
  returnReason: string | null;
  rawRecord: string;
  status: BankLineStatus;
  /** Who paid, as matched or confirmed. */
  customer: { id: string; externalId: string; name: string } | null;
  /** Proposed (suggested), applied (auto_applied, confirmed) or last reversed (unmatched after an unmatch). */
  allocations: { invoiceExternalId: string; invoiceNumber: string; amount: string }[];
  unapplied: string;
  /** Short payment: what is missing on the proposed invoices (to write off or dispute). */
  shortfall: string;
  writeOff: { invoiceExternalId: string; amount: string; reasonCode: string } | null;
  confidence: number | null;
  /** In English (the `text` of each reason). */
  reasons: string[];
  /** The same reasons with their codes and params, for a reader in another language. */
  reasonDetails: CashReason[];
  paymentId: string | null;
  appliedAt: string | null;
  appliedBy: string | null;
}

export function bankLineView(r: BankLine, customers: ReadonlyMap<string, CustomerRef>): BankLineView {
  const money = (minor: string | bigint) => formatAmount(BigInt(minor), r.currency);
  const customer = r.customerId ? customers.get(r.customerId) : undefined;
  const p = r.proposal;
  const reasons = r.reasons.map(readCashReason);
  return {
    id: r.id, statementId: r.statementId, position: r.position, sourceLine: r.sourceLine,
    amount: money(r.amountMinor), currency: r.currency,
    direction: r.amountMinor < 0n ? 'debit' : 'credit',
    bookingDate: r.bookingDate, valueDate: r.valueDate,
    payerName: r.payerName, payerIban: r.payerIban, payerBic: r.payerBic,
    references: { structured: r.structuredReference, creditor: r.creditorReference, endToEnd: r.endToEndId, bank: r.bankReference },
    remittanceText: r.remittanceText, bankTransactionCode: r.bankTransactionCode,
    reversal: r.reversal, returnReason: r.returnReason, rawRecord: r.rawRecord, status: r.status,
    customer: customer ? { id: customer.id, externalId: customer.externalId, name: customer.name } : null,
    allocations: (p?.allocations ?? []).map((a) => ({ invoiceExternalId: a.invoiceExternalId, invoiceNumber: a.invoiceNumber, amount: money(a.amountMinor) })),
    unapplied: money(p?.unappliedMinor ?? 0n),
    shortfall: money(p?.shortMinor ?? 0n),
    writeOff: p?.writeOff ? { invoiceExternalId: p.writeOff.invoiceExternalId, amount: money(p.writeOff.amountMinor), reasonCode: p.writeOff.reasonCode } : null,
    confidence: r.confidence, reasons: reasons.map((x) => x.text), reasonDetails: reasons,
    paymentId: r.paymentId, appliedAt: r.appliedAt?.toISOString() ?? null, appliedBy: r.appliedBy,
  };
}
