/** The console's screens and who sees them (admins see everything, as the API lets them). */
export interface NavItem {
  to: string;
  label: string;
  /** Empty: every signed-in person. */
  roles: readonly string[];
}

export const NAVIGATION: readonly NavItem[] = [
  { to: '/', label: 'app.nav.home', roles: [] },
  { to: '/disputes', label: 'app.nav.disputes', roles: ['dispute_validator', 'finance_manager'] },
];

export function visibleNavigation(roles: readonly string[]): NavItem[] {
  return NAVIGATION.filter((item) => item.roles.length === 0 || roles.includes('admin') || item.roles.some((r) => roles.includes(r)));
}
