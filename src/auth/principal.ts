/**
 * Who is calling. The operator's API key is the `system` principal (every
 * role); a user's personal token gives that user's roles and groups; an ERP
 * integration's token gives the `erp` role only.
 */
export const ROLES = [
  'admin',
  'credit_manager',
  'collector',
  'dispute_validator',
  'sales',
  'finance_manager',
  'finance_director',
  'cfo',
  'erp',
  /** Imports bank statements and works the cash application queue. */
  'cash_manager',
] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  kind: 'system' | 'user' | 'integration';
  /** Null for the operator's API key and integrations. */
  userId: string | null;
  email: string | null;
  name: string;
  roles: readonly Role[];
  /** Group codes (dispute validator groups…). */
  groups: readonly string[];
}

export const SYSTEM_PRINCIPAL: Principal = Object.freeze({
  kind: 'system',
  userId: null,
  email: null,
  name: 'operator API key',
  roles: Object.freeze([...ROLES]),
  groups: Object.freeze([]),
});

/** Admins and the operator key hold every role. */
export function hasAnyRole(principal: Principal, roles: readonly Role[]): boolean {
  if (principal.kind === 'system' || principal.roles.includes('admin')) return true;
  return roles.some((r) => principal.roles.includes(r));
}
