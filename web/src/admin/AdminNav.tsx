import { Group } from '@mantine/core';
import { useIntl } from 'react-intl';
import { AnchorLink } from '../ui/links';

const PAGES = [
  { to: '/admin/users', label: 'admin.nav.users' },
  { to: '/admin/groups', label: 'admin.nav.groups' },
  { to: '/admin/integrations', label: 'admin.nav.integrations' },
  { to: '/admin/imports', label: 'admin.nav.imports' },
  { to: '/admin/erp-events', label: 'admin.nav.erpEvents' },
] as const;

/** The administration's pages, one link each. */
export function AdminNav() {
  const intl = useIntl();
  return (
    <Group component="nav" aria-label={intl.formatMessage({ id: 'admin.nav.label' })} gap="lg">
      {PAGES.map((p) => <AnchorLink key={p.to} to={p.to} activeProps={{ 'aria-current': 'page', fw: 700 }}>{intl.formatMessage({ id: p.label })}</AnchorLink>)}
    </Group>
  );
}
