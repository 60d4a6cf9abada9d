import { Inject, Injectable } from '@nestjs/common';
import { UnappliedCashService } from '../cash/unapplied-cash.service.js';
import type { CustomerCreditQuery, OpenCustomerCredit } from '../common/customer-credit.js';
import { CustomerCreditService } from '../credit-notes/customer-credit.service.js';
import { CustomerBalancesService, type CustomerBalance } from '../invoices/customer-balances.service.js';
import { formatAmount } from '../../workflows/domain/money.js';

/** A customer's position in one currency: open invoices, credit not yet allocated, and the balance between them. */
export interface NetBalance extends CustomerBalance {
  /** Customer credit not yet allocated to invoices: unapplied cash and credit notes' unallocated parts. */
  unappliedMinor: bigint;
  /** openMinor − unappliedMinor (negative: the customer is in credit). */
  balanceMinor: bigint;
}

/**
 * One row per currency with open invoices or unapplied credit, sorted by currency; amounts of one
 * currency only, never mixed. The customer account and the customer list both show this.
 */
export function netBalances(invoices: readonly CustomerBalance[], credits: readonly OpenCustomerCredit[]): NetBalance[] {
  const currencies = [...new Set([...invoices.map((b) => b.currency), ...credits.map((c) => c.currency)])].sort();
  return currencies.map((currency) => {
    const b = invoices.find((x) => x.currency === currency);
    const openMinor = b?.openMinor ?? 0n;
    const unappliedMinor = credits.filter((c) => c.currency === currency).reduce((sum, c) => sum + c.remainingMinor, 0n);
    return {
      currency, openMinor, overdueMinor: b?.overdueMinor ?? 0n, openCount: b?.openCount ?? 0, overdueCount: b?.overdueCount ?? 0,
      unappliedMinor, balanceMinor: openMinor - unappliedMinor,
    };
  });
}

export function formatNetBalance(b: NetBalance) {
  return {
    currency: b.currency, open: formatAmount(b.openMinor, b.currency), overdue: formatAmount(b.overdueMinor, b.currency),
    openCount: b.openCount, overdueCount: b.overdueCount,
    unapplied: formatAmount(b.unappliedMinor, b.currency), balance: formatAmount(b.balanceMinor, b.currency),
  };
}

/**
 * Customers' net balances from their three owners: open invoices (invoices), unapplied cash
 * (cash) and credit notes' unallocated parts (credit-notes), as in src/common/customer-credit.ts.
 */
@Injectable()
export class CustomerNetBalances {
  constructor(
    @Inject(CustomerBalancesService) private readonly invoices: CustomerBalancesService,
    @Inject(UnappliedCashService) private readonly unapplied: UnappliedCashService,
    @Inject(CustomerCreditService) private readonly creditNotes: CustomerCreditService,
  ) {}

  /** The customer's credit from both its owners, oldest first. */
  async credits(query: CustomerCreditQuery): Promise<OpenCustomerCredit[]> {
    const [cash, notes] = await Promise.all([this.unapplied.openCredits(query), this.creditNotes.openCredits(query)]);
    return [...cash, ...notes].sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
  }

  /** Per customer (null: every customer with open invoices or credit), today. Customers with neither are absent. */
  async of(customerIds: readonly string[] | null): Promise<Map<string, NetBalance[]>> {
    const result = new Map<string, NetBalance[]>();
    if (customerIds !== null && customerIds.length === 0) return result;
    const [invoices, credits] = await Promise.all([
      this.invoices.balances(customerIds),
      this.credits(customerIds === null ? {} : { customerIds }),
    ]);
    const creditsOf = new Map<string, OpenCustomerCredit[]>();
    for (const c of credits) creditsOf.set(c.customerId, [...(creditsOf.get(c.customerId) ?? []), c]);
    for (const id of new Set([...invoices.keys(), ...creditsOf.keys()])) {
      result.set(id, netBalances(invoices.get(id) ?? [], creditsOf.get(id) ?? []));
    }
    return result;
  }
}
