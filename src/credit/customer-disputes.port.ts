/**
 * Open disputes of customers, for the order check, the score and the risk
 * view. The disputes capability (src/disputes/) can provide it under
 * CUSTOMER_DISPUTES; until then no customer has disputes.
 */
export interface CustomerDisputeFigures {
  /** Open disputed amount in `currency`, minor units. */
  openAmountMinor: bigint;
  /** Open dispute count. */
  openCount: number;
  /** Invoice ids that are or were disputed (the score's dispute rate, undisputed overdue). */
  disputedInvoiceIds: ReadonlySet<string>;
}

export interface CustomerDisputesPort {
  figures(customerIds: readonly string[], currency: string | null): Promise<Map<string, CustomerDisputeFigures>>;
}

export const CUSTOMER_DISPUTES = Symbol('CUSTOMER_DISPUTES');

export const NO_DISPUTES: CustomerDisputeFigures = Object.freeze({
  openAmountMinor: 0n, openCount: 0, disputedInvoiceIds: new Set<string>(),
});
