import { Group } from '@mantine/core';
import { useIntl } from 'react-intl';
import { AnchorLink } from '../ui/links';

/** The scenarios area's pages: the scenarios themselves and which invoices follow which. */
export function ScenariosNav() {
  const intl = useIntl();
  const current = { 'aria-current': 'page', fw: 700 } as const;
  return (
    <Group component="nav" aria-label={intl.formatMessage({ id: 'scenarios.nav.label' })} gap="lg">
      <AnchorLink to="/scenarios" activeOptions={{ exact: true }} activeProps={current}>{intl.formatMessage({ id: 'scenarios.nav.list' })}</AnchorLink>
      <AnchorLink to="/scenarios/assignments" activeProps={current}>{intl.formatMessage({ id: 'scenarios.nav.assignments' })}</AnchorLink>
    </Group>
  );
}
