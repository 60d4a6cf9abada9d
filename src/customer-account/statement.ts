import { daysBetween } from '../../workflows/domain/calendar.js';

export interface StatementInvoice {
  id: string;
  number: string;
  status: string;
  currency: string;
  amountMinor: bigint;
  issueDate: string;
  dueDate: string;
  /** The day a cancelled invoice was cancelled (entity's zone), when known: it is listed as of earlier days only. */
  cancelledOn?: string | null;
}

/** Something that lowered an invoice's open amount on a given day (a payment, a credit note, a write-off). */
export interface StatementReduction {
  invoiceId: string;
  /** Day it took effect, in the entity's zone. */
  date: string;
  amountMinor: bigint;
}

export interface StatementLine {
  invoiceId: string;
  number: string;
  issueDate: string;
  dueDate: string;
  currency: string;
  amountMinor: bigint;
  /** Paid or credited on or before asOf. */
  settledMinor: bigint;
  openMinor: bigint;
  /** asOf − due date (0 or less: not yet due). */
  daysOverdue: number;
}

export interface Statement {
  asOf: string;
  lines: StatementLine[];
  totals: { currency: string; openMinor: bigint; overdueMinor: bigint }[];
}

/**
 * The account statement as of a day: invoices issued on or before it, less what was paid or
 * credited on or before it, those still open listed oldest due first. A payment received after
 * `asOf` does not change it. A cancelled invoice shows as of the days before its cancellation; one
 * whose cancellation day is unknown is left out.
 */
export function buildStatement(asOf: string, invoices: readonly StatementInvoice[], reductions: readonly StatementReduction[]): Statement {
  const settled = new Map<string, bigint>();
  for (const r of reductions) if (r.date <= asOf) settled.set(r.invoiceId, (settled.get(r.invoiceId) ?? 0n) + r.amountMinor);
  const lines = invoices
    .filter((i) => (i.status !== 'cancelled' || (i.cancelledOn != null && asOf < i.cancelledOn)) && i.issueDate <= asOf)
    .map((i) => {
      const paid = settled.get(i.id) ?? 0n;
      const settledMinor = paid > i.amountMinor ? i.amountMinor : paid;
      return {
        invoiceId: i.id, number: i.number, issueDate: i.issueDate, dueDate: i.dueDate, currency: i.currency,
        amountMinor: i.amountMinor, settledMinor, openMinor: i.amountMinor - settledMinor, daysOverdue: daysBetween(i.dueDate, asOf),
      };
    })
    .filter((l) => l.openMinor > 0n)
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.number.localeCompare(b.number) || a.invoiceId.localeCompare(b.invoiceId));
  const totals = new Map<string, { currency: string; openMinor: bigint; overdueMinor: bigint }>();
  for (const l of lines) {
    const t = totals.get(l.currency) ?? { currency: l.currency, openMinor: 0n, overdueMinor: 0n };
    t.openMinor += l.openMinor;
    if (l.daysOverdue > 0) t.overdueMinor += l.openMinor;
    totals.set(l.currency, t);
  }
  return { asOf, lines, totals: [...totals.values()].sort((a, b) => a.currency.localeCompare(b.currency)) };
}
