import { hasAnyRole, type Principal, type Role } from './principal.js';

/** Roles that see every receivable (invoices, customer mail, worklist, forecasts, risk). */
export const RECEIVABLES_ROLES = ['collector', 'credit_manager'] as const satisfies readonly Role[];

/** Every role a person or integration can hold: for routes any signed-in caller may use (who am I). */
export const ANY_ROLE = [
  'admin', 'credit_manager', 'collector', 'dispute_validator', 'sales', 'finance_manager', 'finance_director', 'cfo', 'erp', 'cash_manager',
] as const satisfies readonly Role[];

/**
 * The salesperson a read is narrowed to: the caller's email when `sales` is
 * the only role that lets them in (they see their own customers only), null
 * when one of `fullRoles` (or admin, or the operator key) shows everything.
 */
export function salespersonScope(principal: Principal, fullRoles: readonly Role[]): string | null {
  if (hasAnyRole(principal, fullRoles)) return null;
  // A user always has an email; an empty one matches no customer.
  return principal.email ?? '';
}
