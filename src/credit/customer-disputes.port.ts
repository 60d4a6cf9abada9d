/**
 * Open disputes of customers, for the order check, the score and the risk
 * view. The disputes capability (src/disputes/) provides it under
 * CUSTOMER_DISPUTES from its own table; a failed read throws
 * DependencyUnavailableError, never an empty answer.
 */
import type { CustomerDisputeFigures } from '../disputes/dispute-figures.service.js';

export type { CustomerDisputeFigures };

export interface CustomerDisputesPort {
  figures(customerIds: readonly string[], currency: string | null): Promise<Map<string, CustomerDisputeFigures>>;
}

export const CUSTOMER_DISPUTES = Symbol('CUSTOMER_DISPUTES');

export const NO_DISPUTES: CustomerDisputeFigures = Object.freeze({
  openAmountMinor: 0n, openCount: 0, disputedInvoiceIds: new Set<string>(),
});
