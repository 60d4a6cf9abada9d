/** The console's screens and who sees them (admins see everything, as the API lets them). */
export interface NavItem {
  to: string;
  label: string;
  /** Empty: every signed-in person. */
  roles: readonly string[];
}

/** Roles the API lets read each capability (the routes' `x-roles` in openapi.json). */
export const ROLES = {
  reports: ['credit_manager', 'collector', 'finance_manager', 'finance_director', 'cfo', 'sales'],
  customers: ['collector', 'credit_manager', 'finance_manager', 'finance_director', 'cfo', 'sales'],
  invoices: ['collector', 'credit_manager', 'sales'],
  creditDecisions: ['credit_manager', 'finance_manager', 'finance_director', 'cfo'],
  disputeFigures: ['collector', 'credit_manager', 'dispute_validator', 'finance_manager'],
  disputeInbox: ['dispute_validator', 'finance_manager'],
} as const satisfies Record<string, readonly string[]>;

export const NAVIGATION: readonly NavItem[] = [
  { to: '/', label: 'app.nav.home', roles: [] },
  { to: '/dashboard', label: 'app.nav.dashboard', roles: ROLES.reports },
  { to: '/customers', label: 'app.nav.customers', roles: ROLES.customers },
  { to: '/credit/requests', label: 'app.nav.credit', roles: ROLES.creditDecisions },
  { to: '/disputes', label: 'app.nav.disputes', roles: ROLES.disputeInbox },
];

/** Whether someone with `roles` may use a capability open to `allowed` (admins always may). */
export function allows(roles: readonly string[], allowed: readonly string[]): boolean {
  return allowed.length === 0 || roles.includes('admin') || allowed.some((r) => roles.includes(r));
}

export function visibleNavigation(roles: readonly string[]): NavItem[] {
  return NAVIGATION.filter((item) => allows(roles, item.roles));
}
