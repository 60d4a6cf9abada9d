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
  payments: ['collector', 'credit_manager', 'cash_manager'],
  writeOffApprovals: ['credit_manager', 'finance_manager', 'finance_director', 'cfo'],
  creditDecisions: ['credit_manager', 'finance_manager', 'finance_director', 'cfo'],
  /** Deciders, and salespeople who give their opinion on their customers' requests. */
  creditRequests: ['credit_manager', 'finance_manager', 'finance_director', 'cfo', 'sales'],
  disputeFigures: ['collector', 'credit_manager', 'dispute_validator', 'finance_manager'],
  disputeInbox: ['dispute_validator', 'finance_manager'],
  /** Who sets a limit or records an agency's score on the risk card (PUT …/credit-limit, POST …/external-score). */
  creditLimits: ['credit_manager'],
  /** Who downloads an invoice's PDF (GET /invoices/{id}/document). */
  invoiceDocument: ['collector', 'credit_manager'],
  /** Who reads and writes notes on customers and invoices. */
  notes: ['collector', 'credit_manager'],
  /** Who edits a customer's contacts (PUT /customers/{externalId}/contacts). */
  contacts: ['collector', 'credit_manager'],
  /** Who answers a validator's request for information (POST /disputes/{id}/info). */
  disputeInfo: ['collector', 'credit_manager'],
  scenarios: ['credit_manager'],
  worklist: ['collector', 'credit_manager'],
  calendar: ['collector', 'credit_manager'],
  cashForecast: ['collector', 'credit_manager', 'finance_manager', 'finance_director', 'cfo'],
  cash: ['cash_manager', 'credit_manager'],
  admin: ['admin'],
  settings: ['credit_manager'],
} as const satisfies Record<string, readonly string[]>;

export const NAVIGATION: readonly NavItem[] = [
  { to: '/', label: 'app.nav.home', roles: [] },
  { to: '/dashboard', label: 'app.nav.dashboard', roles: ROLES.reports },
  { to: '/worklist', label: 'app.nav.worklist', roles: ROLES.worklist },
  { to: '/promises', label: 'app.nav.promises', roles: ROLES.worklist },
  { to: '/calendar', label: 'app.nav.calendar', roles: ROLES.calendar },
  { to: '/customers', label: 'app.nav.customers', roles: ROLES.customers },
  { to: '/invoices', label: 'ledger.nav.invoices', roles: ROLES.invoices },
  { to: '/payments', label: 'ledger.nav.payments', roles: ROLES.payments },
  { to: '/write-offs', label: 'ledger.nav.writeOffs', roles: ROLES.writeOffApprovals },
  { to: '/credit/requests', label: 'app.nav.credit', roles: ROLES.creditRequests },
  { to: '/disputes', label: 'app.nav.disputes', roles: ROLES.disputeInbox },
  { to: '/scenarios', label: 'app.nav.scenarios', roles: ROLES.scenarios },
  { to: '/cash', label: 'app.nav.cash', roles: ROLES.cash },
  { to: '/admin/users', label: 'app.nav.admin', roles: ROLES.admin },
  { to: '/settings/entity', label: 'app.nav.settings', roles: ROLES.settings },
];

/** Whether someone with `roles` may use a capability open to `allowed` (admins always may). */
export function allows(roles: readonly string[], allowed: readonly string[]): boolean {
  return allowed.length === 0 || roles.includes('admin') || allowed.some((r) => roles.includes(r));
}

export function visibleNavigation(roles: readonly string[]): NavItem[] {
  return NAVIGATION.filter((item) => allows(roles, item.roles));
}
