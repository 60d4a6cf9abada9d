import { Group } from '@mantine/core';
import { useSuspenseQuery } from '@tanstack/react-query';
import { useIntl } from 'react-intl';
import { allows } from '../app/navigation';
import { sessionQuery } from '../session/queries';
import { AnchorLink } from '../ui/links';

/** The credit pages, each shown to the roles its API accepts. */
const PAGES = [
  { to: '/credit/requests', label: 'credit.nav.requests', roles: ['credit_manager', 'finance_manager', 'finance_director', 'cfo'] },
  { to: '/credit/requests/new', label: 'credit.nav.new', roles: ['credit_manager', 'sales'] },
  { to: '/credit/order-check', label: 'credit.nav.orderCheck', roles: ['credit_manager', 'sales'] },
  { to: '/credit/policy', label: 'credit.nav.policy', roles: ['credit_manager'] },
] as const;

export function CreditNav() {
  const intl = useIntl();
  const { data: session } = useSuspenseQuery(sessionQuery);
  return (
    <Group component="nav" aria-label={intl.formatMessage({ id: 'credit.nav.label' })} gap="lg">
      {PAGES.filter((p) => allows(session.roles, p.roles)).map((p) => (
        <AnchorLink key={p.to} to={p.to} activeOptions={{ exact: true }} activeProps={{ 'aria-current': 'page', fw: 700 }}>
          {intl.formatMessage({ id: p.label })}
        </AnchorLink>
      ))}
    </Group>
  );
}
