import { formatAmount } from '../../workflows/domain/money.js';

/**
 * Customer credit: money the customer has with us that no invoice took yet. One notion with
 * two sources, each kept by its owner: credit notes' unallocated parts (credit-notes) and cash
 * received but not applied (cash, cash_customer_credits). The account's balance is open
 * invoices minus it.
 */
export interface CustomerCreditItem {
  source: 'credit_note' | 'unapplied_cash';
  /** The credit note's or the unapplied cash's id. */
  id: string;
  /** The credit note's number, the payment's id for cash. */
  reference: string;
  /** The credit note's issue date, the day the cash was received. */
  date: string;
  currency: string;
  amount: string;
  amountMinor: bigint;
}

/** Σ credit per currency. */
export function creditByCurrency(items: readonly CustomerCreditItem[]): Map<string, bigint> {
  const sums = new Map<string, bigint>();
  for (const i of items) sums.set(i.currency, (sums.get(i.currency) ?? 0n) + i.amountMinor);
  return sums;
}

export interface AccountBalanceRow {
  currency: string; open: string; overdue: string; openCount: number; overdueCount: number;
  /** Customer credit in the currency. */
  credit: string;
  /** open − credit (negative when the customer is in credit). */
  balance: string;
}

/** One row per currency with open invoices or credit, in currency order. */
export function accountBalances(
  open: readonly { currency: string; openMinor: bigint; overdueMinor: bigint; openCount: number; overdueCount: number }[],
  credit: ReadonlyMap<string, bigint>,
): AccountBalanceRow[] {
  const currencies = [...new Set([...open.map((b) => b.currency), ...credit.keys()])].sort();
  return currencies.map((currency) => {
    const b = open.find((o) => o.currency === currency);
    const openMinor = b?.openMinor ?? 0n;
    const creditMinor = credit.get(currency) ?? 0n;
    return {
      currency, open: formatAmount(openMinor, currency), overdue: formatAmount(b?.overdueMinor ?? 0n, currency),
      openCount: b?.openCount ?? 0, overdueCount: b?.overdueCount ?? 0,
      credit: formatAmount(creditMinor, currency), balance: formatAmount(openMinor - creditMinor, currency),
    };
  });
}
