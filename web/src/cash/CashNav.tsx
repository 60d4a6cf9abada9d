import { Group } from '@mantine/core';
import { useIntl } from 'react-intl';
import { AnchorLink } from '../ui/links';

/** The cash pages (both open to the roles of the cash routes: cash and credit managers). */
const PAGES = [
  { to: '/cash', label: 'cash.nav.review' },
  { to: '/cash/statements', label: 'cash.nav.statements' },
] as const;

export function CashNav() {
  const intl = useIntl();
  return (
    <Group component="nav" aria-label={intl.formatMessage({ id: 'cash.nav.label' })} gap="lg">
      {PAGES.map((p) => (
        <AnchorLink key={p.to} to={p.to} activeOptions={{ exact: true, includeSearch: false }} activeProps={{ 'aria-current': 'page', fw: 700 }}>
          {intl.formatMessage({ id: p.label })}
        </AnchorLink>
      ))}
    </Group>
  );
}
